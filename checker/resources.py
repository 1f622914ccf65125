"""Find the data directories (``grammars/``, ``templates/``) in a checkout and in an installed wheel.

In the repository they sit beside ``checker/``; the wheel maps them into the package as
``checker/_data/grammars`` and ``checker/_data/templates`` (see pyproject.toml).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def _root(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"fzcheck data directory '{name}' not found")


def resource_path(*parts: str) -> Path:
    """Path of a bundled data file, e.g. ``resource_path('grammars', 'outline.lark')``."""
    return _root(parts[0]).joinpath(*parts[1:])
