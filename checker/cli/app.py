"""Command line: turns options into a library call and the result into output and an exit code.

Options of ``check`` default to None so that the configuration file can fill what the command
line leaves open (see :mod:`checker.config`). Every failure the user can cause — a bad option,
a missing file, a broken template or configuration — ends with a Chinese message and exit 2,
never a traceback; so do usage errors click would report in English.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, List, Optional, Sequence, get_args, get_origin

import typer
from typer.core import TyperCommand, TyperGroup

from .. import __version__
from ..api import SKIPPED, check_data, check_files, expand_paths, found_in_directories, iter_check_files, outline_file, template_for
from ..batch import FileSummary, summary_table
from ..config import ORIGIN_CLI, Settings, check_previous, describe, resolve, validate_option
from ..model import SEVERITY_RANK, FileResult, Status
from ..outline.grammar import grammar_text
from ..model import exit_code as run_exit_code
from ..render import BINARY, FORMATS, STREAMED, RenderContext, render, render_bytes, render_stream
from ..rules import registry
from ..template import builtin_names, load_template
from .errors import BrokenOutput, Interrupted, extra_arguments, fail, guarded, unknown_command
from .output import output_stream, refuse_input_as_output, write_file
from .help import format_help
from ..outline.view import render_outline


def _plain_parameters() -> None:
    """Let command-line strings through without building a pydantic validator per parameter.

    Recent typer releases check every parameter with a pydantic ``TypeAdapter``; importing
    pydantic and building the adapters took about 0.2 s of every run, more than checking a
    report. fzcheck's parameters are all ``str``, ``bool`` or ``list[str]`` (numbers, dates and
    choices are parsed by :func:`_number` and :mod:`checker.config` with Chinese messages), so
    a value that already has its type is returned as it is; anything else still goes to
    typer's own coercion. Older typer releases have no such hook and need nothing.
    """
    try:
        # optional: only recent typer releases have these (older ones: see below)
        from typer import core as typer_core
        from typer._coercion import RuntimeParam
    except ImportError:  # pragma: no cover - older typer: click converts the values
        return
    build = getattr(typer_core, "build_runtime_param", None)
    if build is None or getattr(build, "plain_first", False):
        return

    def has_type(value: Any, annotation: Any) -> bool:
        if annotation in (str, bool):
            return type(value) is annotation
        if get_origin(annotation) is list and get_args(annotation) == (str,):
            return isinstance(value, (list, tuple)) and all(type(v) is str for v in value)
        return False

    @dataclasses.dataclass(frozen=True)
    class PlainParam(RuntimeParam):
        descriptor: Any = None

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if has_type(value, self.annotation):
                return list(value) if isinstance(value, tuple) else value
            return build(self.descriptor)._coerce_value(value, param=param, ctx=ctx)

    def build_plain_first(descriptor: Any) -> Any:
        if descriptor.file_annotation is None and descriptor.parameter_info.parser is None:
            annotation = descriptor.annotation
            if annotation in (str, bool) or (get_origin(annotation) is list and get_args(annotation) == (str,)):
                return PlainParam(descriptor.parameter_info, annotation, descriptor)
        return build(descriptor)

    build_plain_first.plain_first = True  # type: ignore[attr-defined]
    typer_core.build_runtime_param = build_plain_first


_plain_parameters()


class _ChineseHelp(TyperCommand):
    """A command whose ``--help`` is in Chinese and fits the terminal (see :mod:`checker.cli.help`)."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(format_help(ctx, self))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Extra arguments are said in Chinese: click is let to keep them, then they are refused."""
        allowed, ctx.allow_extra_args = ctx.allow_extra_args, True
        try:
            rest = super().parse_args(ctx, args)
        finally:
            ctx.allow_extra_args = allowed
        if ctx.args and not allowed and not ctx.resilient_parsing:
            raise extra_arguments(ctx.args)
        return rest


