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
import re
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, List, Optional, Sequence, get_args, get_origin

import typer
from typer.core import TyperGroup

try:  # recent typer vendors click as typer._click; older ones use click itself
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - depends on the installed typer
    from click import exceptions as click_errors

from . import __version__
from .config import Settings, describe, resolve, validate_option
from .batch import FileSummary, check_files, iter_check_files, summary_table
from .engine import check_paths, expand_paths
from .model import FileResult, FzcheckError
from .render import FORMATS, STREAMED, RenderContext, render, render_stream
from .rules import registry
from .template import builtin_names, load_template


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


class _ChineseErrors(TyperGroup):
    """Usage errors, library errors and defects become a Chinese message and exit 2."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra: Any) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = code if isinstance(code, int) else 0
        except click_errors.UsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError" and exc.ctx is not None:
                typer.echo(exc.ctx.get_help(), err=True)
            else:
                typer.echo(f"fzcheck: {usage_message(exc)}（fzcheck --help 查看用法）", err=True)
            code = 2
        except typer.Abort:
            typer.echo("fzcheck: 已中断", err=True)
            code = 130
        except FzcheckError as exc:
            typer.echo(f"fzcheck: {exc}", err=True)
            code = 2
        except Exception as exc:  # noqa: BLE001 - a defect: say so plainly, no traceback
            if os.environ.get("FZCHECK_DEBUG"):
                raise
            typer.echo(
                f"fzcheck: 内部错误（{type(exc).__name__}: {exc}）。请报告此问题；"
                "设置环境变量 FZCHECK_DEBUG=1 可显示详细信息。",
                err=True,
            )
            code = 2
        if standalone_mode:
            sys.exit(code)
        return code


_CLICK_MESSAGES = (  # click's English usage messages, and how to say them
    (re.compile(r"No such command '([^']*)'\.(?: Did you mean '([^']*)'\?)?"), "没有命令 {0}{1}"),
    (re.compile(r"Option '([^']*)' requires an argument\."), "选项 {0} 需要一个值"),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)"), "多余的参数：{0}"),
    (re.compile(r"Missing argument '([^']*)'\."), "缺少参数 {0}"),
    (re.compile(r"Missing option '([^']*)'\."), "缺少选项 {0}"),
)


def usage_message(exc: Exception) -> str:
    """Say a click usage error in Chinese (click itself speaks English)."""
    if isinstance(exc, click_errors.NoSuchOption):
        possibilities = sorted(getattr(exc, "possibilities", None) or ())
        hint = f"（是否要用 {'、'.join(possibilities)}？）" if possibilities else ""
        return f"没有选项 {exc.option_name}{hint}"
    param = getattr(exc, "param", None)
    if isinstance(exc, click_errors.MissingParameter) and param is not None:
        if getattr(param, "param_type_name", "") == "option":
            return f"缺少选项 {'/'.join(param.opts)}"
        return f"缺少参数 {(param.name or '').upper()}"
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    for pattern, chinese in _CLICK_MESSAGES:
        m = pattern.search(message)
        if m:
            groups = [g or "" for g in m.groups()]
            if chinese.startswith("没有命令"):
                groups[1] = f"（是否要用 {groups[1]}？）" if groups[1] else ""
            return chinese.format(*groups)
    if isinstance(exc, click_errors.BadParameter) and param is not None:
        return f"{'/'.join(getattr(param, 'opts', ()) or [param.name or ''])} 的值无效：{message}"
    return f"命令行用法错误：{message}"


app = typer.Typer(
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
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本号并退出"),
) -> None:
    """fzcheck：法治政府建设年度报告发布前检查工具。"""


def fail(message: str) -> None:
    """Stop with a message on stderr and exit code 2 (the tool could not do its job)."""
    typer.echo(f"fzcheck: {message}", err=True)
    raise typer.Exit(2)


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


def write_output(text: str, output: str | None, inputs: list[str]) -> None:
    """Print, or write the file atomically (never half a file); never write over an input."""
    with output_stream(output, inputs) as write:
        write(text)


@contextlib.contextmanager
def output_stream(output: str | None, inputs: list[str]) -> Iterator[Callable[[str], Any]]:
    """A ``write`` function for the output, used piece by piece; the file appears whole or not
    at all.

    A file is written to a temporary file beside it, which replaces the target only once the
    last piece is in (``os.replace``: atomic on one file system). If anything goes wrong
    before, the temporary file is removed and an existing report is left as it was. The new
    file gets the permissions an ordinary write would give it (an existing file keeps its own),
    not the owner-only ones of a temporary file.
    """
    if output is None or output == "-":
        yield sys.stdout.write
        sys.stdout.flush()
        return
    refuse_input_as_output(output, inputs)
    target = Path(output)
    if target.is_dir():
        fail(f"输出路径 {output} 是一个目录")
    directory = target.parent if str(target.parent) else Path(".")
    tmp = None
    try:
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
            os.chmod(tmp, _file_mode(target))
            fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        except OSError as exc:
            fail(f"无法写入输出文件 {output}（{exc.strerror or exc}）")
        try:
            with fh:
                yield fh.write
        except OSError as exc:
            fail(f"无法写入输出文件 {output}（{exc.strerror or exc}）")
        try:
            os.replace(tmp, target)
        except OSError as exc:
            fail(f"无法写入输出文件 {output}（{exc.strerror or exc}）")
        tmp = None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _file_mode(target: Path) -> int:
    """An existing file's permissions, else what a new file gets under the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def refuse_input_as_output(output: str | None, inputs: list[str]) -> None:
    """Stop if the output would replace a file being checked: the same path, however spelt
    (relative, through a symbolic link), or another name of the same file (a hard link)."""
    if output is None or output == "-":
        return
    resolved = Path(output).resolve()
    exists = os.path.exists(output)
    for p in inputs:
        try:
            if Path(p).resolve() == resolved or (exists and os.path.samefile(p, output)):
                fail(f"输出文件 {output} 就是被检查的文件，拒绝覆盖")
        except OSError:
            continue


