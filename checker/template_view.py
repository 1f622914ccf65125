"""The :class:`~checker.model.TemplateView` of a template: what the outputs show of it, built
once per template when its results are made, so that renderers read it from the result and
never look a template up (nor fall back to another one)."""

from __future__ import annotations

import json
import re

from .checks.indicators import indicators
from .checks.privacy import _settings as privacy_settings
from .model import IndicatorView, SectionView, TemplateView
from .template import Template, load_template

_BUILT: dict[int, tuple[Template, TemplateView]] = {}  # id(template) -> (template kept alive, its view)


def view_of(template: Template) -> TemplateView:
    """The view of ``template`` (the same object for every result of one template, so that a
    batch's results pickle it once per chunk)."""
    built = _BUILT.get(id(template))
    if built is not None and built[0] is template:
        return built[1]
    view = _build(template)
    _BUILT[id(template)] = (template, view)
    return view


def _build(template: Template) -> TemplateView:
    titles: dict[str, str] = {}
    for t in (template, load_template("annual")):
        for s in t.sections:
            titles.setdefault(s.key, s.title)
    code, amount, _ = privacy_settings(template)
    raw = template.raw
    quoted = sorted(set(re.findall(r"“([^“”\s]{2,12})”", json.dumps(raw, ensure_ascii=False))), key=len, reverse=True)
    return TemplateView(
        name=template.name,
        label=template.label,
        sections=tuple(SectionView(s.key, s.title, s.required, s.role) for s in template.sections),
        titles=titles,
        indicators=tuple(IndicatorView(i.key, i.topic, i.figures) for i in indicators(template)),
        doc_names=tuple(sorted((str(e["name"]).strip("《》") for e in raw.get("doc_names", [])), key=len, reverse=True)),
        quoted_terms=tuple(quoted),
        privacy=(code, amount),
    )
