"""Batch runs: many files checked in parallel worker processes, results in the input order.

A process pool pays off because checking is CPU-bound Python (the outline parse and the rule
regexes), which threads cannot spread over cores. Files go to the workers in chunks (a few
dozen per task for big batches, so that the pool's own bookkeeping stays small beside the
checking), each worker keeps the compiled template and grammars in its caches, and it returns
plain, picklable :class:`~checker.model.FileResult` records — compacted on request (see
:func:`~checker.engine.compact_result`), which is what the command line asks for. A parallel run
gives exactly what a serial one gives. :func:`iter_check_files` hands the results over in the
input order as soon as they are ready, so that output can be written while the rest is
checked. Where a pool cannot be started (a sandbox without semaphores, a worker killed by the
system), the remaining files are checked serially.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import signal
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterator, Mapping, Sequence

from .engine import Options, check_file, compact_result
from .model import (
    SEVERITY_RANK, VERDICT_ERRORS, VERDICT_NO_ERRORS, VERDICT_UNCHECKED, VERDICT_WARNINGS, FileError, FileResult, count_severities,
)
from .read.names import shown_name, terminal_name
from .render.json_out import EncodedResult, encode_result

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import ProcessPoolExecutor

Progress = Callable[[FileResult], None]
MAX_CHUNK = 32  # files per pool task


MAX_JOBS = 64  # worker processes; each holds its own interpreter and caches (about 60 MB)


def default_jobs() -> int:
    return min(os.cpu_count() or 1, MAX_JOBS)


def _start_worker(parent: int) -> None:
    """In each worker: leave Ctrl-C and SIGTERM to the parent (which stops the pool and says
    so once), and exit when the parent is gone instead of waiting for work forever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:  # Linux: the kernel sends SIGKILL when the parent dies
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass

    def watch() -> None:  # elsewhere (and as a second line): notice the parent's death
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="fzcheck-parent-watch").start()


# --- signals ---------------------------------------------------------------------------------
# The command line turns SIGTERM and SIGINT into exceptions (see cli). Raised while the main
# thread is inside the pool's machinery (holding a future's lock, say), such an exception can
# leave a lock held and the pool's shutdown waiting forever; so while the pool is waited on, a
# signal is only noted, and raised as soon as the wait returns (at most 0.25 s later).
_deferring = 0
_pending: list[BaseException] = []


def deliver_signal(exc: BaseException) -> None:
    """Called by a signal handler: raise ``exc`` now, or once the pool call in progress returns."""
    if _deferring:
        _pending.append(exc)
        return
    raise exc


@contextlib.contextmanager
def _signals_deferred(reraise: bool = True) -> Iterator[None]:
    global _deferring
    _deferring += 1
    try:
        yield
    finally:
        _deferring -= 1
    if _pending and not _deferring and reraise:
        raise _pending.pop(0)


ABANDONED_POOLS: list[ProcessPoolExecutor] = []  # pools whose workers were killed (see cli)


def _stop_now(pool: ProcessPoolExecutor) -> None:
    """End the workers at once (a signal): nothing of theirs is kept.

    A worker killed while it writes a result leaves the pool's result pipe half-written, and
    the pool's manager thread waits for the rest of it for ever; so the pool is not waited for
    but recorded, and the command line ends the process with ``os._exit`` after cleaning up
    (the interpreter's exit would join that thread)."""
    for process in list(getattr(pool, "_processes", None) or {}.values()):
        try:
            process.kill()
        except (OSError, AttributeError):
            pass
    ABANDONED_POOLS.append(pool)
    pool.shutdown(wait=False, cancel_futures=True)


ENCODED = ("json",)  # formats a result can be written in where it is checked (see check_one)


def check_one(path: str, options: Options, compact: bool = False, encode: str | None = None) -> FileResult:
    """Check one file; a defect in a check becomes that file's error, not the end of the batch.

    ``encode="json"``: the result comes back as an :class:`~checker.render.json_out.EncodedResult`,
    its JSON written here (in the worker), so that the parent only joins text and pickling
    carries a few strings instead of the report."""
    try:
        result = check_file(path, options)
    except Exception as exc:  # noqa: BLE001 - reported per file, the run goes on
        shown = shown_name(path)
        result = FileResult(
            shown,
            options.template,
            FileError("internal-error", f"{shown}：检查时发生内部错误（{type(exc).__name__}: {exc}），请报告此问题"),
        )
    if encode in ENCODED:
        source = result.report.source if result.report else None
        return encode_result(result, decode_loss=source is not None and source.decode_loss)
    return compact_result(result) if compact else result


def check_chunk(paths: Sequence[str], options: Options, compact: bool = False, encode: str | None = None) -> list[FileResult]:
    """One pool task: a run of consecutive files."""
    return [check_one(path, options, compact, encode) for path in paths]


