"""Command line: turns options into a library call and the result into output and an exit code."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__
from .engine import Options, check_paths, expand_paths
from .model import SEVERITY_RANK, FileResult, FzcheckError
from .render import FORMATS, RenderContext, render
from .rules import registry
from .template import builtin_names, load_template

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="fzcheck：法治政府建设年度报告发布前检查工具。",
    context_settings={"help_option_names": ["-h", "--help"]},
)

FAIL_ON = ("error", "warning", "info", "never")


def fail(message: str) -> None:
    """Stop with a message on stderr and exit code 2 (the tool could not do its job)."""
    typer.echo(f"fzcheck: {message}", err=True)
    raise typer.Exit(2)


def parse_date_option(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--date 应为 YYYY-MM-DD 格式的有效日期，而不是 {value!r}")
    return None


def write_output(text: str, output: str | None, inputs: list[str]) -> None:
    """Print, or write the file atomically (never half a file); never write over an input."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(output)
    resolved = target.resolve()
    for p in inputs:
        try:
            if Path(p).resolve() == resolved:
                fail(f"输出文件 {output} 就是被检查的文件，拒绝覆盖")
        except OSError:
            continue
    if target.is_dir():
        fail(f"输出路径 {output} 是一个目录")
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except OSError as exc:
        fail(f"无法写入输出文件 {output}（{exc.strerror or exc}）")


def exit_code(results: list[FileResult], fail_on: str) -> int:
    if any(r.error for r in results):
        return 2
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    return 1 if any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings) else 0


@app.command()
def check(
    paths: List[str] = typer.Argument(..., help="报告文件或目录（.txt .md .docx .html）", show_default=False),
    template: str = typer.Option("annual", "--template", "-t", help="模板名称或模板文件（YAML）"),
    year: Optional[int] = typer.Option(None, "--year", help="报告年度 N（默认从标题、开头或章节标题识别）"),
    date: Optional[str] = typer.Option(None, "--date", help="成文日期 YYYY-MM-DD（落款和网页元数据都没有时使用）"),
    fmt: str = typer.Option("text", "--format", "-f", help=f"输出格式：{'|'.join(FORMATS)}"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="输出到文件（默认标准输出）"),
    fail_on: str = typer.Option("error", "--fail-on", help="达到该级别即以退出码 1 结束：error|warning|info|never"),
    max_size: float = typer.Option(20.0, "--max-size", help="单个文件大小上限（MB）"),
) -> None:
    """检查报告，列出问题和修改建议。"""
    if fmt not in FORMATS:
        fail(f"未知的输出格式 {fmt!r}（可用：{'、'.join(FORMATS)}）")
    if fail_on not in FAIL_ON:
        fail(f"--fail-on 应为 {'|'.join(FAIL_ON)}，而不是 {fail_on!r}")
    if year is not None and not 1949 <= year <= 2100:
        fail(f"--year {year} 不是合理的年度")
    if max_size <= 0:
        fail("--max-size 应大于 0")
    options = Options(
        template=template, year=year, date=parse_date_option(date), max_bytes=int(max_size * 1024 * 1024)
    )
    try:
        results = check_paths(paths, options)
    except FzcheckError as exc:
        fail(str(exc))
    if not results:
        fail("没有找到可检查的报告文件（.txt .md .docx .html .htm）")
    ctx = RenderContext(version=__version__, color=output is None and sys.stdout.isatty(), fail_on=fail_on)
    write_output(render(results, fmt, ctx), output, expand_paths(paths))
    raise typer.Exit(exit_code(results, fail_on))


@app.command("outline")
def outline_cmd(
    path: str = typer.Argument(..., help="报告文件"),
    template: str = typer.Option("annual", "--template", "-t", help="模板名称或模板文件"),
    year: Optional[int] = typer.Option(None, "--year", help="报告年度 N"),
    date: Optional[str] = typer.Option(None, "--date", help="成文日期 YYYY-MM-DD"),
) -> None:
    """显示解析出的结构：标题、年度、成文日期、各级标题及其对应的模板章节。"""
    from .outline_view import render_outline

    options = Options(template=template, year=year, date=parse_date_option(date))
    try:
        results = check_paths([path], options)
    except FzcheckError as exc:
        fail(str(exc))
    result = results[0]
    if result.error:
        fail(result.error.message)
    typer.echo(render_outline(result.report, load_template(template)), nl=False)


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


@app.command()
def templates() -> None:
    """列出内置模板。"""
    for name in builtin_names():
        t = load_template(name)
        required = "、".join(s.title for s in t.sections if s.required)
        typer.echo(f"{name:12} {t.label}\n{'':12} 必需部分：{required}")


def main() -> None:
    try:
        app()
    except FzcheckError as exc:
        typer.echo(f"fzcheck: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("fzcheck: 已中断", err=True)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
