"""Plain text and Markdown drafts: detect the encoding from the bytes, then normalise."""

from __future__ import annotations

from typing import Mapping

from ..model import DECODE_LOSS, InputError, Source  # DECODE_LOSS: see Source.decode_loss
from .normalize import line_directives, normalize_lines, split_lines


def decode(data: bytes, name: str) -> tuple[str, tuple[str, ...]]:
    """Decode report bytes: UTF-8 (with or without BOM), else GB18030/GBK, else the best guess.

    Returns the text and notes for the user (e.g. where undecodable bytes were replaced).
    """
    if not data.strip():
        raise InputError("empty", f"{name}：文件是空的")
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and (_looks_binary(data[:8192]) or b"\x00" in data):
        raise InputError("binary", f"{name}：这不是文本文件（含二进制内容），请另存为 .txt 或 .docx")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    damaged = data.decode("utf-8", errors="replace")
    bad = damaged.count("\ufffd")
    if bad <= max(3, len(damaged) // 200) or _mostly_utf8(damaged, bad):
        return damaged, replacement_notes(damaged, "UTF-8", name)
    mixed = _gb18030_with_utf8_lines(data, name)
    if mixed is not None:
        return mixed
    try:
        # deferred: charset_normalizer, only for text that is neither UTF-8 nor GB18030
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        encoding = best.encoding if best is not None else "utf-8"
    except Exception:  # the detector is a best effort; fall back to UTF-8 below
        encoding = "utf-8"
    if encoding.replace("_", "").lower() in {"utf8", "ascii"}:
        encoding = "utf-8"
    text = data.decode(encoding, errors="replace")
    if text.count("\ufffd") > len(text) // 4:
        raise InputError("binary", f"{name}：无法识别文件编码，内容大部分无法解码（可能是二进制文件）")
    return text, replacement_notes(text, encoding, name)


_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1b")


def _looks_binary(sample: bytes) -> bool:
    """A NUL byte, or more control bytes than text ever has (none of UTF-8's or GB18030's
    multibyte sequences contains a byte below 0x20)."""
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    return controls > max(8, len(sample) // 100)


class Remark(str):
    """A reader's note that reports nothing lost (the file was read whole, just not plainly)."""


def _gb18030_with_utf8_lines(data: bytes, name: str) -> tuple[str, tuple[str, ...]] | None:
    """GB18030/GBK text, in which lines that are valid UTF-8 (a paragraph pasted from a UTF-8
    file) are read as UTF-8; None when the rest is not GB18030 either.

    Line by line, because GB18030 decodes almost any byte pair: read whole, a pasted UTF-8
    paragraph either stops the decoder or turns into other characters without a word. GBK
    text is practically never valid UTF-8, so a valid UTF-8 line with non-ASCII is taken as
    such.
    """
    out, utf8_lines = [], []
    for number, line in enumerate(data.split(b"\n"), 1):
        try:
            text = line.decode("utf-8")
            if not line.isascii():
                utf8_lines.append(number)
        except UnicodeDecodeError:
            try:
                text = line.decode("gb18030")
            except UnicodeDecodeError:
                return None
        out.append(text)
    if not utf8_lines:
        return "\n".join(out), ()
    shown = "、".join(str(n) for n in utf8_lines[:10]) + ("等" if len(utf8_lines) > 10 else "")
    return "\n".join(out), (Remark(f"{name}：文件按 GB18030（GBK）编码读取，其中第 {shown} 行是 UTF-8 编码，已按 UTF-8 读取"),)


def _mostly_utf8(text: str, bad: int) -> bool:
    """UTF-8 with a damaged stretch (a paragraph pasted in another encoding, a few corrupt
    blocks), rather than text in another encoding: most non-ASCII characters decoded well.
    GBK text read as UTF-8 gives far more replacement characters than valid wide ones."""
    wide = sum(1 for ch in text if ch >= "\x80") - bad
    return wide >= 4 * bad


def has_decode_loss(metadata: Mapping[str, str]) -> bool:
    """Did the reader replace undecodable bytes (so that part of the file went unchecked)?"""
    return DECODE_LOSS in metadata


def with_decode_loss(metadata: Mapping[str, str], notes: tuple[str, ...]) -> dict[str, str]:
    """``metadata`` marked when decoding replaced bytes (``notes`` from :func:`decode`)."""
    out = dict(metadata)
    if any(not isinstance(note, Remark) for note in notes):
        out[DECODE_LOSS] = "1"
    return out


def replacement_notes(text: str, encoding: str, name: str) -> tuple[str, ...]:
    """Say on which lines undecodable bytes were replaced."""
    bad_lines = [n for n, line in enumerate(split_lines(text), 1) if "\ufffd" in line]
    if not bad_lines:
        return ()
    shown = "、".join(str(n) for n in bad_lines[:10]) + ("等" if len(bad_lines) > 10 else "")
    return (f"{name}：部分字节无法按 {encoding} 解码，已用“\ufffd”代替（第 {shown} 行）",)


def read_text_source(data: bytes, name: str, kind: str) -> Source:
    text, notes = decode(data, name)
    lines = split_lines(text)
    paragraphs, metadata = normalize_lines(lines, markdown=(kind == "md"))
    return Source(
        path=name,
        kind=kind,
        paragraphs=tuple(paragraphs),
        lines=tuple(lines),
        metadata=with_decode_loss(metadata, notes),
        notes=notes,
        directives=line_directives(lines),
    )
