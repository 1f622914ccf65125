"""The rules: one module per check family, and the registry of every rule."""

from .declare import Rule, registry

__all__ = ["Rule", "registry"]
