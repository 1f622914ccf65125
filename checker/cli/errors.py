"""What the user hears when the run cannot go on: Chinese messages and exit codes.

A usage error click reports in English (an unknown option, a missing value), a library error
(:class:`~checker.model.FzcheckError`: a bad template, an unwritable output), a signal and a
defect each end with one line on stderr and an exit code — never a traceback:
2 (could not do the job), 130 (Ctrl-C), 143 (SIGTERM), 141 (stdout closed).
"""

from __future__ import annotations

import os
import re
import signal
import sys
from typing import Any, Callable

import typer

try:  # recent typer vendors click as typer._click; older ones use click itself
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - depends on the installed typer
    from click import exceptions as click_errors

from ..batch import ABANDONED_POOLS, deliver_signal
from ..model import FzcheckError


def fail(message: str) -> None:
    """Stop with a message on stderr and exit code 2 (the tool could not do its job)."""
    typer.echo(f"fzcheck: {message}", err=True)
    raise typer.Exit(2)


def guarded(run: Callable[[], Any]) -> int:
    """Run the program (``run`` returns its exit code) with signals caught, and every way it can
    fail turned into a Chinese message and an exit code."""
    previous = _catch_signals()
    try:
        _require_cwd()
        code = run()
        code = code if isinstance(code, int) else 0
    except Terminated:
        _stopped_by_signal("fzcheck: 收到终止信号（SIGTERM），检查已停止", 143)
        code = 143
    except (Interrupted, KeyboardInterrupt):
        _stopped_by_signal("fzcheck: 已中断（Ctrl-C），检查已停止", 130)
        code = 130
    except BrokenOutput:
        code = _quiet_broken_pipe()
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
    finally:
        _restore_signals(previous)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = _quiet_broken_pipe()
    except (OSError, ValueError, AttributeError):
        pass
    return code


class Terminated(BaseException):
    """SIGTERM arrived: unwinds like Ctrl-C, so that pools stop and temporary files go."""


class Interrupted(BaseException):
    """Ctrl-C, carried past click."""


class BrokenOutput(BaseException):
    """stdout's reader went away, carried past click."""


def _stopped_by_signal(message: str, code: int) -> None:
    """Say why the run stopped. The output's temporary file is gone already (the unwinding
    removed it); if worker processes had to be killed, end here without the interpreter's
    exit, which would wait for the pool's manager thread (see batch._stop_now)."""
    typer.echo(message, err=True)
    if ABANDONED_POOLS:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)


def _on_signal(signum: int, frame: Any) -> None:
    deliver_signal(Terminated() if signum == signal.SIGTERM else Interrupted())


def _catch_signals() -> Any:
    """SIGTERM and SIGINT become exceptions that unwind the run (workers stopped, temporary
    files removed); returns the previous handlers. An ignored SIGINT (a background job) stays
    ignored."""
    previous = {}
    try:
        for signum in (signal.SIGTERM, signal.SIGINT):
            if signal.getsignal(signum) is not signal.SIG_IGN:
                previous[signum] = signal.signal(signum, _on_signal)
    except ValueError:  # not the main thread (a test runner's worker thread): leave them
        pass
    return previous


def _restore_signals(previous: Any) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)


def _require_cwd() -> None:
    """Paths, the configuration search and SARIF all start from the current directory."""
    try:
        os.getcwd()
    except FileNotFoundError:
        raise FzcheckError("当前目录已被删除（或已不可访问），请进入一个存在的目录后再运行") from None


def _quiet_broken_pipe() -> int:
    """The reader of stdout went away (``| head``): stop quietly, as a shell tool does (141 =
    128 + SIGPIPE); what Python would still flush goes nowhere, with no second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    return 141


class ChineseUsageError(click_errors.UsageError):
    """A usage error fzcheck words itself (an unknown command, extra arguments): said as it is."""


def unknown_command(name: str, commands: list[str]) -> ChineseUsageError:
    """「没有命令 chek（是否要用 check？）」: the hint when exactly one command is close (as before)."""
    # deferred: difflib, only for a mistyped command
    import difflib

    matches = difflib.get_close_matches(name, commands)
    hint = f"（是否要用 {matches[0]}？）" if len(matches) == 1 else ""
    return ChineseUsageError(f"没有命令 {name}{hint}")


def extra_arguments(args: list[str]) -> ChineseUsageError:
    return ChineseUsageError(f"多余的参数：{' '.join(map(str, args))}")


# click's English usage messages that reach us only as text, and how to say them (the unknown
# command and extra arguments are caught before click words them: see cli.app)
_CLICK_MESSAGES = (
    (re.compile(r"Option '([^']*)' requires an argument\."), "选项 {0} 需要一个值"),
    (re.compile(r"Missing argument '([^']*)'\."), "缺少参数 {0}"),
    (re.compile(r"Missing option '([^']*)'\."), "缺少选项 {0}"),
)


def usage_message(exc: Exception) -> str:
    """Say a click usage error in Chinese (click itself speaks English)."""
    if isinstance(exc, ChineseUsageError):
        return exc.message
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
            return chinese.format(*(g or "" for g in m.groups()))
    if isinstance(exc, click_errors.BadParameter) and param is not None:
        return f"{'/'.join(getattr(param, 'opts', ()) or [param.name or ''])} 的值无效：{message}"
    return f"命令行用法错误：{message}"
