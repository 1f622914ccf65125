"""Reading: a path becomes a normalised :class:`~checker.model.Source`, or an InputError."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from ..model import InputError, Source
from .text import read_text_source

SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".docx": "docx", ".html": "html", ".htm": "html"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def kind_of(path: Path) -> str | None:
    return SUFFIXES.get(path.suffix.lower())


def read_source(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None) -> Source:
    """Read one report file. Raises InputError with a Chinese message on any problem.

    The file is only ever opened for reading. Only regular files are read (a FIFO or a device
    named ``x.txt`` would block or never end), and never more than ``max_bytes`` + 1 bytes,
    even if the file grows after its size was looked at.
    """
    p = Path(path)
    name = display or str(path)
    kind = kind_of(p)
    try:
        if not p.exists():
            raise _missing(p, name)
        if p.is_dir():
            raise _directory(p, name)
        if not p.is_file():
            raise InputError("unsupported", f"{name}：不是普通文件（可能是管道、设备或套接字），无法作为报告读取")
        size = p.stat().st_size
        if size > max_bytes:
            raise _too_large(name, size, max_bytes)
        if kind is None:
            raise InputError("unsupported", f"{name}：不支持的文件类型（支持 .txt .md .docx .html .htm）")
        with open(p, "rb") as fh:
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise _too_large(name, len(data), max_bytes)
    except PermissionError:
        raise InputError("unreadable", f"{name}：没有读取权限") from None
    except OSError as exc:
        raise InputError("unreadable", f"{name}：无法读取（{exc.strerror or exc}）") from None
    if kind == "docx":
        # deferred: the Word reader (lxml, python-docx), only for a .docx
        from .docx import read_docx_source

        return read_docx_source(data, name)
    if kind == "html":
        # deferred: the page reader (lxml.html), only for a page
        from .html import read_html_source

        return read_html_source(data, name)
    return read_text_source(data, name, kind)


def _missing(p: Path, name: str) -> InputError:
    """No file there: a path that does not exist, a dangling symbolic link, or a link loop."""
    if p.is_symlink():
        try:
            os.stat(p)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return InputError("symlink-loop", f"{name}：符号链接形成循环（指向自身或相互指向），无法读取")
        return InputError("not-found", f"{name}：符号链接指向的文件不存在")
    try:
        os.stat(p)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # a looping link further up the path
            return InputError("symlink-loop", f"{name}：路径中的符号链接形成循环，无法读取")
        if isinstance(exc, PermissionError):
            return InputError("unreadable", f"{name}：没有权限访问该路径")
    return InputError("not-found", f"{name}：文件不存在")


def _directory(p: Path, name: str) -> InputError:
    """A directory where a file was expected; say so, or that it cannot even be listed."""
    try:
        with os.scandir(p):
            pass
    except PermissionError:
        return InputError("unreadable", f"{name}：没有权限读取这个目录，其中的报告无法检查")
    except OSError as exc:
        return InputError("unreadable", f"{name}：无法读取这个目录（{exc.strerror or exc}），其中的报告无法检查")
    return InputError("is-directory", f"{name}：这是一个目录，不是报告文件")


def _too_large(name: str, size: int, max_bytes: int) -> InputError:
    return InputError(
        "too-large",
        f"{name}：文件大小 {size / 1048576:.1f} MB，超过上限 {max_bytes / 1048576:.1f} MB（可用 --max-size 调整）",
    )
