"""The :class:`~checker.model.TemplateView` of a template: what the outputs show of it, built
once per template when its results are made, so that renderers read it from the result and
never look a template up (nor fall back to another one)."""

from __future__ import annotations

from .readings.coverage import indicators
from .rules.privacy import privacy_patterns
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
    code, amount, _ = privacy_patterns(template)
    return TemplateView(
        name=template.name,
        label=template.label,
        sections=tuple(SectionView(s.key, s.title, s.required, s.role, s.short) for s in template.sections),
        titles=titles,
        indicators=tuple(IndicatorView(i.key, i.topic, i.figures) for i in indicators(template)),
        doc_names=tuple(sorted((d.bare for d in template.doc_names), key=len, reverse=True)),
        quoted_terms=tuple(template.quoted_terms),
        privacy=(code, amount),
    )