def exit_code(results: Sequence[FileResult | FileSummary], fail_on: str) -> int:
    summaries = [FileSummary.of(r) for r in results]
    if any(r.failed for r in summaries):
        return 2
    if fail_on == "never":
        return 0
    return 1 if any(r.status(fail_on) == "未通过" for r in summaries) else 0


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


@app.command()
def check(
    paths: Optional[List[str]] = typer.Argument(None, help="报告文件或目录（.txt .md .docx .html）", show_default=False),
    template: Optional[str] = typer.Option(None, "--template", "-t", help="模板名称或模板文件（YAML）［默认 annual］"),
    year: Optional[str] = typer.Option(None, "--year", help="报告年度 N（默认从标题、开头或章节标题识别）"),
    date: Optional[str] = typer.Option(None, "--date", help="成文日期 YYYY-MM-DD（落款和网页元数据都没有时使用）"),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help=f"输出格式：{'|'.join(FORMATS)}［默认 text］"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="输出到文件（默认标准输出）"),
    fail_on: Optional[str] = typer.Option(
        None, "--fail-on", help="达到该级别即以退出码 1 结束：error|warning|info|never［默认 error］"
    ),
    config: Optional[str] = typer.Option(
        None, "--config", "-c", help="配置文件（默认从当前目录向上查找 .fzcheck.yaml 或 pyproject.toml）"
    ),
    jobs: Optional[str] = typer.Option(None, "--jobs", "-j", help="并行检查的进程数［默认 CPU 核数］"),
    max_size: Optional[str] = typer.Option(None, "--max-size", help="单个文件大小上限（MB）［默认 20］"),
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", help="跳过匹配的文件（glob，可重复）"),
    print_config: bool = typer.Option(False, "--print-config", help="显示生效的设置及其来源，然后退出"),
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
    )
    if print_config:
        typer.echo(describe(settings), nl=False)
        raise typer.Exit(0)
    if not paths:
        fail("请指定要检查的报告文件或目录（fzcheck check --help 查看用法）")
    load_template(settings["template"])  # a bad template stops the run before any file
    files = expand_paths(paths, settings["exclude"])
    if not files:
        fail("没有找到可检查的报告文件（.txt .md .docx .html .htm）")
    refuse_input_as_output(settings["output"], files)
    fmt, fail_on, output = settings["format"], settings["fail_on"], settings["output"]
    color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    ctx = RenderContext(version=__version__, color=color, fail_on=fail_on)
    summaries: list[FileSummary] = []

    def kept(results: Iterable[FileResult]) -> Iterator[FileResult]:
        for r in results:  # each result is let go once written; its summary stays
            summaries.append(FileSummary.of(r))
            yield r

    # Written as the files are checked, so that a big batch is never held whole; but not onto
    # a terminal that is showing the progress bar, nor in formats that open with a summary.
    to_terminal = output in (None, "-") and len(files) > 1 and progress_wanted()
    with output_stream(output, files) as write:
        if fmt in STREAMED and not to_terminal:
            with _progress(len(files)) as progress:
                results = iter_check_files(files, settings.options(), settings["jobs"], progress, compact=True)
                for piece in render_stream(kept(results), len(files), fmt, ctx):
                    write(piece)
        else:
            with _progress(len(files)) as progress:
                checked = check_files(files, settings.options(), settings["jobs"], progress, compact=True)
            write(render(list(kept(checked)), fmt, ctx))
        if fmt == "text" and len(files) > 1:
            write("\n" + summary_table(summaries, fail_on))
    if output is not None or fmt != "text":
        for s in summaries:  # the person at the terminal still hears about files that could not be read
            if s.failed:
                typer.echo(f"fzcheck: {s.error_message}", err=True)
    raise typer.Exit(exit_code(summaries, fail_on))