def chunk_size(files: int, workers: int) -> int:
    """Files per task: about eight tasks per worker, so the work stays balanced, at most MAX_CHUNK."""
    return max(1, min(MAX_CHUNK, files // (workers * 8)))


def iter_check_files(
    paths: Sequence[str],
    options: Options,
    jobs: int | None = None,
    progress: Progress | None = None,
    compact: bool = False,
    encode: str | None = None,
) -> Iterator[FileResult]:
    """Check ``paths`` with up to ``jobs`` processes (None: one per core); yield the results in
    the input order, each as soon as it and all before it are done. ``progress`` is called once
    per file as it finishes (in the order the files finish). ``encode``: the output format;
    where it is one of :data:`ENCODED`, each result comes already written in it (see check_one)."""
    paths = list(paths)
    workers = min(jobs or default_jobs(), len(paths))
    if workers <= 1:
        for path in paths:
            result = check_one(path, options, compact, encode)
            if progress:
                progress(result)
            yield result
        return
    # the process pool is imported here, when there are workers: a single check does not pay for it
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    size = chunk_size(len(paths), workers)
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    done: dict[int, list[FileResult]] = {}  # finished ahead of their turn
    following = 0  # the next chunk to hand over
    pool = None
    stopped = False
    _pending.clear()  # a signal noted in an earlier run of this process is not this run's
    try:
        with _signals_deferred():
            pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(os.getpid(),))
            futures = {pool.submit(check_chunk, chunk, options, compact, encode): i for i, chunk in enumerate(chunks)}
        pending = set(futures)
        while pending:
            with _signals_deferred():
                finished, pending = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
                finished_results = [(futures.pop(f), f.result()) for f in finished]  # a kept future keeps its results
            for index, results in finished_results:
                done[index] = results
                if progress:
                    for result in results:
                        progress(result)
            while following in done:
                yield from done.pop(following)
                following += 1
    except (BrokenProcessPool, OSError, NotImplementedError, pickle.PicklingError):
        pass  # no pool here, or it broke: finish the rest serially below
    except GeneratorExit:  # a caller that stops early: the running tasks end, the rest is cancelled
        raise
    except BaseException:  # Ctrl-C, SIGTERM (see cli)
        stopped = True
        raise
    finally:
        if pool is not None:
            with _signals_deferred(reraise=False):
                if stopped:
                    _stop_now(pool)
                else:
                    pool.shutdown(wait=True, cancel_futures=True)
    for i in range(following, len(chunks)):
        results = done.pop(i, None)
        if results is None:
            results = []
            for path in chunks[i]:
                result = check_one(path, options, compact, encode)
                if progress:
                    progress(result)
                results.append(result)
        yield from results


def check_files(
    paths: Sequence[str],
    options: Options,
    jobs: int | None = None,
    progress: Progress | None = None,
    compact: bool = False,
    encode: str | None = None,
) -> list[FileResult]:
    """Check ``paths`` with up to ``jobs`` processes (None: one per core), in the input order."""
    return list(iter_check_files(paths, options, jobs=jobs, progress=progress, compact=compact, encode=encode))


# --- the end-of-batch summary --------------------------------------------------------------
@dataclass(frozen=True)
class FileSummary:
    """What the summary table and the exit code need of one file: a few bytes, not its findings."""

    path: str
    failed: bool  # the file could not be checked, or not all of it could be read
    counts: Mapping[str, int]  # findings per severity
    error_message: str = ""  # why it could not be checked (or read whole)
    partly: bool = False  # read in part: checked, but undecodable bytes were left out

    @classmethod
    def of(cls, result: FileResult | FileSummary) -> FileSummary:
        if isinstance(result, FileSummary):
            return result
        if result.error:
            return cls(result.path, True, _counts(result), result.error.message)
        if isinstance(result, EncodedResult):  # its report stayed in the worker
            partly = result.decode_loss
            return cls(result.path, partly, _counts(result), "；".join(result.notes) if partly else "", partly=partly)
        source = result.report.source if result.report else None
        if source is not None and source.decode_loss:
            return cls(result.path, True, _counts(result), "；".join(source.notes), partly=True)
        return cls(result.path, False, _counts(result))

    def fails(self, fail_on: str) -> bool:
        """Does the file fail the run at ``fail_on`` (a finding at or above it)?"""
        return fail_on != "never" and any(
            n and SEVERITY_RANK[sev] >= SEVERITY_RANK[fail_on] for sev, n in self.counts.items()
        )

    def status(self, fail_on: str = "error") -> str:
        """The verdict in words (see :func:`checker.model.verdict`); a file read only in part says so."""
        if self.partly:
            return "部分无法读取"
        if self.failed:
            return VERDICT_UNCHECKED
        if self.counts.get("error"):
            return VERDICT_ERRORS
        if self.counts.get("warning"):
            return VERDICT_WARNINGS
        return VERDICT_NO_ERRORS


_VERDICT_ORDER = (VERDICT_NO_ERRORS, VERDICT_WARNINGS, VERDICT_ERRORS, "部分无法读取", VERDICT_UNCHECKED)


def _counts(result: FileResult) -> dict[str, int]:
    return count_severities(result.findings)


def _status(result: FileResult, fail_on: str) -> str:
    return FileSummary.of(result).status(fail_on)


def summary_table(results: Sequence[FileResult | FileSummary], fail_on: str = "error", width: int = 100) -> str:
    """A table of files and their finding counts, for the end of a batch's text output."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title="汇总", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("文件", overflow="fold")
    for label in ("错误", "警告", "提示"):
        table.add_column(label, justify="right")
    table.add_column("结果")
    totals = {"error": 0, "warning": 0, "info": 0}
    verdicts: dict[str, int] = {}
    for r in map(FileSummary.of, results):
        for k in totals:
            totals[k] += r.counts.get(k, 0)
        cells = ["-"] * 3 if r.failed and not r.partly else [str(r.counts.get(k, 0)) for k in ("error", "warning", "info")]
        status = r.status(fail_on)
        verdicts[status] = verdicts.get(status, 0) + 1
        table.add_row(Text(terminal_name(r.path)), *cells, status)  # never read as markup
    table.add_section()
    table.add_row(
        f"共 {len(results)} 个文件", str(totals["error"]), str(totals["warning"]), str(totals["info"]),
        "，".join(f"{verdict} {n}" for verdict, n in sorted(verdicts.items(), key=lambda kv: _VERDICT_ORDER.index(kv[0]))),
    )
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, force_terminal=False, no_color=True).print(table)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
