"""Build a Lark parser from a bundled grammar, its LALR analysis cached on disk between runs.

Analysing a grammar costs 15–30 ms a parser on every start of the program; loading the saved
analysis costs 1–2 ms. Lark does the saving and loading itself (``cache=``); this module only
chooses where: a directory of the user's own (``$FZCHECK_CACHE_DIR``, else
``$XDG_CACHE_HOME/fzcheck``, else ``~/.cache/fzcheck``), never a shared one, since the file is
a pickle. The file name carries a hash of the grammar text, the options and the Lark and Python
versions, so an edited grammar or an upgrade never loads an old analysis. When no such
directory can be had, the parser is simply built as usual.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .resources import resource_path

if TYPE_CHECKING:
    from lark import Lark


def cache_dir() -> Path | None:
    """The user's cache directory for fzcheck, created if need be; None when unusable."""
    configured = os.environ.get("FZCHECK_CACHE_DIR")
    if configured == "":
        return None  # caching switched off
    if configured:
        directory = Path(configured)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        directory = Path(base) / "fzcheck"
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = directory.stat()
    except OSError:
        return None
    getuid = getattr(os, "getuid", None)
    if getuid is not None and (info.st_uid != getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
        return None  # someone else could write there: do not load pickles from it
    return directory


def build_parser(grammar_name: str, **options: Any) -> Lark:
    """``Lark(grammars/<grammar_name>.lark, **options)``, its analysis cached when possible."""
    grammar = resource_path("grammars", f"{grammar_name}.lark").read_text(encoding="utf-8")
    return parser_from_text(grammar_name, grammar, **options)


def parser_from_text(grammar_name: str, grammar: str, **options: Any) -> Lark:
    """``Lark(grammar, **options)`` (a generated grammar), its analysis cached when possible."""
    from lark import Lark  # here, not at the top: cache_dir() serves the template stamps too
    from lark import __version__ as lark_version

    directory = cache_dir()
    if directory is not None and options.get("parser") == "lalr":
        shown = sorted((k, v if isinstance(v, (str, int, bool, type(None))) else type(v).__qualname__)
                       for k, v in options.items())
        key = f"{grammar}\0{shown}\0{lark_version}\0{sys.version_info[:2]}".encode()
        name = f"{Path(grammar_name).stem}-{hashlib.sha256(key).hexdigest()[:16]}.lark"
        return Lark(grammar, cache=str(directory / name), **options)
    return Lark(grammar, **options)
