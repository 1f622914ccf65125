"""YAML and TOML from files the user did not write themselves, read as data with bounds.

PyYAML's safe loader builds no objects, but it still follows aliases: a "billion laughs" of
nested aliases is a few hundred bytes that expand to billions of nodes as soon as anything
walks the result (validation, or an error message that prints it), and 5,000 nested brackets
exhaust Python's stack. :func:`load_yaml` refuses a document whose nesting is deeper than
``MAX_DEPTH`` or that would expand to more than ``MAX_NODES`` nodes once aliases are followed;
:func:`load_toml` refuses a document nested too deeply for the TOML parser.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_DEPTH = 64  # mappings and lists inside one another; a template uses 5
MAX_NODES = 200_000  # nodes once every alias is expanded; the built-in template has about 2,000


class DataError(ValueError):
    """The document is too deep or expands too far (the message, in Chinese, says which)."""


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it


class _BoundedLoader(_BaseLoader):
    """The safe loader (libyaml's parser where available) with dates left as text and the
    expanded size checked before anything is constructed; the nesting is bounded by
    :func:`_check_depth` before composing (libyaml composes in C, where no hook can count)."""

    def construct_document(self, node):  # noqa: D102 - PyYAML's hook
        _check_expansion(node)
        return super().construct_document(node)


_BoundedLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH, counted on the parser's events (no recursion, and
    before the composer would recurse once per level)."""
    depth = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                raise DataError(f"嵌套超过 {MAX_DEPTH} 层（第 {event.start_mark.line + 1} 行）")
        elif isinstance(event, _CLOSE):
            depth -= 1


def _check_expansion(root) -> None:
    """Count the nodes of the document with every alias expanded, each shared node once (so
    the count itself is linear in the document), and stop at MAX_NODES."""
    sizes: dict[int, int] = {}
    order, stack = [], [root]
    seen: set[int] = set()
    while stack:  # children before parents, without recursion
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        order.append(node)
        stack.extend(_children(node))
    for node in reversed(order):
        total = 1 + sum(sizes.get(id(child), 1) for child in _children(node))
        if total > MAX_NODES:
            raise DataError(f"展开别名（*引用）后超过 {MAX_NODES} 个节点，疑似“别名炸弹”")
        sizes[id(node)] = total


def _children(node) -> list:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def load_yaml(text: str) -> Any:
    """Parse YAML as plain data; DataError if too deep or too big, yaml.YAMLError if invalid."""
    try:
        _check_depth(text)
        return yaml.load(text, Loader=_BoundedLoader)
    except RecursionError:
        raise DataError("嵌套层数过多") from None


def load_toml(text: str) -> dict:
    """Parse TOML; DataError if nested too deeply, tomllib.TOMLDecodeError if invalid."""
    import tomllib  # here: only a pyproject.toml found on the way up needs it (~3 ms of each start)

    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise DataError("嵌套层数过多") from None
    if _depth(data) > MAX_DEPTH:
        raise DataError(f"嵌套超过 {MAX_DEPTH} 层")
    return data


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in item)
    return deepest