class _ChineseErrors(TyperGroup):
    """Usage errors, library errors and defects become a Chinese message and exit 2."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(format_help(ctx, self))

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra: Any) -> Any:
        code = guarded(lambda: super(_ChineseErrors, self).main(args, prog_name, complete_var, standalone_mode=False, **extra))
        if standalone_mode:
            sys.exit(code)
        return code

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """An unknown command is said in Chinese, with the one close command if there is one."""
        name = args[0] if args else None
        if name and not name.startswith("-") and not ctx.resilient_parsing and self.get_command(ctx, name) is None:
            raise unknown_command(name, self.list_commands(ctx))
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        """Ctrl-C and a closed pipe reach :meth:`main` as themselves (click would turn them into
        a silent exit 130 and an exit 1)."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted() from None
        except BrokenPipeError:
            raise BrokenOutput() from None


class _App(typer.Typer):
    """The program: every command it gets (``@app.command()``) has its help in Chinese."""

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", _ChineseHelp)
        return super().command(*args, **kwargs)


app = _App(
    cls=_ChineseErrors,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="fzcheck：法治政府建设年度报告发布前检查工具。",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fzcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True, help="显示版本号并退出"),
) -> None:
    """fzcheck：法治政府建设年度报告发布前检查工具。"""



def _number(text: str | None, option: str, kind: type) -> Any:
    """Parse a numeric option here, so that a bad value gets a Chinese message."""
    if text is None:
        return None
    try:
        return kind(text.strip())
    except ValueError:
        fail(f"{option} 应为{'整数' if kind is int else '数字'}，而不是 {text!r}")


def _settings(config: str | None, **cli: Any) -> Settings:
    """Validate the command-line values and lay them over the configuration file and defaults."""
    given = {key: validate_option(key, value) for key, value in cli.items() if value is not None}
    return resolve(given, config)



def _check_binary_output(fmt: str, output: str | None, files: list[str]) -> None:
    """A Word or Excel file goes to a named file (never the terminal); a Word draft is one report."""
    example = {"docx": "报告（审核意见）.docx", "xlsx": "审核台账.xlsx"}[fmt]
    if output in (None, "-"):
        fail(f"--format {fmt} 生成的是{'Word' if fmt == 'docx' else 'Excel'}文件，请用 -o 指定输出文件，如 -o {example}")
    if fmt == "docx" and len(files) > 1:
        fail(f"--format docx 每次只能为一份报告生成批注稿（这次有 {len(files)} 个文件）；批量审核请用 --format xlsx")
    if fmt == "docx" and Path(output).suffix.lower() != ".docx":
        fail(f"--format docx 的输出文件应以 .docx 结尾（而不是 {output}）")
    if fmt == "xlsx" and Path(output).suffix.lower() != ".xlsx":
        fail(f"--format xlsx 的输出文件应以 .xlsx 结尾（而不是 {output}）")


def exit_code(results: Sequence[FileResult | FileSummary], fail_on: str) -> int:
    """From each file's :class:`~checker.model.Status` (2: one could not be checked) and counts."""
    summaries = [FileSummary.of(r) for r in results]
    return run_exit_code(((Status.of(s.counts, s.failed, s.partly), s.counts) for s in summaries), fail_on)


