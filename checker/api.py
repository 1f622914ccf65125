"""The public entry points: check a text, a file's bytes, a file, or many files and directories.

The command line, the web page (``fzcheck serve``) and scripts call these; none of them needs
the CLI. The pipeline itself (read → outline → checks) is :mod:`checker.engine`; a batch of
files in worker processes is :mod:`checker.batch`, which sits below this module.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Callable, Iterable

from .batch import check_files, iter_check_files
from .outline import report_of
from .engine import SKIPPED, Options, _not_a_report, check_data, check_file, check_source, check_text, compact_result, template_for
from .model import FileError, FileResult, InputError
from .read import kind_of, read_source
from .read.names import shown_name
from .template_view import view_of

__all__ = [
    "Options", "SKIPPED", "check_data", "check_file", "check_files", "check_paths", "check_source",
    "check_text", "compact_result", "expand_paths", "found_in_directories", "iter_check_files", "matches",
    "outline_file", "template_for",
]


def matches(path: str, patterns: Iterable[str]) -> bool:
    """Does ``path`` match one of the glob patterns (from its end, like ``Path.match``, or
    whole, where ``*`` also crosses ``/`` and ``**/`` any number of directories)?"""
    posix = Path(path).as_posix().removeprefix("./")
    for g in patterns:
        if Path(path).match(g) or fnmatch.fnmatchcase(posix, g) or (g.startswith("**/") and fnmatch.fnmatchcase(posix, g[3:])):
            return True
    return False


def found_in_directories(paths: Iterable[str], include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> list[tuple[str, bool]]:
    """:func:`expand_paths` with, for each file, whether it was found in a directory (True) or
    named itself (False)."""
    named = {p for p in paths if not Path(p).is_dir()}
    return [(p, p not in named) for p in expand_paths(paths, exclude, include)]


def expand_paths(paths: Iterable[str], exclude: tuple[str, ...] = (), include: tuple[str, ...] = ()) -> list[str]:
    """Files to check: files as given; directories searched (sorted) for report files.

    A directory inside that cannot be listed (no permission, gone meanwhile) is put in the
    list itself, where the file it stands for would be: checking it then says why its reports
    could not be checked, rather than leaving them out without a word. Symbolic links to
    directories are not followed inside a directory (no loops); a link to a report file is.
    """
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = []

            def unlisted(exc: OSError, found: list[str] = found, top: Path = path) -> None:
                found.append(exc.filename if isinstance(exc.filename, str) else str(top))

            for root, dirs, files in os.walk(path, onerror=unlisted, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    if kind_of(Path(name)) and not name.startswith((".", "~$")):
                        found.append(os.path.join(root, name))
            out.extend(sorted(found))
        else:
            out.append(p)
    if exclude:
        out = [p for p in out if not matches(p, exclude)]
    if include:
        out = [p for p in out if matches(p, include)]
    return out


def check_paths(
    paths: Iterable[str],
    options: Options = Options(),
    progress: Callable[[FileResult], None] | None = None,
    jobs: int | None = 1,
) -> list[FileResult]:
    """Check every file (directories expanded), in the stable input order.

    ``jobs`` > 1 checks files in that many worker processes (None: one per core); the results
    are the same as a serial run's. ``progress`` is called once per file as each one finishes.
    """
    template_for(options.template)  # a bad template stops the run before any file
    return check_files(expand_paths(paths, options.exclude, options.include), options, jobs=jobs, progress=progress)


def outline_file(path: str, options: Options = Options()) -> FileResult:
    """Read and outline one file and stop there (``fzcheck outline``): its report model (title,
    year, date, headings, sections), no checks run, no findings. A file that cannot be read, or
    has nothing of a report, gives the same error :func:`check_file` gives."""
    template = template_for(options.template)
    shown = shown_name(path)
    try:
        source = read_source(path, options.max_bytes, display=shown)
    except InputError as exc:
        return FileResult(shown, template.name, FileError(exc.code, exc.message), view=view_of(template))
    report = report_of(source, template, options.year, options.date)
    if _not_a_report(report):
        said = "".join(f"（{note}）" for note in report.source.notes)
        return FileResult(
            report.source.path, template.name,
            FileError("not-report", f"{report.source.path}：没有找到报告正文，看起来不是法治政府建设年度报告{said}"),
            view=view_of(template),
        )
    return FileResult(report.source.path, template.name, None, report, view=view_of(template))
