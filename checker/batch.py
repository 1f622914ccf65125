"""Batch runs: many files checked in parallel worker processes, results in the input order.

A process pool pays off because checking is CPU-bound Python (the outline parse and the rule
regexes), which threads cannot spread over cores. Each worker returns a plain, picklable
:class:`~checker.model.FileResult` (the compiled template stays in the worker's cache), so a
parallel run gives exactly what a serial one gives. Where a pool cannot be started (a sandbox
without semaphores, a worker killed by the system), the remaining files are checked serially.
"""

from __future__ import annotations

import io
import os
import pickle
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Sequence

from .engine import Options, check_file
from .model import SEVERITY_RANK, FileError, FileResult

Progress = Callable[[FileResult], None]


def default_jobs() -> int:
    return os.cpu_count() or 1


def check_one(path: str, options: Options) -> FileResult:
    """Check one file; a defect in a check becomes that file's error, not the end of the batch."""
    try:
        return check_file(path, options)
    except Exception as exc:  # noqa: BLE001 - reported per file, the run goes on
        return FileResult(
            path,
            options.template,
            FileError("internal-error", f"{path}：检查时发生内部错误（{type(exc).__name__}: {exc}），请报告此问题"),
        )


def _serial(paths: Sequence[str], options: Options, progress: Progress | None) -> list[FileResult]:
    results = []
    for path in paths:
        result = check_one(path, options)
        if progress:
            progress(result)
        results.append(result)
    return results


def check_files(
    paths: Sequence[str], options: Options, jobs: int | None = None, progress: Progress | None = None
) -> list[FileResult]:
    """Check ``paths`` with up to ``jobs`` processes (None: one per core), in the input order."""
    paths = list(paths)
    workers = min(jobs or default_jobs(), len(paths))
    if workers <= 1:
        return _serial(paths, options, progress)
    results: list[FileResult | None] = [None] * len(paths)
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(check_one, path, options): i for i, path in enumerate(paths)}
            for future in as_completed(futures):
                result = future.result()
                results[futures[future]] = result
                if progress:
                    progress(result)
    except (BrokenProcessPool, OSError, NotImplementedError, pickle.PicklingError):
        pass  # no pool here, or it broke: finish the rest serially below
    for i, result in enumerate(results):
        if result is None:
            results[i] = check_one(paths[i], options)
            if progress:
                progress(results[i])
    return [r for r in results if r is not None]


# --- the end-of-batch summary --------------------------------------------------------------
def _counts(result: FileResult) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in result.findings:
        counts[f.severity] += 1
    return counts


def _status(result: FileResult, fail_on: str) -> str:
    if result.error:
        return "无法检查"
    if fail_on != "never" and any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on] for f in result.findings):
        return "未通过"
    return "通过"


def summary_table(results: Sequence[FileResult], fail_on: str = "error", width: int = 100) -> str:
    """A table of files and their finding counts, for the end of a batch's text output."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(title="汇总", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("文件", overflow="fold")
    for label in ("错误", "警告", "提示"):
        table.add_column(label, justify="right")
    table.add_column("结果")
    totals = {"error": 0, "warning": 0, "info": 0}
    for r in results:
        counts = _counts(r)
        for k in totals:
            totals[k] += counts[k]
        cells = ["-"] * 3 if r.error else [str(counts[k]) for k in ("error", "warning", "info")]
        table.add_row(r.path, *cells, _status(r, fail_on))
    table.add_section()
    passed = sum(1 for r in results if _status(r, fail_on) == "通过")
    table.add_row(
        f"共 {len(results)} 个文件", str(totals["error"]), str(totals["warning"]), str(totals["info"]),
        f"{passed} 个通过",
    )
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, force_terminal=False, no_color=True).print(table)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
