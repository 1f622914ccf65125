"""Finding, reading, merging, validating and compiling a template: :func:`load_template`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Collection

import yaml

from ..resources import resource_path
from ..yamlsafe import DataError, load_yaml
from .merge import merge, normalized
from .records import Template, build
from .schema import TemplateError, check_rule_ids, validate

BUILTIN_DIR = ("templates", "report")


@lru_cache(maxsize=1)
def _builtins() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in resource_path(*BUILTIN_DIR).glob("*.yaml")))


def builtin_names() -> list[str]:
    return list(_builtins())


def _read_yaml(path: Path, shown: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"无法读取模板 {shown}（{exc}）") from None
    try:
        return load_yaml(text)
    except yaml.YAMLError as exc:
        raise TemplateError(f"模板 {shown} 不是有效的 YAML：{exc}") from None
    except DataError as exc:
        raise TemplateError(f"模板 {shown}：{exc}，不像是模板文件，已拒绝读取") from None


def _load_raw(ref: str, seen: tuple[str, ...]) -> tuple[dict, str]:
    if ref in seen:
        raise TemplateError(f"模板错误：extends 形成循环（{' → '.join(seen + (ref,))}）")
    if ref in _builtins():
        path = resource_path(*BUILTIN_DIR, f"{ref}.yaml")
    else:
        path = Path(ref)
        if not path.is_file():
            raise TemplateError(
                f"未知的模板 {ref!r}：既不是内置模板（{'、'.join(builtin_names())}），也不是存在的文件"
            )
    data = _read_yaml(path, ref)
    if not isinstance(data, dict):
        raise TemplateError(f"模板错误：{ref} 的顶层应为映射")
    parent = data.get("extends")
    if parent is None:
        return normalized(data, ""), str(path)
    if not isinstance(parent, str):
        raise TemplateError(f"模板错误：{ref}：extends 应为模板名称")
    base, _ = _load_raw(parent, seen + (ref,))
    merged = merge(base, {k: v for k, v in data.items() if k != "extends"})
    merged["extends"] = parent
    if "name" not in data:
        merged["name"] = path.stem
    return merged, str(path)


@lru_cache(maxsize=32)
def _load(ref: str) -> Template:
    data, path = _load_raw(ref, ())
    validate(data)
    return build(data, path)


def load_template(ref: str = "annual", rule_ids: Collection[str] | None = None) -> Template:
    """Load a built-in template by name or a template file by path; TemplateError if invalid.
    With ``rule_ids`` (the ids of every rule), a rule the template's ``severities`` or
    ``applies`` names that is not among them is an error too."""
    template = _load(ref)
    if rule_ids is not None:
        check_rule_ids(template.rule_ids_named(), rule_ids)
    return template
