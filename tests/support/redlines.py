"""Accepting or rejecting every tracked change of a .docx, as Word does, to check redlines.

Accept: deletions (`w:del`) go, insertions (`w:ins`) stay as plain text; reject: the
other way round, deleted text (`w:delText`) becoming text again. A paragraph whose mark
is removed (`w:pPr/w:rPr/w:del` on accept, `w:ins` on reject) joins the next paragraph;
a table row marked the same way goes, and a table left without rows with it.
"""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree

W_P, W_R, W_T, W_TR = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:tr")
W_PPR, W_RPR, W_TRPR, W_TBL = qn("w:pPr"), qn("w:rPr"), qn("w:trPr"), qn("w:tbl")


def part_xml(docx: Path, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(docx) as archive:
        return etree.fromstring(archive.read(name))


def resolve(root: etree._Element, *, accept: bool) -> etree._Element:
    """A copy of a part's XML with every tracked change accepted (or rejected)."""
    root = copy.deepcopy(root)
    drop, keep = (qn("w:del"), qn("w:ins")) if accept else (qn("w:ins"), qn("w:del"))
    for row in list(root.iter(W_TR)):
        properties = row.find(W_TRPR)
        if properties is not None and properties.find(drop) is not None:
            row.getparent().remove(row)
    for table in list(root.iter(W_TBL)):
        if table.find(W_TR) is None:
            table.getparent().remove(table)
    for wrapper in list(root.iter(drop)):
        parent = wrapper.getparent()
        if parent is not None and parent.tag not in (W_RPR, W_TRPR):
            parent.remove(wrapper)
    for wrapper in list(root.iter(keep)):
        parent = wrapper.getparent()
        if parent is None:
            continue
        if parent.tag in (W_RPR, W_TRPR):
            parent.remove(wrapper)
            continue
        index = parent.index(wrapper)
        for child in list(wrapper):
            parent.insert(index, child)
            index += 1
        parent.remove(wrapper)
    if not accept:
        for text in root.iter(qn("w:delText")):
            text.tag = W_T
        for text in root.iter(qn("w:delInstrText")):
            text.tag = qn("w:instrText")
    for paragraph in list(root.iter(W_P)):
        mark = paragraph.find(f"{W_PPR}/{W_RPR}/{drop}")
        if mark is None:
            continue
        _join_next(paragraph)
    return root


def _join_next(paragraph: etree._Element) -> None:
    """Remove a paragraph mark: the paragraph's content joins the next paragraph."""
    content = [c for c in paragraph if c.tag != W_PPR]
    following = paragraph.getnext()
    if following is not None and following.tag == W_P:
        properties = following.find(W_PPR)
        index = 0 if properties is None else following.index(properties) + 1
        for child in content:
            following.insert(index, child)
            index += 1
    else:
        assert not paragraph_text(paragraph), "text left in a removed paragraph at the end"
    paragraph.getparent().remove(paragraph)


def paragraph_text(paragraph: etree._Element) -> str:
    out = []
    for element in paragraph.iter(W_T, qn("w:delText"), qn("w:tab"), qn("w:br")):
        if element.tag in (W_T, qn("w:delText")):
            out.append(element.text or "")
        elif element.tag == qn("w:tab"):
            if element.getparent().tag == W_R:
                out.append("\t")
        else:
            out.append("\n")
    return "".join(out)


def paragraphs(root: etree._Element) -> list[str]:
    """The text of every paragraph of the body, tables included, in reading order."""
    return [paragraph_text(p) for p in root.iter(W_P)]


def has_tracked_changes(root: etree._Element) -> bool:
    return next(root.iter(qn("w:ins"), qn("w:del")), None) is not None


# -- the release of the redline tests -------------------------------------------------------
# On the minimal example: 1.0.0 has a third requirement (RISK-3); 1.1.0 rewords RISK-1, makes
# RISK-2 stricter (controlling should -> must), removes RISK-3 and adds RISK-4, and changes
# the RAID log (guidance reworded, an example row and a section added).

RISK = Path("policies/risk.yaml")
RAID = Path("artefacts/raid-log.yaml")
RISK_REASON = "Monthly review with the sponsor; owners named; closed risks no longer recorded."
RAID_REASON = "Reviews recorded; guidance names what a row is."
RISK_3 = """  - id: RISK-3
    actor: pmo-lead
    text: Record every closed risk with the date it closed.
    obligation:
      supportive: may
      controlling: should
      directive: should
"""
RISK_4 = """  - id: RISK-4
    actor: pmo-lead
    text: Name an owner for every risk within five working days.
    obligation:
      supportive: should
      controlling: must
      directive: must
"""


def _edit(path: Path, *replacements: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} not once in {path}"
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def add_risk_3(standards: Path) -> None:
    """The 1.0.0 content: the minimal example with a third requirement."""
    _edit(standards / RISK, ("raci:\n", RISK_3 + "raci:\n"))


def change_for_1_1_0(standards: Path, *, approve: bool = True) -> None:
    """The 1.1.0 content, versions bumped with history entries; approved if `approve`."""
    _edit(standards / RISK,
          ("Keep a RAID log and review it every fortnight.",
           "Keep a RAID log and review it with the sponsor every month."),
          ("      controlling: should\n      directive: must\n    tiers:",
           "      controlling: must\n      directive: must\n    tiers:"),
          (RISK_3, RISK_4))
    _bump(standards / RISK, RISK_REASON)
    _edit(standards / RAID,
          ("guidance: One row per item.", "guidance: One row per risk, assumption, issue or "
                                          "dependency; close it when it is resolved."),
          ("        - - R1\n          - Risk\n          - Open\n",
           "        - - R1\n          - Risk\n          - Open\n"
           "        - - I1\n          - Issue\n          - Closed\n"),
          ("approved_by:", "  - title: Reviews\n    guidance: Record each fortnightly review "
                           "of the log and who attended.\napproved_by:"))
    _bump(standards / RAID, RAID_REASON)
    if approve:
        approve_1_1_0(standards)


def _bump(path: Path, summary: str) -> None:
    _edit(path, ("\nversion: 1.0.0\n", "\nversion: 1.1.0\n"),
          ("history:\n", f"history:\n  - version: 1.1.0\n    date: 2026-02-01\n"
                         f"    summary: {summary}\n    change: minor\n"))


def approve_1_1_0(standards: Path) -> None:
    """The approval entries of the 1.1.0 versions, by each standard's approver."""
    for relative, role in ((RISK, "sponsor"), (RAID, "pmo-lead")):
        _edit(standards / relative, ("approvals:\n", f"approvals:\n  - version: 1.1.0\n"
                                                     f"    by: {role}\n    date: 2026-02-02\n"))


def comments(docx: Path) -> list[str]:
    """The text of every comment of a .docx."""
    try:
        root = part_xml(docx, "word/comments.xml")
    except KeyError:
        return []
    return [paragraph_text(c) for c in root.iter(qn("w:comment"))]