def progress_wanted() -> bool:
    """A progress bar only for a person at a terminal: never in pipes, files or CI logs."""
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Callable[[FileResult], None] | None]:
    """A progress callback drawing a bar on stderr, when a person is watching a batch."""
    if total < 2 or not progress_wanted():
        yield None
        return
    # deferred: rich's progress bar, only for a batch shown on a terminal
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    # auto_refresh off: no refresh thread while worker processes are forked
    with Progress(
        TextColumn("检查中"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=Console(stderr=True), transient=True, auto_refresh=False,
    ) as bar:
        task = bar.add_task("check", total=total)
        bar.refresh()

        def advance(_: FileResult) -> None:
            bar.advance(task)
            bar.refresh()

        yield advance


NUMBER, FILE, TEXT_VALUE = "〈数字〉", "〈文件〉", "〈值〉"
STDIN = "-"
STDIN_NAMES = ("-", "/dev/stdin")  # /dev/stdin is a pipe or a terminal, not a file to read as one


@app.command()
def check(
    paths: Optional[List[str]] = typer.Argument(
        None, help="报告文件或目录（.txt .md .docx .html）；- 表示从标准输入读取", show_default=False, metavar="〈路径〉..."
    ),
    template: Optional[str] = typer.Option(None, "--template", "-t", metavar="〈模板〉", help="模板名称或模板文件（YAML）［默认 annual］"),
    year: Optional[str] = typer.Option(None, "--year", metavar=NUMBER, help="报告年度 N（默认从标题、开头或章节标题识别）"),
    date: Optional[str] = typer.Option(None, "--date", metavar="〈日期〉", help="成文日期 YYYY-MM-DD（落款和网页元数据都没有时使用）"),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", metavar="〈格式〉", help=f"输出格式：{'|'.join(FORMATS)}［默认 text］"),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar=FILE, help="输出到文件（默认标准输出）；终端上只显示一行汇总"),
    fail_on: Optional[str] = typer.Option(
        None, "--fail-on", metavar="〈级别〉", help="有该级别或更严重的问题时退出码为 1：error|warning|info|never［默认 error］"
    ),
    min_severity: Optional[str] = typer.Option(
        None, "--min-severity", metavar="〈级别〉", help="只显示该级别及以上的问题：error|warning|info［默认 info］；退出码仍按 --fail-on"
    ),
    select: Optional[List[str]] = typer.Option(
        None, "--select", metavar="〈规则〉", help="只检查这些规则或类别（逗号分隔，可重复；类别：structure dates indicators figures text）"
    ),
    ignore: Optional[List[str]] = typer.Option(
        None, "--ignore", metavar="〈规则〉", help="不检查这些规则或类别（逗号分隔，可重复；与配置文件中的 ignore 合并）"
    ),
    config: Optional[str] = typer.Option(
        None, "--config", "-c", metavar=FILE, help="配置文件（默认从当前目录向上查找 .fzcheck.yaml 或 pyproject.toml）"
    ),
    jobs: Optional[str] = typer.Option(None, "--jobs", "-j", metavar=NUMBER, help="并行检查的进程数［默认 CPU 核数］"),
    max_size: Optional[str] = typer.Option(None, "--max-size", metavar=NUMBER, help="单个文件大小上限（MB）［默认 20］"),
    include: Optional[List[str]] = typer.Option(None, "--include", metavar="〈模式〉", help="只检查匹配的文件（glob，可重复）"),
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", metavar="〈模式〉", help="跳过匹配的文件（glob，可重复）"),
    skip_non_reports: bool = typer.Option(
        False, "--skip-non-reports", help="不像法治政府建设年度报告的文件跳过而不报错（pre-commit 钩子使用；目录中找到的文件总是如此）"
    ),
    stdin_filename: Optional[str] = typer.Option(
        None, "--stdin-filename", metavar=FILE, help="从标准输入读取时使用的文件名，其扩展名决定格式［默认 .txt］"
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="只输出问题本身：不显示文件标题、汇总和跳过的文件"),
    no_color: bool = typer.Option(False, "--no-color", help="不使用颜色（也可设置环境变量 NO_COLOR）"),
    print_config: bool = typer.Option(False, "--print-config", help="显示生效的设置及其来源，然后退出"),
    previous: Optional[str] = typer.Option(
        None, "--previous", help="上一年度的报告，检查与上年雷同（文件；目录或 auto：按主体和年度−1查找）"
    ),
    no_revisions: bool = typer.Option(
        False, "--no-revisions", help="--format docx：只加批注，不把可确定的改法写成修订"
    ),
) -> None:
    """检查报告，列出问题和修改建议。"""
    settings = _settings(
        config,
        template=template,
        year=_number(year, "--year", int),
        date=date,
        format=fmt,
        output=output,
        fail_on=fail_on,
        jobs=_number(jobs, "--jobs", int),
        max_size=_number(max_size, "--max-size", float),
        exclude=tuple(exclude) if exclude else None,
        include=tuple(include) if include else None,
        select=tuple(select) if select else None,
        ignore=tuple(ignore) if ignore else None,
        min_severity=min_severity,
        previous=previous,
    )
    if print_config:
        typer.echo(describe(settings), nl=False)
        raise typer.Exit(0)
    if not paths:
        fail("请指定要检查的报告文件或目录（fzcheck check --help 查看用法）")
    template_for(settings["template"])  # a bad template stops the run before any file
    origin = settings.origins["previous"]
    check_previous(settings["previous"], "--previous" if origin == ORIGIN_CLI else f"{origin}：previous")
    options = settings.options()
    paths = [STDIN if p in STDIN_NAMES else p for p in paths]
    from_stdin = STDIN in paths
    if from_stdin and len(paths) > 1:
        fail("从标准输入读取（-）时不能再指定其他文件")
    if from_stdin:
        files = [STDIN]
    else:
        marked = found_in_directories(paths, settings["include"], settings["exclude"])
        files = [p for p, _ in marked]
        found = frozenset(p for p, in_directory in marked if in_directory)
        options = dataclasses.replace(options, skip_non_reports=True if skip_non_reports else found)
        if not files and not skip_non_reports:
            fail("没有找到可检查的报告文件（.txt .md .docx .html .htm）")
    refuse_input_as_output(settings["output"], [f for f in files if f != STDIN])
    fmt, fail_on, output = settings["format"], settings["fail_on"], settings["output"]
    if fmt in BINARY:
        _check_binary_output(fmt, output, files)
    shown = SEVERITY_RANK[settings["min_severity"]]
    color = (
        output is None and not no_color and sys.stdout.isatty()
        and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    )
    ctx = RenderContext(version=__version__, color=color, fail_on=fail_on, quiet=quiet, revisions=not no_revisions)
    summaries: list[FileSummary] = []
    skipped: list[str] = []

    def kept(results: Iterable[FileResult]) -> Iterator[FileResult]:
        for r in results:  # each result is let go once written; its summary stays
            if r.error is not None and r.error.code == SKIPPED:
                skipped.append(r.error.message)  # said after the output, never across a progress bar
                continue
            summaries.append(FileSummary.of(r))
            if shown > 1:
                r = dataclasses.replace(r, findings=tuple(f for f in r.findings if SEVERITY_RANK[f.severity] >= shown))
            yield r

    def checked_stdin() -> Iterator[FileResult]:
        yield check_data(_read_stdin(options.max_bytes), stdin_filename or "<标准输入>", options, stdin_filename or ".txt")

    # Written as the files are checked, so that a big batch is never held whole; but not onto
    # a terminal that is showing the progress bar, nor in formats that open with a summary.
    to_terminal = output in (None, "-") and len(files) > 1 and progress_wanted()
    with output_stream(output, files, binary=fmt in BINARY) as write:
        if fmt in BINARY:  # a Word or Excel file: made whole from every result, the input never touched
            inputs = None
            if from_stdin:  # the draft's bytes are held here: they cannot be read again
                name, data = stdin_filename or "<标准输入>", _read_stdin(options.max_bytes)
                checked = [check_data(data, name, options, stdin_filename or ".txt")]
                inputs = {name: data}
            else:
                with _progress(len(files)) as progress:
                    checked = check_files(files, options, settings["jobs"], progress, compact=fmt != "docx")
            write(render_bytes(list(kept(checked)), fmt, ctx, inputs))
        elif from_stdin:
            write(render(list(kept(checked_stdin())), fmt, ctx))
        elif fmt in STREAMED and not to_terminal:
            with _progress(len(files)) as progress:
                results = iter_check_files(files, options, settings["jobs"], progress, compact=True, encode=fmt)
                with contextlib.closing(results):  # a signal or an error stops the workers at once
                    for piece in render_stream(kept(results), len(files), fmt, ctx):
                        write(piece)
        else:
            with _progress(len(files)) as progress:
                checked = check_files(files, options, settings["jobs"], progress, compact=True)
            write(render(list(kept(checked)), fmt, ctx))
        if fmt == "text" and not quiet and len(summaries) > 1:
            write("\n" + summary_table(summaries, fail_on))
        if fmt == "text" and not quiet and skipped:
            write(f"另有 {len(skipped)} 个文件不像法治政府建设年度报告，已跳过。\n")
    if not quiet:
        for message in skipped:
            typer.echo(message, err=True)
    if output is not None or fmt != "text":
        for s in summaries:  # the person at the terminal still hears about files that could not be read
            if s.failed:
                typer.echo(f"fzcheck: {s.error_message}", err=True)
    if output not in (None, "-") and not quiet:
        typer.echo(f"{one_line_summary(summaries, skipped)}结果已写入 {output}", err=True)
    raise typer.Exit(exit_code(summaries, fail_on))


def one_line_summary(summaries: Sequence[FileSummary], skipped: Sequence[str] = ()) -> str:
    totals = {k: sum(s.counts.get(k, 0) for s in summaries) for k in ("error", "warning", "info")}
    failed = sum(s.failed for s in summaries)
    extra = (f"，{failed} 个无法检查" if failed else "") + (f"，跳过 {len(skipped)} 个" if skipped else "")
    return (
        f"共检查 {len(summaries)} 个文件{extra}：错误 {totals['error']} 处，"
        f"警告 {totals['warning']} 处，提示 {totals['info']} 处。"
    )


def _read_stdin(max_bytes: int) -> bytes:
    """Standard input, at most ``max_bytes`` + 1 bytes (the reader says when it is too large)."""
    stream = getattr(sys.stdin, "buffer", None)
    try:
        if stream is None:  # a text stream (tests): encode what it holds
            return sys.stdin.read(max_bytes + 1).encode("utf-8")
        return stream.read(max_bytes + 1)
    except (OSError, ValueError) as exc:
        fail(f"无法读取标准输入（{exc}）")
    return b""


@app.command("outline")
def outline_cmd(
    path: str = typer.Argument(..., help="报告文件", metavar="〈文件〉"),
    template: Optional[str] = typer.Option(None, "--template", "-t", metavar="〈模板〉", help="模板名称或模板文件［默认 annual］"),
    year: Optional[str] = typer.Option(None, "--year", metavar=NUMBER, help="报告年度 N"),
    date: Optional[str] = typer.Option(None, "--date", metavar="〈日期〉", help="成文日期 YYYY-MM-DD"),
    config: Optional[str] = typer.Option(None, "--config", "-c", metavar=FILE, help="配置文件"),
) -> None:
    """显示解析出的结构：标题、年度、成文日期、各级标题及其对应的模板章节。"""
    settings = _settings(config, template=template, year=_number(year, "--year", int), date=date)
    files = expand_paths([path])
    if not files:
        fail(f"{path}：没有找到可检查的报告文件")
    result = outline_file(files[0], settings.options())
    if result.error:
        fail(result.error.message)
    typer.echo(render_outline(result.report, result.template_view), nl=False)


@app.command("grammar")
def grammar_cmd(
    template: str = typer.Option("annual", "--template", "-t", metavar="〈模板〉", help="模板名称或模板文件［默认 annual］"),
) -> None:
    """显示模板生成的报告结构文法（Lark）：报告应有哪些部分、哪些章节必需、标题如何识别。"""
    typer.echo(grammar_text(template_for(template)), nl=False)


@app.command()
def rules() -> None:
    """列出全部规则：编号、默认级别、说明。"""
    for r in registry().values():
        typer.echo(f"{r.id:24} {r.severity:8} {r.summary}")


@app.command()
def explain(rule_id: str = typer.Argument(..., help="规则编号，如 section-missing", metavar="〈规则〉")) -> None:
    """说明一条规则：检查什么、依据、不合格与合格示例。"""
    rule = registry().get(rule_id)
    if rule is None:
        fail(f"没有规则 {rule_id!r}（fzcheck rules 列出全部规则）")
    typer.echo(explain_text(rule), nl=False)


def explain_text(rule) -> str:
    return (
        f"{rule.id}（默认级别：{rule.severity}）\n{rule.summary}\n\n"
        f"为什么：{rule.rationale}\n依据：{rule.source}\n\n"
        "不合格示例与合格示例（只列出两者不同的行；“- ”为不合格示例，会报告此问题；“+ ”为改正后的合格示例）：\n"
        f"{example_diff(rule.bad, rule.good)}\n"
    )


def example_diff(bad: str, good: str) -> str:
    """The lines where the failing example differs from the passing one, each group headed by
    its line number in the failing example: ``- `` what fails, ``+ `` what passes instead."""
    # deferred: difflib, only for `fzcheck explain`'s example diff
    import difflib

    old, new = bad.strip("\n").splitlines(), good.strip("\n").splitlines()
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 == i1:  # only in the passing example
            out.append(f"  {'开头' if i1 == 0 else f'第{i1}行之后'}（合格示例多出的行）：")
        elif j2 == j1:  # only in the failing example
            out.append(f"  第{i1 + 1}行（合格示例中删去）：" if i2 == i1 + 1 else f"  第{i1 + 1}—{i2}行（合格示例中删去）：")
        else:
            out.append(f"  第{i1 + 1}行：" if i2 == i1 + 1 else f"  第{i1 + 1}—{i2}行：")
        out.extend(f"    - {line}" for line in old[i1:i2])
        out.extend(f"    + {line}" for line in new[j1:j2])
    return "\n".join(out) if out else "  （两个示例相同）"


def _deadline_text(value: str | None) -> str | None:
    if not value:
        return None
    month, day = value.split("-")
    return f"次年{int(month)}月{'底' if day == 'end' else f'{int(day)}日'}前"


@app.command()
def templates() -> None:
    """列出内置模板。"""
    width = max(12, *(len(n) + 1 for n in builtin_names()))
    for name in builtin_names():
        t = load_template(name)
        required = "、".join(s.title for s in t.sections if s.required)
        deadlines = [
            f"{label}：{text}"
            for label, key in (("报送", "submit"), ("公开", "publish"))
            if (text := _deadline_text(t.deadlines.get(key)))
        ]
        typer.echo(f"{name:{width}} {t.label}\n{'':{width}} 必需部分：{required}")
        if deadlines:
            typer.echo(f"{'':{width}} 期限：{'；'.join(deadlines)}")


@app.command()
def init(
    subject: Optional[str] = typer.Option(
        None, "--subject", "-s", metavar="〈名称〉", help="报告主体，如 柳溪县、柳溪县司法局（用 --previous 时默认沿用去年的）"
    ),
    year: Optional[str] = typer.Option(None, "--year", metavar=NUMBER, help="报告年度 N［默认上一年］"),
    template: Optional[str] = typer.Option(None, "--template", "-t", metavar="〈模板〉", help="模板名称或模板文件［默认 annual］"),
    output: Optional[str] = typer.Option(
        None, "--output", "-o", metavar=FILE, help="输出文件：.docx、.md 或 .txt［默认「主体N年法治政府建设年度报告（草稿）.md」］"
    ),
    organ: Optional[str] = typer.Option(None, "--organ", metavar="〈名称〉", help="落款的机关名称［默认由主体推出，如 柳溪县人民政府］"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的文件"),
    previous: Optional[str] = typer.Option(
        None, "--previous", metavar=FILE, help="沿用去年报告的各级标题和段落，其中的数字留作【待补充】式占位（XX）"
    ),
    config: Optional[str] = typer.Option(None, "--config", "-c", metavar=FILE, help="配置文件（取其中的 template）"),
) -> None:
    """生成报告草稿框架：标题、按规定顺序排列的各部分标题、应写内容和【待补充】占位。"""
    # deferred: the init module (jinja2, python-docx), only for `fzcheck init`
    from ..init import build_from_previous, build_skeleton, default_output, default_year, output_kind, skeleton_file

    template_ref = template or _settings(config)["template"]
    report_year = _number(year, "--year", int) if year is not None else default_year()
    if previous is not None:
        skeleton = build_from_previous(previous, report_year, template_ref, subject, organ)
    elif subject is None:
        fail("缺少选项 --subject（报告主体，如 柳溪县）；或用 --previous 沿用去年的报告")
    else:
        skeleton = build_skeleton(subject, report_year, template_ref, organ)
    target = output or default_output(skeleton)
    output_kind(target)
    try:
        write_file(target, skeleton_file(skeleton, target, force=force), replace=force, keep_mode=False)
    except FileExistsError:  # put there meanwhile
        fail(f"文件 {target} 已存在，未覆盖（确需覆盖请加 --force）")
    except OSError as exc:
        fail(f"无法写入 {target}（{exc.strerror or exc}）")
    written = Path(target)
    typer.echo(f"已生成报告草稿框架：{written}（模板 {skeleton.template}，{len(skeleton.sections)} 个部分）")
    typer.echo(f"请把其中的【待补充】和 XX 换成实际内容，并在落款处填写成文日期；写完后运行：fzcheck check \"{written}\"")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址［默认 127.0.0.1，只有本机能打开］", show_default=False),
    port: str = typer.Option("8000", "--port", "-p", help="端口［默认 8000；0 表示任选空闲端口］", show_default=False),
    template: Optional[str] = typer.Option(None, "--template", "-t", help="默认模板：名称或模板文件（页面上可另选）"),
    config: Optional[str] = typer.Option(None, "--config", "-c", help="配置文件（模板、规则级别、文件大小上限）"),
    jobs: Optional[str] = typer.Option(None, "--jobs", "-j", help="同时检查的进程数［默认 CPU 核数］"),
    max_size: Optional[str] = typer.Option(None, "--max-size", help="单个文件大小上限（MB）［默认 20］"),
    timeout: str = typer.Option("60", "--timeout", help="单个文件检查时间上限（秒）［默认 60］", show_default=False),
) -> None:
    """启动本机网页检查：在浏览器里上传报告，对照原文看问题，下载修改意见单。"""
    # deferred: the serve package (starlette, uvicorn), only for `fzcheck serve`
    from .. import serve as web

    missing = web.missing_packages()
    if missing:
        fail(f"网页检查需要另外安装组件（缺少 {'、'.join(missing)}），请运行：{web.INSTALL_HINT}")
    port_number, seconds = _number(port, "--port", int), _number(timeout, "--timeout", float)
    if not 0 <= port_number <= 65535:
        fail(f"--port 应为 0—65535 之间的整数，而不是 {port}")
    if not 0 < seconds <= 3600:
        fail(f"--timeout 应为 0—3600 之间的秒数，而不是 {timeout}")
    settings = _settings(config, template=template, jobs=_number(jobs, "--jobs", int),
                         max_size=_number(max_size, "--max-size", float))
    template_for(settings["template"])  # a bad template stops before the server starts
    options = settings.options()
    server = web.ServeConfig(options=options, workers=settings["jobs"], timeout=seconds,
                             max_file_bytes=options.max_bytes,
                             max_request_bytes=max(web.ServeConfig.max_request_bytes, options.max_bytes))
    raise typer.Exit(web.run_server(server, host, port_number))


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
