"""A Word paragraph's text run by run, for :mod:`checker.render.docx_out`: which runs hold the
characters ``start``..``end``, splitting runs so that a span starts and ends on run boundaries
(each half keeping the run's properties), tracked changes and comment ranges.

Offsets count what :func:`checker.read.docx._paragraph_text` counts — the text of visible runs,
a tab or a line break as one character, deleted text not at all — so they are the columns of
a finding on a .docx. A paragraph is read once (:class:`Para`); all its spans are split in one
pass; a report that is one paragraph with thousands of findings stays linear.
"""

from __future__ import annotations

import bisect
import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lxml import etree

from ..read.docx import _RUN_SKIP, R, T, _hidden, _w

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TAB, PTAB, CR, NBH, BR = _w("tab"), _w("ptab"), _w("cr"), _w("noBreakHyphen"), _w("br")
RPR, DEL, INS, DEL_TEXT = _w("rPr"), _w("del"), _w("ins"), _w("delText")
_ONE_CHAR = {TAB: "\t", PTAB: "\t", CR: " ", NBH: "-"}  # a break reads as a space, as Source.lines has it


def _length(el: etree._Element) -> int:
    tag = el.tag
    if tag == T:
        return len(el.text or "")
    if tag in _ONE_CHAR:
        return 1
    if tag == BR:
        return 1 if el.get(_w("type"), "textWrapping") == "textWrapping" else 0
    return 0


@dataclass
class Atom:
    run: etree._Element
    el: etree._Element  # a w:t, or a one-character element (tab, break)
    start: int
    length: int


def atoms(p: etree._Element) -> list[Atom]:
    """The visible characters of ``p``, with the element holding each."""
    out: list[Atom] = []
    pos = 0

    def walk(el: etree._Element, run: etree._Element | None) -> None:
        nonlocal pos
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _RUN_SKIP:
                continue
            if tag == R:
                if not _hidden(child):
                    walk(child, child)
                continue
            n = _length(child)
            if n or tag == T or tag in _ONE_CHAR or tag == BR:
                if run is not None and n:
                    out.append(Atom(run, child, pos, n))
                pos += n
            else:
                walk(child, run)

    walk(p, None)
    return out


def preserve(t: etree._Element) -> None:
    t.set(XML_SPACE, "preserve")


class Para:
    """One paragraph: its atoms and text, read once and again after its runs are split."""

    def __init__(self, p: etree._Element):
        self.p = p
        self.refresh()

    def refresh(self) -> None:
        self.atoms = atoms(self.p)
        self.starts = [a.start for a in self.atoms]
        self.text = "".join((a.el.text or "") if a.el.tag == T else _ONE_CHAR.get(a.el.tag, " ") for a in self.atoms)

    @property
    def length(self) -> int:
        return len(self.text)

    def runs_in(self, start: int, end: int) -> list[etree._Element]:
        """The runs whose characters lie within [start, end), in order."""
        out: list[etree._Element] = []
        seen: set[int] = set()
        i = bisect.bisect_left(self.starts, start)
        while i < len(self.atoms) and self.atoms[i].start < end:
            a = self.atoms[i]
            if a.start + a.length <= end and id(a.run) not in seen:
                seen.add(id(a.run))
                out.append(a.run)
            i += 1
        return out

    def run_before(self, offset: int) -> etree._Element | None:
        i = bisect.bisect_left(self.starts, offset) - 1
        return self.atoms[i].run if i >= 0 else None

    def run_from(self, offset: int) -> etree._Element | None:
        i = bisect.bisect_left(self.starts, offset)
        return self.atoms[i].run if i < len(self.atoms) else None

    def split(self, offsets: Iterable[int]) -> None:
        """Make every offset a run boundary, in one pass over the runs."""
        cuts = sorted(set(offsets))
        if not cuts:
            return
        extents: dict[int, list] = {}  # id(run) -> [run, start, end, splittable]
        for a in self.atoms:
            e = extents.get(id(a.run))
            if e is None:
                e = extents[id(a.run)] = [a.run, a.start, a.start + a.length, True]
            e[2] = a.start + a.length
            if a.el.getparent() is not a.run:
                e[3] = False  # text nested deeper (ruby): the run is anchored whole
        changed = False
        for run, start, end, splittable in extents.values():
            lo, hi = bisect.bisect_right(cuts, start), bisect.bisect_left(cuts, end)
            if splittable and lo < hi:
                _split_run(run, start, cuts[lo:hi])
                changed = True
        if changed:
            self.refresh()


