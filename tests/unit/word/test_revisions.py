"""Tracked changes as WordprocessingML: word-level differences, whole paragraphs and rows."""

from __future__ import annotations

from datetime import date

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from generator.word.ooxml import paragraph, run
from generator.word.revisions import Revisions, as_deleted, diff_runs
from generator.word.tracking import merge
from tests.support.redlines import paragraphs, resolve


def marks() -> Revisions:
    return Revisions("Northwind PMO", date(2026, 3, 1))


def body(xml: str):
    return parse_xml(f"<w:body {nsdecls('w')}>{xml}</w:body>")


def changes(xml: str, tag: str) -> list[str]:
    return ["".join(t.text or "" for t in e.iter(qn("w:t"), qn("w:delText")))
            for e in body(xml).iter(qn(f"w:{tag}"))]


def test_words_change_one_by_one_and_spaces_between_changes_join_them() -> None:
    xml = diff_runs(run("Review the log every fortnight with the team."),
                    run("Review the register every month with the sponsor."), marks())
    assert changes(xml, "del") == ["log", "fortnight", "team"]
    assert changes(xml, "ins") == ["register", "month", "sponsor"]
    joined = diff_runs(run("a quick review"), run("a slow full check"), marks())
    assert changes(joined, "del") == ["quick review"]
    assert changes(joined, "ins") == ["slow full check"]


def test_a_version_number_changes_as_one_word() -> None:
    xml = diff_runs(run("risk@1.0.0 · Approved"), run("risk@1.1.0 · Approved"), marks())
    assert changes(xml, "del") == ["1.0.0"] and changes(xml, "ins") == ["1.1.0"]


def test_run_properties_stay_with_their_words() -> None:
    xml = diff_runs(run("SHOULD", style="Obligation") + run(" act"),
                    run("MUST", style="Obligation") + run(" act"), marks())
    root = body(xml)
    for tag in ("ins", "del"):
        [change] = root.iter(qn(f"w:{tag}"))
        assert change.find(f".//{qn('w:rStyle')}").get(qn("w:val")) == "Obligation"


def test_deleted_text_is_written_as_deltext() -> None:
    assert as_deleted('<w:r><w:t xml:space="preserve">a</w:t><w:tab/></w:r>') == (
        '<w:r><w:delText xml:space="preserve">a</w:delText><w:tab/></w:r>')


def test_every_revision_has_its_own_id_author_and_date() -> None:
    xml = diff_runs(run("one two three"), run("one four three five"), marks())
    found = [*body(xml).iter(qn("w:ins"), qn("w:del"))]
    assert len({e.get(qn("w:id")) for e in found}) == len(found) == 3
    assert {(e.get(qn("w:author")), e.get(qn("w:date"))) for e in found} == {
        ("Northwind PMO", "2026-03-01T00:00:00Z")}


def _table(rows: list[list[str]]) -> str:
    cells = "".join("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(
        f"<w:tc>{paragraph(run(text), 'TableText')}</w:tc>" for text in row) + "</w:tr>"
        for row in rows)
    grid = "".join("<w:gridCol/>" for _ in rows[0])
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{cells}</w:tbl>"


def test_merged_paragraphs_and_tables_accept_to_new_and_reject_to_old() -> None:
    old = (paragraph(run("Purpose of the log."), "Normal")
           + _table([["Id", "Type"], ["R1", "Risk"], ["A1", "Assumption"]])
           + paragraph(run("Kept by the PMO."), "Normal"))
    new = (paragraph(run("Purpose of the register."), "Normal")
           + _table([["Id", "Type"], ["R1", "Risk"], ["I1", "Issue"], ["D1", "Dependency"]])
           + paragraph(run("A new closing note."), "Normal")
           + paragraph(run("Kept by the PMO."), "Normal"))
    merged = "".join(xml for _, xml in merge(list(body(old)), list(body(new)), marks()))
    root = body(merged)
    assert paragraphs(resolve(root, accept=True)) == paragraphs(body(new))
    assert paragraphs(resolve(root, accept=False)) == paragraphs(body(old))
    inserted_rows = [r for r in root.iter(qn("w:tr"))
                     if r.find(f"{qn('w:trPr')}/{qn('w:ins')}") is not None]
    assert len(inserted_rows) == 2


def test_a_table_with_other_columns_is_replaced_whole() -> None:
    old = _table([["Id", "Type"], ["R1", "Risk"]])
    new = _table([["Id", "Type", "Owner"], ["R1", "Risk", "PMO"]])
    root = body("".join(x for _, x in merge(list(body(old)), list(body(new)), marks())))
    assert len(root.findall(qn("w:tbl"))) == 2
    assert paragraphs(resolve(root, accept=True)) == paragraphs(body(new))
    assert paragraphs(resolve(root, accept=False)) == paragraphs(body(old))
