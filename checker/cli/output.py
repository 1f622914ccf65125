"""Every file fzcheck writes (reports, ``-o`` outputs, ``init``'s skeleton) is written here, atomically.

A file is written to a temporary file beside it, which takes the target's place only once the
last piece is in (``os.replace``: atomic on one file system; or a hard link when an existing
file must not be replaced). If anything goes wrong before, the temporary file is removed and
an existing file is left as it was. The new file gets the permissions an ordinary write would
give it (an existing file keeps its own), not the owner-only ones of a temporary file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterator

from ..model import FzcheckError
from ..read.names import shown_name


@contextlib.contextmanager
def atomic_file(
    path: str | os.PathLike, binary: bool = False, replace: bool = True, keep_mode: bool = True
) -> Iterator[Callable[[Any], Any]]:
    """A ``write`` function for the file at ``path``, used piece by piece; the file appears whole
    or not at all. ``replace`` False: :class:`FileExistsError` when a file is there already
    (also one put there while this one was written). ``keep_mode`` False: the permissions of a
    new file even where one is replaced (``init --force``). OSErrors are the caller's to word."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    placed = False
    try:
        os.chmod(tmp, file_mode(target) if keep_mode else new_file_mode())
        fh = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        with fh:
            yield fh.write
        if replace:
            os.replace(tmp, target)
        else:
            _place_new(tmp, target)
        placed = True
    finally:
        if not placed:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_file(path: str | os.PathLike, data: bytes | str, replace: bool = True, keep_mode: bool = True) -> None:
    """Write ``data`` whole to ``path`` through :func:`atomic_file`."""
    with atomic_file(path, binary=isinstance(data, bytes), replace=replace, keep_mode=keep_mode) as write:
        write(data)


def _place_new(tmp: str, target: Path) -> None:
    """Move ``tmp`` to ``target`` unless something is there (a hard link fails if it is)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:  # no hard links on this file system
        if target.exists():
            raise FileExistsError(str(target)) from None
        os.replace(tmp, target)
        return
    os.unlink(tmp)


def file_mode(target: Path) -> int:
    """An existing file's permissions, else :func:`new_file_mode`."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return new_file_mode()


def new_file_mode() -> int:
    """What ``open()`` gives a new file under the current umask (0644 under umask 022)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _unwritable(output: str, exc: OSError) -> FzcheckError:
    return FzcheckError(f"无法写入输出文件 {shown_name(output)}（{exc.strerror or exc}）")


@contextlib.contextmanager
def output_stream(output: str | None, inputs: list[str], binary: bool = False) -> Iterator[Callable[[Any], Any]]:
    """A ``write`` function for ``check``'s output: stdout, or the file ``output`` written by
    :func:`atomic_file` (never over an input, never in place of a link, device or pipe)."""
    if output is None or output == "-":
        yield sys.stdout.write
        sys.stdout.flush()
        return
    refuse_input_as_output(output, inputs)
    refuse_special_output(output)
    try:
        with atomic_file(output, binary=binary) as write:
            try:
                yield write
            except OSError as exc:  # a write failed (disk full): said as the output's failure
                raise _unwritable(output, exc) from None
            refuse_special_output(output)  # nothing put there while the report was written
    except OSError as exc:
        raise _unwritable(output, exc) from None


def write_output(text: str, output: str | None, inputs: list[str]) -> None:
    """Print, or write the file atomically (never half a file); never write over an input."""
    with output_stream(output, inputs) as write:
        write(text)


_SPECIAL_OUTPUT = (
    (stat.S_ISLNK, "是符号链接（写入会替换链接本身，或写到链接指向的别处）"),
    (stat.S_ISDIR, "是一个目录"),
    (stat.S_ISCHR, "是字符设备（如 /dev/null），不能用普通文件替换"),
    (stat.S_ISBLK, "是块设备，不能用普通文件替换"),
    (stat.S_ISFIFO, "是命名管道（FIFO），不能用普通文件替换"),
    (stat.S_ISSOCK, "是套接字，不能用普通文件替换"),
)


def refuse_special_output(output: str) -> None:
    """Stop unless the output path is free or names a regular file: the report replaces the
    file there, and a device, pipe, socket or link must never be replaced by one."""
    try:
        mode = os.lstat(output).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _unwritable(output, exc) from None
    if stat.S_ISREG(mode):
        return
    why = next((text for test, text in _SPECIAL_OUTPUT if test(mode)), "不是普通文件")
    raise FzcheckError(f"输出路径 {shown_name(output)} {why}，拒绝写入；请指定一个普通文件（或用 - 输出到标准输出）")


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
                raise FzcheckError(f"输出文件 {shown_name(output)} 就是被检查的文件，拒绝覆盖")
        except OSError:
            continue