def _split_run(run: etree._Element, start: int, cuts: list[int]) -> None:
    """Cut ``run`` (whose text starts at ``start``) at each of ``cuts`` (all inside it)."""
    groups: list[list[etree._Element]] = [[]]
    pos, k = start, 0
    rpr = run.find(RPR)
    for child in [c for c in run if c is not rpr]:
        n = _length(child)
        if n and k < len(cuts) and cuts[k] == pos:
            groups.append([])
            k += 1
        if child.tag == T and k < len(cuts) and cuts[k] < pos + n:
            text, local = child.text or "", 0
            while k < len(cuts) and cuts[k] < pos + n:
                cut = cuts[k] - pos
                groups[-1].append(_text_element(child, text[local:cut]))
                groups.append([])
                local = cut
                k += 1
            groups[-1].append(_text_element(child, text[local:]))
        else:
            groups[-1].append(child)
        pos += n
    for child in list(run):
        if child is not rpr:
            run.remove(child)
    for el in groups[0]:
        run.append(el)
    at = run
    for group in groups[1:]:
        twin = etree.Element(run.tag, attrib=dict(run.attrib))
        if rpr is not None:
            twin.append(copy.deepcopy(rpr))
        for el in group:
            twin.append(el)
        at.addnext(twin)
        at = twin


def _text_element(model: etree._Element, text: str) -> etree._Element:
    t = etree.Element(model.tag, attrib=dict(model.attrib))
    t.text = text
    preserve(t)
    return t


def top(p: etree._Element, el: etree._Element) -> etree._Element:
    """The ancestor of ``el`` (or ``el``) that is a child of ``p``."""
    while el.getparent() is not p and el.getparent() is not None:
        el = el.getparent()
    return el


def revise(para: Para, start: int, end: int, old: str, new: str,
           revision: Callable[[str], etree._Element]) -> bool:
    """Tracked replacement of [start, end) of the paragraph (which must read ``old``) by ``new``:
    the runs there moved into a ``w:del`` (their w:t become w:delText), a ``w:ins`` with a run of
    the same look after it. Spans already split on run boundaries; edits made right to left, so
    that ``para``'s offsets stay valid for those still to come. ``revision(tag)`` makes the
    (empty) w:ins / w:del with id, author and date."""
    p = para.p
    if para.text[start:end] != old:
        return False
    runs = para.runs_in(start, end) if end > start else []
    if any(r.getparent() is not p for r in runs):
        return False  # inside a hyperlink, a field or someone's revision: left to a comment
    if runs:
        first = p.index(runs[0])
        if [p.index(r) for r in runs] != list(range(first, first + len(runs))):
            return False
    if not runs and end > start:
        return False
    ins = None
    if new:
        ins = revision(INS)
        run = etree.SubElement(ins, R)
        model = runs[0] if runs else para.run_before(start)
        if model is None:
            model = para.run_from(start)
        model_rpr = model.find(RPR) if model is not None else None
        if model_rpr is not None:
            run.append(copy.deepcopy(model_rpr))
        t = etree.SubElement(run, T)
        t.text = new
        preserve(t)
    if runs:
        deleted = revision(DEL)
        runs[0].addprevious(deleted)
        for r in runs:
            for t in r.iter(T):
                t.tag = DEL_TEXT
            deleted.append(r)
        if ins is not None:
            deleted.addnext(ins)
    elif ins is not None:
        before = para.run_before(start)
        if before is not None:
            top(p, before).addnext(ins)
        elif para.run_from(start) is not None:
            top(p, para.run_from(start)).addprevious(ins)
        else:
            p.append(ins)
    return True


def mark_comment(p: etree._Element, runs: list[etree._Element], cid: str, own_insertions: set[int]) -> None:
    """w:commentRangeStart before the first run, w:commentRangeEnd and the reference run after
    the last (after the words a revision of ours inserted there, too); a point in an empty
    paragraph."""
    start = etree.Element(_w("commentRangeStart"))
    start.set(_w("id"), cid)
    end = etree.Element(_w("commentRangeEnd"))
    end.set(_w("id"), cid)
    ref_run = etree.Element(R)
    etree.SubElement(ref_run, _w("commentReference")).set(_w("id"), cid)
    if runs:
        first, last = top(p, runs[0]), top(p, runs[-1])
        nxt = last.getnext()
        if last.tag == DEL and nxt is not None and nxt.tag == INS and id(nxt) in own_insertions:
            last = nxt
        first.addprevious(start)
        last.addnext(end)
        end.addnext(ref_run)
    else:
        p.append(start)
        p.append(end)
        p.append(ref_run)
