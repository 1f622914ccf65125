"""Hostile files, built on the spot, and a harness that checks one under a memory and time cap.

Each builder returns the bytes of a file a hostile tester would hand fzcheck. ``run_capped``
runs the command line in a child process whose address space is capped (``RLIMIT_AS``) and
which is killed after a time limit, so that a regression shows as a failed test, not as a
machine out of memory or a run that never ends.
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from checker.rules.examples import MINI

MEMORY_CAP = 1024 * 1024 * 1024  # bytes of address space for the child
TIME_CAP = 60.0  # seconds
W_NS = nsdecls("w")


@dataclass(frozen=True)
class Capped:
    code: int
    stdout: str
    stderr: str
    seconds: float


def run_capped(*args: str, cwd: Path, memory: int = MEMORY_CAP, timeout: float = TIME_CAP,
               env: dict | None = None) -> Capped:
    """``python -m checker ARGS`` under the caps; a run that exceeds the time cap fails the test."""
    import time

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    full_env = {**os.environ, "CI": "", "FZCHECK_CACHE_DIR": "", **(env or {})}
    started = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "checker", *args], cwd=cwd, capture_output=True, timeout=timeout,
            preexec_fn=limit, env=full_env,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(f"fzcheck {' '.join(args)} ran over {timeout} s") from None
    return Capped(done.returncode, done.stdout.decode("utf-8", "replace"),
                  done.stderr.decode("utf-8", "replace"), time.monotonic() - started)


# --- .docx -----------------------------------------------------------------------------------
def package(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """The package with members replaced or added."""
    replace = dict(replace)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.pop(info.filename, None) or src.read(info))
        for name, blob in replace.items():
            dst.writestr(name, blob)
    return out.getvalue()


def numbering_xml(start: int | str, fmt: str, level_text: str) -> str:
    return (
        f'<w:numbering {W_NS}><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0">'
        f'<w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{level_text}"/></w:lvl>'
        f'</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )


def numbered_docx(numbering: str, paragraphs: int, numbered_text: str = "加强组织领导") -> bytes:
    """The clean mini draft, then ``paragraphs`` paragraphs numbered by ``numbering``."""
    d = docx.Document()
    part = d.part.numbering_part.element
    for child in list(part):
        part.remove(child)
    for child in parse_xml(numbering):
        part.append(child)
    for line in MINI.splitlines():
        d.add_paragraph(line)
    for _ in range(paragraphs):
        p = d.add_paragraph(numbered_text)
        p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))
    return package(d)


def docx_of(text: str) -> bytes:
    """A Word document with one plain paragraph per line of ``text``."""
    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    return package(d)


def mini_docx() -> bytes:
    return docx_of(MINI)


def comment_flood_docx(members: int = 20, size: int = 9_900_000, noisy: bool = False) -> bytes:
    """Members that open a comment and never close it: the DOCTYPE guard must not rescan them.

    ``noisy``: dashes with a few random x in them, so that a member over 10 MB compresses less
    than 100-fold and is not refused as a zip bomb first (members under 10 MB are not)."""
    import random

    if noisy:
        blob = b"<!--" + random.Random(size).randbytes(size - 4).translate(bytes([120, 120] + [45] * 254))
    else:
        blob = b"<!--" + b"-" * (size - 4)
    return rezip(mini_docx(), {f"word/flood{i}.xml": blob for i in range(members)})


def doctype_after_blanks_docx(blanks: bytes = b" " * 600 + b"\n" * 600) -> bytes:
    """A DOCTYPE with an entity, pushed back by leading white space (and a comment)."""
    with zipfile.ZipFile(io.BytesIO(mini_docx())) as zf:
        body = zf.read("word/document.xml")
    root_at = body.index(b"<w:document")
    evil = (blanks + b"<!-- " + b"x" * 700 + b" -->" + b'<!DOCTYPE w:document [<!ENTITY e "boom">]>'
            + body[root_at:])
    return rezip(mini_docx(), {"word/document.xml": evil})


# --- .html -----------------------------------------------------------------------------------
def deep_html(depth: int) -> bytes:
    """A report page whose article sits ``depth`` elements deep."""
    paragraphs = "".join(f"<p>{line}</p>\n" for line in MINI.splitlines())
    return (f"<html><body>{'<div>' * depth}<div id=\"zoom\">\n{paragraphs}</div>{'</div>' * depth}"
            "</body></html>").encode("utf-8")
