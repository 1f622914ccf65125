"""The command line: :mod:`.app` (the commands), :mod:`.errors` (Chinese messages),
:mod:`.output` (atomic writes), :mod:`.help` (``--help`` in Chinese)."""

from .app import app, example_diff, main

__all__ = ["app", "example_diff", "main"]
