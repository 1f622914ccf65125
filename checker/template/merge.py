"""``extends:``: a template laid over its base, each key by its policy in :data:`schema.MERGE`.

A province file that adds one document name keeps the built-in twelve; one that adds a
placeholder pattern keeps the built-in ones; one that rewords a section's heading keeps the
section's patterns. ``{replace: [...]}`` replaces a list; ``remove: true`` drops an item of a
list merged by key.
"""

from __future__ import annotations

from typing import Any

from .schema import TemplateError, policy


def _replacement(value: Any) -> tuple[bool, Any]:
    """Is ``value`` written ``{replace: X}``; and X."""
    if isinstance(value, dict) and len(value) == 1 and "replace" in value:
        return True, value["replace"]
    return False, value


def merge(base: Any, override: Any, path: str = "") -> Any:
    """``override`` laid over ``base`` at key ``path`` (``''``: the whole template)."""
    rule = policy(path) if path else "merge"
    replaced, override = _replacement(override) if rule == "append" or rule.startswith("key:") else (False, override)
    if replaced:
        return normalized(override, path)
    if rule == "merge" and isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for k, v in override.items():
            sub = f"{path}.{k}" if path else str(k)
            out[k] = merge(out[k], v, sub) if k in out else normalized(v, sub)
        return out
    if rule == "append" and isinstance(base, list) and isinstance(override, list):
        return base + [item for item in override if item not in base]
    if rule.startswith("key:") and isinstance(base, list) and isinstance(override, list):
        return _merge_keyed(base, override, rule[4:], path)
    return normalized(override, path)


def _merge_keyed(base: list, override: list, field: str, path: str) -> list:
    out = list(base)
    index = {item[field]: i for i, item in enumerate(out) if isinstance(item, dict) and _hashable(item.get(field))}
    for item in override:
        name = item.get(field) if isinstance(item, dict) else None
        if _hashable(name) and name in index:
            i = index[name]
            if item.get("remove") is True:
                out[i] = None
            else:
                out[i] = _merge_item(out[i], item, path)
        elif isinstance(item, dict) and item.get("remove") is True:
            _nothing_to_remove(path, field, name)
        else:
            out.append(normalized(item, path, item=True))
    return [item for item in out if item is not None]


def _merge_item(base: dict, item: dict, path: str) -> dict:
    out = dict(base)
    for k, v in item.items():
        sub = f"{path}.{k}"
        out[k] = merge(out[k], v, sub) if k in out else normalized(v, sub)
    return out


def normalized(value: Any, path: str, item: bool = False) -> Any:
    """``value`` with no base under it: ``{replace: X}`` read as X, removed items dropped,
    throughout (so a template without ``extends`` may use the same spellings)."""
    if not path:
        return {k: normalized(v, str(k)) for k, v in value.items()} if isinstance(value, dict) else value
    rule = policy(path)
    if item:
        return {k: normalized(v, f"{path}.{k}") for k, v in value.items()} if isinstance(value, dict) else value
    if rule == "append" or rule.startswith("key:"):
        _, value = _replacement(value)
        if rule.startswith("key:") and isinstance(value, list):
            for i in value:
                if isinstance(i, dict) and i.get("remove") is True:
                    _nothing_to_remove(path, rule[4:], i.get(rule[4:]))
            return [normalized(i, path, item=True) for i in value]
        return value
    if rule == "merge" and isinstance(value, dict):
        return {k: normalized(v, f"{path}.{k}") for k, v in value.items()}
    return value


def _nothing_to_remove(path: str, field: str, name: Any) -> None:
    raise TemplateError(f"模板错误：{path}：要删除的 {field}: {name!r} 在所继承的模板中没有（remove: true 只能删除继承来的条目）")


def _hashable(value: Any) -> bool:
    return isinstance(value, (str, int)) and not isinstance(value, bool)