@app.command("outline")
def outline_cmd(
    path: str = typer.Argument(..., help="报告文件"),
    template: Optional[str] = typer.Option(None, "--template", "-t", help="模板名称或模板文件［默认 annual］"),
    year: Optional[str] = typer.Option(None, "--year", help="报告年度 N"),
    date: Optional[str] = typer.Option(None, "--date", help="成文日期 YYYY-MM-DD"),
    config: Optional[str] = typer.Option(None, "--config", "-c", help="配置文件"),
) -> None:
    """显示解析出的结构：标题、年度、成文日期、各级标题及其对应的模板章节。"""
    from .outline_view import render_outline

    settings = _settings(config, template=template, year=_number(year, "--year", int), date=date)
    results = check_paths([path], settings.options())
    if not results:
        fail(f"{path}：没有找到可检查的报告文件")
    result = results[0]
    if result.error:
        fail(result.error.message)
    typer.echo(render_outline(result.report, load_template(settings["template"])), nl=False)


@app.command()
def rules() -> None:
    """列出全部规则：编号、默认级别、说明。"""
    for r in registry().values():
        typer.echo(f"{r.id:24} {r.severity:8} {r.summary}")


@app.command()
def explain(rule_id: str = typer.Argument(..., help="规则编号，如 section-missing")) -> None:
    """说明一条规则：检查什么、依据、不合格与合格示例。"""
    rule = registry().get(rule_id)
    if rule is None:
        fail(f"没有规则 {rule_id!r}（fzcheck rules 列出全部规则）")
    typer.echo(explain_text(rule), nl=False)


def explain_text(rule) -> str:
    return (
        f"{rule.id}（默认级别：{rule.severity}）\n{rule.summary}\n\n"
        f"为什么：{rule.rationale}\n依据：{rule.source}\n\n"
        f"不合格示例（会报告此问题）：\n{_indent(rule.bad)}\n\n"
        f"合格示例：\n{_indent(rule.good)}\n"
    )


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.strip("\n").splitlines())


def _deadline_text(value: str | None) -> str | None:
    if not value:
        return None
    month, day = value.split("-")
    return f"次年{int(month)}月{'底' if day == 'end' else f'{int(day)}日'}前"


@app.command()
def templates() -> None:
    """列出内置模板。"""
    for name in builtin_names():
        t = load_template(name)
        required = "、".join(s.title for s in t.sections if s.required)
        deadlines = [
            f"{label}：{text}"
            for label, key in (("报送", "submit"), ("公开", "publish"))
            if (text := _deadline_text(t.deadlines.get(key)))
        ]
        typer.echo(f"{name:12} {t.label}\n{'':12} 必需部分：{required}")
        if deadlines:
            typer.echo(f"{'':12} 期限：{'；'.join(deadlines)}")


@app.command()
def init(
    subject: str = typer.Option(..., "--subject", "-s", help="报告主体，如 柳溪县、柳溪县司法局"),
    year: Optional[str] = typer.Option(None, "--year", help="报告年度 N［默认上一年］"),
    template: Optional[str] = typer.Option(None, "--template", "-t", help="模板名称或模板文件［默认 annual］"),
    output: Optional[str] = typer.Option(
        None, "--output", "-o", help="输出文件：.docx、.md 或 .txt［默认「主体N年法治政府建设年度报告（草稿）.md」］"
    ),
    organ: Optional[str] = typer.Option(None, "--organ", help="落款的机关名称［默认由主体推出，如 柳溪县人民政府］"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的文件"),
    config: Optional[str] = typer.Option(None, "--config", "-c", help="配置文件（取其中的 template）"),
) -> None:
    """生成报告草稿框架：标题、按规定顺序排列的各部分标题、应写内容和【待补充】占位。"""
    from .init import build_skeleton, default_output, default_year, output_kind, write_skeleton

    template_ref = template or _settings(config)["template"]
    report_year = _number(year, "--year", int) if year is not None else default_year()
    skeleton = build_skeleton(subject, report_year, template_ref, organ)
    target = output or default_output(skeleton)
    output_kind(target)
    written = write_skeleton(skeleton, target, force=force)
    typer.echo(f"已生成报告草稿框架：{written}（模板 {skeleton.template}，{len(skeleton.sections)} 个部分）")
    typer.echo(f"请把其中的【待补充】换成实际内容，并在落款处填写成文日期；写完后运行：fzcheck check \"{written}\"")


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
    from . import serve as web

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
    load_template(settings["template"])  # a bad template stops before the server starts
    options = settings.options()
    server = web.ServeConfig(options=options, workers=settings["jobs"], timeout=seconds,
                             max_file_bytes=options.max_bytes,
                             max_request_bytes=max(web.ServeConfig.max_request_bytes, options.max_bytes))
    raise typer.Exit(web.run_server(server, host, port_number))


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
