"""Reading: a path becomes a normalised :class:`~checker.model.Source`, or an InputError."""

from __future__ import annotations

import os
from pathlib import Path

from ..model import InputError, Source
from .text import read_text_source

SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".docx": "docx", ".html": "html", ".htm": "html"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def kind_of(path: Path) -> str | None:
    return SUFFIXES.get(path.suffix.lower())


def read_source(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None) -> Source:
    """Read one report file. Raises InputError with a Chinese message on any problem."""
    p = Path(path)
    name = display or str(path)
    kind = kind_of(p)
    try:
        if not p.exists():
            raise InputError("not-found", f"{name}：文件不存在")
        if p.is_dir():
            raise InputError("is-directory", f"{name}：这是一个目录，不是报告文件")
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(
                "too-large",
                f"{name}：文件大小 {size / 1048576:.1f} MB，超过上限 {max_bytes / 1048576:.1f} MB"
                "（可用 --max-size 调整）",
            )
        if kind is None:
            raise InputError("unsupported", f"{name}：不支持的文件类型（支持 .txt .md .docx .html .htm）")
        data = p.read_bytes()
    except PermissionError:
        raise InputError("unreadable", f"{name}：没有读取权限") from None
    except OSError as exc:
        raise InputError("unreadable", f"{name}：无法读取（{exc.strerror or exc}）") from None
    if kind == "docx":
        from .docx import read_docx_source

        return read_docx_source(data, name)
    if kind == "html":
        from .html import read_html_source

        return read_html_source(data, name)
    return read_text_source(data, name, kind)
