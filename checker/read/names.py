"""Names and text from the outside world, made safe to show.

A file name is whatever bytes the file system holds: GBK bytes from a shared drive are not
valid UTF-8, and Python keeps them as lone surrogates (``os.fsdecode``'s surrogateescape),
which no UTF-8 output can carry. A name or heading can also hold terminal escape sequences
(ESC [ … m, OSC 8 links, a clear-screen) or bidi controls that reorder what the reader sees.
:func:`shown_name` gives a name every output can carry, with the odd bytes written as
``\\xb1`` (reversible: :func:`original_name`); :func:`terminal_safe` writes control and bidi
characters of text meant for a terminal as ``\\x1b`` / ``\\u202e``.
"""

from __future__ import annotations

import os
import re

_SURROGATE = re.compile(r"[\udc80-\udcff]")
_ESCAPED_BYTE = re.compile(r"\\x([89a-f][0-9a-f])")
# C0 (but tab and newline), DEL, C1, bidi embeddings/overrides/isolates, LRM/RLM/ALM.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# In a name, tab and newline are escaped too (a name on one line of a table).
_NAME_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown_name(path: str | bytes | os.PathLike) -> str:
    """A path as text every output can carry: undecodable bytes as ``\\xNN``."""
    text = os.fsdecode(path)
    return _SURROGATE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", text)


def original_name(shown: str) -> str:
    """The file system's own string for a name from :func:`shown_name` (surrogates back)."""
    return _ESCAPED_BYTE.sub(lambda m: chr(0xDC00 + int(m.group(1), 16)), shown)


def terminal_safe(text: str) -> str:
    """Text for a terminal: control and bidi characters escaped, tab and newline kept."""
    return _CONTROL.sub(lambda m: _escape(m.group()), text) if _CONTROL.search(text) else text


def terminal_name(name: str) -> str:
    """A file name for one cell of a terminal table: every control character escaped."""
    return _NAME_CONTROL.sub(lambda m: _escape(m.group()), name)
