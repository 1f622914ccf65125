"""Last year's report, for copy-previous: which file it is, read once, and handed to the checks.

Opt-in: nothing is compared unless ``Options.previous`` names it — a file (``--previous
去年的报告.docx``; in a batch it serves the reports of the same subject), a directory or
``auto`` (a sibling of the checked file, or a file of that directory, whose subject is the same
and whose year is one less), or a mapping from checked files to their previous reports (the
``previous:`` configuration key) — or ``Options.previous_text`` gives its text. The engine reads and outlines it here, before the checks (which do no I/O), and
opens a :func:`comparing` session around them; the check reads it with :func:`previous_report`.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Mapping

from .model import InputError, Report, Source
from .outline import report_of
from .read import kind_of, read_source
from .read.normalize import normalize_lines, split_lines
from .rules.form import same_subject

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Options
    from .template import Template

AUTO = "auto"
MAX_SIBLINGS = 500  # files of one directory read to find last year's report
_current: ContextVar[Report | None] = ContextVar("fzcheck_previous_report", default=None)


@contextmanager
def comparing(previous: Report | None) -> Iterator[None]:
    token = _current.set(previous)
    try:
        yield
    finally:
        _current.reset(token)


def previous_report() -> Report | None:
    """Last year's report of the report being checked, or None (copy-previous then stays quiet)."""
    return _current.get()


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _stamp(path: str) -> tuple[str, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return os.path.abspath(path), st.st_mtime_ns, st.st_size


def _outline_source(source: Source, template: Template) -> Report | None:
    if not source.paragraphs:
        return None
    return report_of(source, template)  # read as this year's report is


# Reports read in this process, by file stamp and template: a batch with ``auto`` reads each
# sibling once per worker, not once per checked file.
_READ: dict[tuple, Report | None] = {}
_READ_LIMIT = MAX_SIBLINGS + 64


def read_report(path: str, template: Template, max_bytes: int) -> Report | None:
    """The outlined report in ``path`` (remembered while the file is unchanged); None if unreadable."""
    stamp = _stamp(path)
    if stamp is None:
        return None
    key = (stamp, template.path, template.name, max_bytes)
    if key not in _READ:
        try:
            source = read_source(path, max_bytes)
        except InputError:
            report = None
        else:
            report = _outline_source(source, template)
        if len(_READ) >= _READ_LIMIT:
            _READ.clear()
        _READ[key] = report
    return _READ[key]


def text_report(text: str, template: Template) -> Report | None:
    lines = split_lines(text)  # lines as an editor counts them, as check_text does
    paragraphs, metadata = normalize_lines(lines)
    return _outline_source(Source("<previous>", "txt", tuple(paragraphs), tuple(lines), metadata), template)


def _looked_up(mapping: Mapping[str, str], path: str) -> str | None:
    for key, value in mapping.items():
        if _same_file(key, path):
            return value
    name = Path(path).name
    return next((v for k, v in mapping.items() if Path(k).name == name), None)


def _sibling(directory: str, path: str, report: Report, template: Template, max_bytes: int) -> Report | None:
    """The report in ``directory`` with the checked report's subject and its year − 1: files whose
    name carries that year are read first."""
    if report.year is None or not report.subject:
        return None
    try:
        names = sorted(n for n in os.listdir(directory) if kind_of(Path(n)) and not n.startswith((".", "~$")))
    except OSError:
        return None
    wanted = str(report.year - 1)
    names.sort(key=lambda n: wanted not in n)
    for name in names[:MAX_SIBLINGS]:
        candidate = os.path.join(directory, name)
        if not os.path.isfile(candidate) or _same_file(candidate, path):
            continue
        other = read_report(candidate, template, max_bytes)
        if other is None or other.year != report.year - 1 or not other.subject:
            continue
        if same_subject(report.subject, other.subject):
            return other
    return None


def previous_for(path: str, report: Report, options: Options, template: Template) -> Report | None:
    """Last year's report for the report in ``path``, as the options name it (None: none named or found)."""
    if options.previous_text is not None:
        return text_report(options.previous_text, template)
    setting: Any = options.previous
    if not setting:
        return None
    if isinstance(setting, Mapping):
        named = _looked_up(setting, path)
        return read_report(named, template, options.max_bytes) if named and not _same_file(named, path) else None
    if setting == AUTO:
        return _sibling(os.path.dirname(path) or ".", path, report, template, options.max_bytes)
    if os.path.isdir(setting):
        return _sibling(setting, path, report, template, options.max_bytes)
    if _same_file(setting, path):
        return None  # the previous report itself, met in the same run
    previous = read_report(setting, template, options.max_bytes)
    if previous is not None and report.subject and previous.subject and not same_subject(report.subject, previous.subject):
        return None  # one file named for a batch: another subject's report is not its predecessor
    return previous
