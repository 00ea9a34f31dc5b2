"""Redlines and the review pack, from two models of the minimal example (no git): read back
as WordprocessingML, with every tracked change accepted and rejected."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from generator.model.changes import ChangeSet
from generator.model.render_inputs import RenderInputs
from generator.pipeline.check import load_handbook
from generator.release.changes import change_set
from generator.word import render_redlines, render_word, write_review_pack
from tests.support.redlines import (
    RAID_REASON,
    RISK_REASON,
    add_risk_3,
    change_for_1_1_0,
    comments,
    has_tracked_changes,
    paragraph_text,
    paragraphs,
    part_xml,
    resolve,
)
from tests.support.workspace import MINIMAL

DAY = date(2026, 2, 3)


@dataclass
class Rendered:
    changes: ChangeSet
    redlines: Path
    old: Path
    new: Path
    pack: Path


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    root = tmp_path_factory.mktemp("redline")
    shutil.copytree(MINIMAL, root / "old")
    add_risk_3(root / "old")
    shutil.copytree(root / "old", root / "new")
    change_for_1_1_0(root / "new")
    old, new = load_handbook(root / "old"), load_handbook(root / "new")
    changes = change_set(old, new, old_label="1.0.0", new_label="1.1.0", day=DAY,
                         author=new.settings.pmo_name)
    render_redlines(changes, root / "redlines")
    render_word(old, root / "word-old", RenderInputs())
    render_word(new, root / "word-new", RenderInputs())
    pack = write_review_pack(changes, root / "release-1.1.0-review.docx")
    return Rendered(changes, root / "redlines", root / "word-old", root / "word-new", pack)


DOCUMENTS = [("risk-1.0.0-to-1.1.0.docx", "policies/risk.docx"),
             ("raid-log-1.0.0-to-1.1.0.docx", "raid-log.docx")]


def test_a_redline_per_changed_policy_and_artefact(rendered: Rendered) -> None:
    assert sorted(p.name for p in rendered.redlines.iterdir()) == sorted(r for r, _ in DOCUMENTS)
    assert [s.standard_id for s in rendered.changes.standards] == ["risk", "raid-log"]


@pytest.mark.parametrize(("redline", "plain"), DOCUMENTS)
def test_accepting_every_change_gives_the_new_document(rendered: Rendered, redline: str,
                                                       plain: str) -> None:
    root = part_xml(rendered.redlines / redline)
    assert has_tracked_changes(root)
    assert paragraphs(resolve(root, accept=True)) == paragraphs(part_xml(rendered.new / plain))


@pytest.mark.parametrize(("redline", "plain"), DOCUMENTS)
def test_rejecting_every_change_gives_the_old_document(rendered: Rendered, redline: str,
                                                       plain: str) -> None:
    root = part_xml(rendered.redlines / redline)
    assert paragraphs(resolve(root, accept=False)) == paragraphs(part_xml(rendered.old / plain))


@pytest.mark.parametrize(("redline", "plain"), DOCUMENTS)
def test_the_header_tracks_the_version_too(rendered: Rendered, redline: str,
                                           plain: str) -> None:
    header = part_xml(rendered.redlines / redline, "word/header1.xml")
    for version, folder, accept in (("1.0.0", rendered.old, False),
                                    ("1.1.0", rendered.new, True)):
        expected = paragraphs(part_xml(folder / plain, "word/header1.xml"))
        assert paragraphs(resolve(header, accept=accept)) == expected
        assert any(version in text for text in expected)


def tracked(root, tag: str) -> list[str]:
    """The text inside each w:ins or w:del."""
    return [paragraph_text(element) for element in root.iter(qn(f"w:{tag}"))]


def requirement_paragraph(root, requirement_id: str):
    """The paragraph of a requirement (its text, deleted text included, starts with its id)."""
    return next(p for p in root.iter(qn("w:p"))
                if paragraph_text(p).startswith(f"{requirement_id}\t"))


def test_a_reworded_requirement_changes_word_by_word(rendered: Rendered) -> None:
    paragraph = requirement_paragraph(part_xml(rendered.redlines / DOCUMENTS[0][0]), "RISK-1")
    assert tracked(paragraph, "ins") == ["with the sponsor ", "month"]
    assert tracked(paragraph, "del") == ["fortnight"]
    assert paragraph.find(f"{qn('w:pPr')}/{qn('w:rPr')}") is None  # the paragraph stays


def test_a_stricter_obligation_replaces_the_word_itself(rendered: Rendered) -> None:
    paragraph = requirement_paragraph(part_xml(rendered.redlines / DOCUMENTS[0][0]), "RISK-2")
    assert tracked(paragraph, "del") == ["SHOULD"]
    assert tracked(paragraph, "ins") == ["MUST"]
    for tag in ("ins", "del"):
        [change] = paragraph.iter(qn(f"w:{tag}"))
        assert change.find(f".//{qn('w:rStyle')}").get(qn("w:val")) == "Obligation"


@pytest.mark.parametrize(("requirement_id", "tag", "text"), [
    ("RISK-3", "del", "RISK-3\tSHOULD Record every closed risk with the date it closed."),
    ("RISK-4", "ins", "RISK-4\tMUST Name an owner for every risk within five working days.")])
def test_added_and_removed_requirements_are_whole_paragraphs(
        rendered: Rendered, requirement_id: str, tag: str, text: str) -> None:
    root = part_xml(rendered.redlines / DOCUMENTS[0][0])
    paragraph = requirement_paragraph(root, requirement_id)
    mark = paragraph.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn(f'w:{tag}')}")
    assert mark is not None  # the paragraph mark itself is inserted or deleted
    assert "".join(tracked(paragraph, tag)) == text
    detail = paragraph.getnext()  # "Applies to ..." goes with it
    assert detail.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn(f'w:{tag}')}") is not None


def test_changes_are_by_the_pmo_on_the_release_date(rendered: Rendered) -> None:
    root = part_xml(rendered.redlines / DOCUMENTS[0][0])
    changes = [*root.iter(qn("w:ins"), qn("w:del"))]
    assert changes
    assert {c.get(qn("w:author")) for c in changes} == {"Example Ltd PMO"}
    assert {c.get(qn("w:date")) for c in changes} == {"2026-02-03T00:00:00Z"}
    ids = [c.get(qn("w:id")) for c in changes]
    assert len(ids) == len(set(ids))


def test_each_changed_requirement_has_one_comment_with_id_kind_and_reason(
        rendered: Rendered) -> None:
    texts = comments(rendered.redlines / DOCUMENTS[0][0])
    expected = {"RISK-1": "RISK-1: reworded", "RISK-2": "RISK-2: obligation stricter "
                "(controlling should → must)", "RISK-3": "RISK-3: removed",
                "RISK-4": "RISK-4: added"}
    for requirement_id, start in expected.items():
        [comment] = [t for t in texts if t.startswith(f"{requirement_id}:")]
        assert comment == f"{start}. Reason: {RISK_REASON}"
    root = part_xml(rendered.redlines / DOCUMENTS[0][0])
    for requirement_id in expected:  # anchored on the requirement's own paragraph
        paragraph = requirement_paragraph(root, requirement_id)
        assert len(list(paragraph.iter(qn("w:commentReference")))) == 1
    assert len(texts) == len(expected) + 1  # and one on the title, for the whole policy
    assert f"Policy risk 1.0.0 → 1.1.0: changed. Reason: {RISK_REASON}" in texts


def test_the_artefact_redline_tracks_guidance_rows_and_the_new_section(
        rendered: Rendered) -> None:
    root = part_xml(rendered.redlines / DOCUMENTS[1][0])
    inserted = " ".join(tracked(root, "ins"))
    assert "risk, assumption, issue or dependency; close it when it is resolved" in inserted
    assert "Reviews" in inserted and "I1" in inserted
    rows = [r for r in root.iter(qn("w:tr"))
            if r.find(f"{qn('w:trPr')}/{qn('w:ins')}") is not None]
    assert ["".join(t.text for t in r.iter(qn("w:t"))) for r in rows] == ["I1IssueClosed"]
    assert comments(rendered.redlines / DOCUMENTS[1][0]) == [
        f"Artefact raid-log 1.0.0 → 1.1.0: changed. Reason: {RAID_REASON}"]


@pytest.mark.parametrize("redline", [r for r, _ in DOCUMENTS])
def test_python_docx_opens_the_redlines(rendered: Rendered, redline: str) -> None:
    document = docx.Document(str(rendered.redlines / redline))
    assert document.core_properties.version == "1.1.0"
    assert "redline" in document.core_properties.keywords


def test_review_pack_summary_content_and_approval(rendered: Rendered) -> None:
    document = docx.Document(str(rendered.pack))
    summary = next(t for t in document.tables
                   if [c.text for c in t.rows[0].cells][:3] == ["Standard", "Requirement",
                                                               "Change"])
    rows = [[c.text for c in row.cells] for row in summary.rows[1:]]
    assert rows == [
        ["Risk management (risk)", "RISK-1", "reworded", "Tier 1 – Small, Tier 2 – Large",
         "Supportive, Controlling, Directive", "No"],
        ["Risk management (risk)", "RISK-2", "obligation stricter", "Tier 2 – Large", "Controlling",
         "Yes"],
        ["Risk management (risk)", "RISK-3", "removed", "Tier 1 – Small, Tier 2 – Large",
         "Supportive, Controlling, Directive", "Yes"],
        ["Risk management (risk)", "RISK-4", "added", "Tier 1 – Small, Tier 2 – Large",
         "Supportive, Controlling, Directive", "Yes"],
        ["RAID log (raid-log)", "–", "section added: Reviews",
         "Tier 1 – Small, Tier 2 – Large", "–", "No"],
    ]
    approval = document.tables[-1]
    assert [c.text for c in approval.rows[0].cells] == ["Role", "Approves", "Name",
                                                        "Signature", "Date"]
    assert [[c.text for c in r.cells][:2] for r in approval.rows[1:]] == [
        ["Sponsor", "Risk management"], ["PMO lead", "RAID log"]]
    assert all(r.cells[3].text.startswith("____") for r in approval.rows[1:])
    root = part_xml(rendered.pack)
    texts = [t for t in paragraphs(root) if not t.endswith("\t")]  # not the contents' lines
    order = [texts.index(t) for t in ("Summary of changes", "Risk management (policy, 1.0.0 → "
                                      "1.1.0)", "RAID log (artefact, 1.0.0 → 1.1.0)")]
    order.append(len(texts) - 1 - texts[::-1].index("Approval"))  # the pack's, not a policy's
    assert order == sorted(order)
    assert set(tracked(root, "ins")) >= set(tracked(part_xml(
        rendered.redlines / DOCUMENTS[0][0]), "ins")[1:])
    pack_comments = comments(rendered.pack)
    for requirement_id in ("RISK-1", "RISK-2", "RISK-3", "RISK-4"):
        assert len([t for t in pack_comments if t.startswith(f"{requirement_id}:")]) == 1
