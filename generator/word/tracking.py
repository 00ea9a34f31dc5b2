"""Two versions of the same stretch of a document as one, with the difference tracked.

Paragraphs and tables of the old and new version (parsed WordprocessingML) are paired
by their content; a paired paragraph gets word-level changes, a paired table row by
row and cell by cell; what is only in one version is a whole inserted or deleted
paragraph, row or table. Accepting every change gives the new version, rejecting
every change the old one.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from docx.oxml.ns import qn
from lxml import etree

from generator.word.revisions import Revisions, diff_tokens, run_tokens, xml_of

W_P = qn("w:p")
W_T = qn("w:t")
W_PPR = qn("w:pPr")
W_RPR = qn("w:rPr")
W_R = qn("w:r")
W_TBL = qn("w:tbl")
W_TR = qn("w:tr")
W_TC = qn("w:tc")
W_TRPR = qn("w:trPr")
W_HYPERLINK = qn("w:hyperlink")
BOOKMARKS = (qn("w:bookmarkStart"), qn("w:bookmarkEnd"))
_AFTER_RPR = (qn("w:sectPr"), qn("w:pPrChange"))
_RENAMED = {qn("w:t"): qn("w:delText"), qn("w:instrText"): qn("w:delInstrText")}
# Bookmarks, and the names of bookmarks links and the contents' page numbers point to
# (the old version's are numbered apart from the new one's).
_UNSEEN = re.compile(r'<w:bookmark(?:Start|End) [^>]*/>| w:anchor="[^"]*"|(?<=PAGEREF )\S+')

SHORT = 3  # words: paragraphs this short pair whatever they say (a cell's value)
Merged = tuple[str, str]  # (status: same, changed, inserted or deleted; XML)


def signature(element: etree._Element) -> str:
    """What a reader sees of a paragraph or table (bookmarks and widths left out)."""
    if element.tag == W_TBL:
        rows = element.findall(W_TR)
        return f"table {_columns(element)}:" + "\n".join(_row_signature(r) for r in rows)
    return _UNSEEN.sub("", xml_of(element))


def _row_signature(row: etree._Element) -> str:
    return "|".join(signature(p) for cell in row.findall(W_TC) for p in cell.findall(W_P))


def _columns(table: etree._Element) -> int:
    return len(table.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}"))


def merge(old: Sequence[etree._Element], new: Sequence[etree._Element], marks: Revisions, *,
          pair: bool = True) -> list[Merged]:
    """Old and new paragraphs and tables as one sequence with the changes tracked. With
    `pair`, changed elements in the same place are compared word by word."""
    out: list[Merged] = []
    matcher = SequenceMatcher(None, [signature(e) for e in old], [signature(e) for e in new],
                              autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(("same", xml_of(e)) for e in new[j1:j2])
        elif pair and op == "replace":
            out.extend(_pair(old[i1:i2], new[j1:j2], marks))
        else:
            out.extend(("deleted", deleted(e, marks)) for e in old[i1:i2])
            out.extend(("inserted", inserted(e, marks)) for e in new[j1:j2])
    return out


def _pair(old: Sequence[etree._Element], new: Sequence[etree._Element],
          marks: Revisions) -> list[Merged]:
    """Changed elements in one place: each new one paired with the next old one like it
    (compared word by word), the others whole deletions, then insertions."""
    out: list[Merged] = []
    start = 0
    waiting: list[etree._Element] = []  # new elements without an old one, not yet written

    def flush(end: int) -> None:
        out.extend(("deleted", deleted(e, marks)) for e in old[start:end])
        out.extend(("inserted", inserted(e, marks)) for e in waiting)
        waiting.clear()

    for element in new:
        match = next((k for k in range(start, len(old)) if _alike(old[k], element)), None)
        if match is None:
            waiting.append(element)
            continue
        flush(match)
        out.append(track(old[match], element, marks))
        start = match + 1
    flush(len(old))
    return out


def _alike(old: etree._Element, new: etree._Element) -> bool:
    """Two versions of one paragraph or table row (half their words in common; any two short
    paragraphs, such as a table cell's value), or of one table (the same columns)."""
    if old.tag != new.tag:
        return False
    if old.tag == W_TBL:
        return _columns(old) == _columns(new)
    if old.tag == W_TR and len(old.findall(W_TC)) != len(new.findall(W_TC)):
        return False
    before, after = _words(old), _words(new)
    if old.tag == W_P and max(len(before), len(after)) <= SHORT:  # "1.0.0" -> "1.1.0"
        return True
    return SequenceMatcher(None, before, after, autojunk=False).ratio() >= 0.5


def _words(element: etree._Element) -> list[str]:
    return " ".join(t.text or "" for t in element.iter(W_T)).split()


def track(old: etree._Element, new: etree._Element, marks: Revisions) -> Merged:
    """One paragraph or table in two versions."""
    if old.tag == new.tag == W_P:
        return "changed", track_paragraph(old, new, marks)
    if old.tag == new.tag == W_TBL and _columns(old) == _columns(new):
        return "changed", track_table(old, new, marks)
    if old.tag == new.tag == W_TR:
        return "changed", _track_row(old, new, marks)
    return "changed", deleted(old, marks) + inserted(new, marks)


def track_paragraph(old: etree._Element, new: etree._Element, marks: Revisions) -> str:
    """The new paragraph with its words changed from the old one tracked."""
    old_tokens = run_tokens(_content(old))
    new_tokens = run_tokens(_content(new))
    if old_tokens is None or new_tokens is None:  # fields or links: the paragraph as a whole
        return deleted(old, marks) + inserted(new, marks)
    properties = new.find(W_PPR)
    starts = "".join(xml_of(b) for b in new.iter(BOOKMARKS[0]))
    ends = "".join(xml_of(b) for b in new.iter(BOOKMARKS[1]))
    return (f"<w:p>{xml_of(properties) if properties is not None else ''}{starts}"
            f"{diff_tokens(old_tokens, new_tokens, marks)}{ends}</w:p>")


def _content(paragraph: etree._Element) -> list[etree._Element]:
    return [c for c in paragraph if c.tag != W_PPR and c.tag not in BOOKMARKS]


def track_table(old: etree._Element, new: etree._Element, marks: Revisions) -> str:
    """The new table (its look and widths) with rows and cells changed from the old tracked."""
    parts = ["<w:tbl>", *(xml_of(c) for c in new if c.tag != W_TR)]
    old_rows, new_rows = old.findall(W_TR), new.findall(W_TR)
    matcher = SequenceMatcher(None, [_row_signature(r) for r in old_rows],
                              [_row_signature(r) for r in new_rows], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.extend(xml_of(r) for r in new_rows[j1:j2])
        elif op == "replace":
            parts.extend(xml for _, xml in _pair(old_rows[i1:i2], new_rows[j1:j2], marks))
        else:
            parts.extend(deleted(r, marks) for r in old_rows[i1:i2])
            parts.extend(inserted(r, marks) for r in new_rows[j1:j2])
    parts.append("</w:tbl>")
    return "".join(parts)


def _track_row(old: etree._Element, new: etree._Element, marks: Revisions) -> str:
    old_cells, new_cells = old.findall(W_TC), new.findall(W_TC)
    if len(old_cells) != len(new_cells):
        return deleted(old, marks) + inserted(new, marks)
    parts = ["<w:tr>", *(xml_of(c) for c in new if c.tag != W_TC)]
    for old_cell, new_cell in zip(old_cells, new_cells, strict=True):
        properties = [xml_of(c) for c in new_cell if c.tag not in (W_P, W_TBL)]
        body = merge([c for c in old_cell if c.tag in (W_P, W_TBL)],
                     [c for c in new_cell if c.tag in (W_P, W_TBL)], marks)
        parts.append(f"<w:tc>{''.join(properties)}{''.join(x for _, x in body)}</w:tc>")
    parts.append("</w:tr>")
    return "".join(parts)


def inserted(element: etree._Element, marks: Revisions) -> str:
    """A whole paragraph, row or table as inserted."""
    return _whole(element, "ins", marks)


def deleted(element: etree._Element, marks: Revisions) -> str:
    """A whole paragraph, row or table as deleted."""
    return _whole(element, "del", marks)


def _whole(element: etree._Element, kind: str, marks: Revisions) -> str:
    element = copy.deepcopy(element)
    if element.tag == W_P:
        _mark_paragraph(element, kind, marks)
        _wrap_runs(element, kind, marks)
    else:
        for row in element.iter(W_TR):
            _mark_row(row, kind, marks)
            for paragraph in row.iter(W_P):
                _wrap_runs(paragraph, kind, marks)
    return xml_of(element)


def _mark_paragraph(paragraph: etree._Element, kind: str, marks: Revisions) -> None:
    """Mark the paragraph mark itself inserted or deleted (`w:pPr/w:rPr/w:ins`)."""
    properties = paragraph.find(W_PPR)
    if properties is None:
        properties = paragraph.makeelement(W_PPR, {})
        paragraph.insert(0, properties)
    rpr = properties.find(W_RPR)
    if rpr is None:
        rpr = properties.makeelement(W_RPR, {})
        later = [c for c in properties if c.tag in _AFTER_RPR]
        if later:
            later[0].addprevious(rpr)
        else:
            properties.append(rpr)
    rpr.insert(0, rpr.makeelement(qn(f"w:{kind}"), marks.attributes()))


def _mark_row(row: etree._Element, kind: str, marks: Revisions) -> None:
    properties = row.find(W_TRPR)
    if properties is None:
        properties = row.makeelement(W_TRPR, {})
        cells = row.findall(W_TC)
        if cells:
            cells[0].addprevious(properties)
        else:
            row.append(properties)
    properties.append(properties.makeelement(qn(f"w:{kind}"), marks.attributes()))


def _wrap_runs(parent: etree._Element, kind: str, marks: Revisions) -> None:
    """Put each stretch of runs in one `w:ins` or `w:del` (deleted text as `w:delText`)."""
    wrapper: etree._Element | None = None
    for child in list(parent):
        if child.tag != W_R:
            wrapper = None
            if child.tag == W_HYPERLINK:
                _wrap_runs(child, kind, marks)
            continue
        if wrapper is None:
            wrapper = child.makeelement(qn(f"w:{kind}"), marks.attributes())
            child.addprevious(wrapper)
        wrapper.append(child)
        if kind == "del":
            for text in child.iter(*_RENAMED):
                text.tag = _RENAMED[text.tag]
