"""Word renderer on the minimal example: documents read back with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from generator.model import Handbook, Policy, placeholder
from generator.model.render_inputs import RenderInputs
from generator.word import render_word


@pytest.fixture(scope="module")
def word_dir(minimal_handbook: Handbook, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("word")
    render_word(minimal_handbook, out, RenderInputs())
    return out


def paragraphs(document: DocxDocument, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


def header_footer_text(document: DocxDocument) -> tuple[str, str]:
    section = document.sections[0]
    header = " ".join(c.text for t in section.header.tables for r in t.rows for c in r.cells)
    footer = section.footer._element.xml
    return header, footer


def test_render_word_writes_one_document_per_artefact_and_policy_and_the_handbook(
        minimal_handbook: Handbook, word_dir: Path) -> None:
    written = sorted(p.relative_to(word_dir).as_posix() for p in word_dir.rglob("*.docx"))
    expected = sorted([*(f"{a.id}.docx" for a in minimal_handbook.artefacts),
                       *(f"policies/{p.id}.docx" for p in minimal_handbook.policies),
                       f"pmo-handbook-{minimal_handbook.settings.version}.docx"])
    assert written == expected


def test_artefact_template_has_sections_guidance_fields_and_tables(
        minimal_handbook: Handbook, word_dir: Path) -> None:
    for artefact in minimal_handbook.artefacts:
        document = docx.Document(str(word_dir / f"{artefact.id}.docx"))
        headings = paragraphs(document, "Heading 1")
        assert [s.title for s in artefact.sections] == headings[-len(artefact.sections):]
        guidance = " ".join(paragraphs(document, "Guidance"))
        for section in artefact.sections:
            assert section.guidance.strip() in guidance
        cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
        for section in artefact.sections:
            for field in section.fields:
                expected = placeholder(field.answer) if field.answer else ""
                assert [field.label, expected] in cells
            if section.table:
                header = [c.name for c in section.table.columns]
                assert header in cells
                for row in section.table.rows:
                    assert list(row) in cells


def test_table_header_rows_repeat_on_every_page(minimal_handbook: Handbook,
                                                 word_dir: Path) -> None:
    document = docx.Document(str(word_dir / "raid-log.docx"))
    register = next(t for t in document.tables if t.rows[0].cells[0].text == "Id")
    first = register.rows[0]._tr
    assert first.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None


def test_title_page_header_footer_show_the_standard_and_the_project_placeholder(
        minimal_handbook: Handbook, word_dir: Path) -> None:
    artefact = minimal_handbook.get("project-charter")
    document = docx.Document(str(word_dir / "project-charter.docx"))
    runs = [r.text for p in document.paragraphs for r in p.runs]
    assert placeholder("project_name") in runs  # a run of its own, the kit replaces it whole
    body = "\n".join(p.text for p in document.paragraphs)
    assert minimal_handbook.settings.organisation in body
    assert artefact.title in paragraphs(document, "Title")
    header, footer = header_footer_text(document)
    assert f"Based on {artefact.title} {artefact.version}" in header
    assert "Approved" not in header  # the template's status is not the project's
    assert placeholder("project_name") in header
    assert "PAGE" in footer and "NUMPAGES" in footer and "Page " in footer


def test_core_properties_are_the_standards_and_the_projects(minimal_handbook: Handbook,
                                                            word_dir: Path) -> None:
    for artefact in minimal_handbook.artefacts:
        core = docx.Document(str(word_dir / f"{artefact.id}.docx")).core_properties
        assert core.title == artefact.title
        assert core.subject == artefact.summary
        assert (core.version, core.content_status) == ("0.1", "Draft")  # the project's
        assert core.category == "Artefact template"
        assert core.author == placeholder("project_manager")  # the kit fills it in
        assert artefact.id in core.keywords
        assert core.created is not None and core.created.date() == artefact.effective


def test_contents_is_filled_with_the_headings(minimal_handbook: Handbook,
                                              word_dir: Path) -> None:
    document = docx.Document(str(word_dir / "raid-log.docx"))
    entries = [text.split("\t")[0] for text in paragraphs(document, "toc 1")]
    assert entries == paragraphs(document, "Heading 1")
    assert "Log" in entries


def test_policy_document_states_requirements_under_the_pmo_type_in_force(
        minimal_handbook: Handbook, word_dir: Path) -> None:
    policy = minimal_handbook.get("risk")
    assert isinstance(policy, Policy)
    document = docx.Document(str(word_dir / "policies" / "risk.docx"))
    requirements = [p for p in document.paragraphs if p.style.name == "Requirement"]
    assert [p.text.split("\t")[0] for p in requirements] == [r.id for r in policy.requirements]
    pmo_type = minimal_handbook.settings.pmo_type
    for paragraph, requirement in zip(requirements, policy.requirements, strict=True):
        word = requirement.obligation.under(pmo_type).upper()
        obligation = [r for r in paragraph.runs if r.style.name == "Obligation"]
        assert [r.text for r in obligation] == [word]
        assert obligation[0].style.font.bold and obligation[0].style.font.all_caps
        assert requirement.text.strip() in paragraph.text
    headings = paragraphs(document, "Heading 1")
    for expected in ("Purpose", "Scope", "Requirements", "RACI", "Approval", "Document history"):
        assert expected in headings
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["Approved by", minimal_handbook.title_of(policy.approved_by)] in cells
    assert [h.version for h in policy.history][0] in [row[0] for row in cells]
    assert ["Review the RAID log", "R", "A"] in cells


def test_handbook_document_holds_every_approved_standard_in_navigation_order(
        minimal_handbook: Handbook, word_dir: Path) -> None:
    path = word_dir / f"pmo-handbook-{minimal_handbook.settings.version}.docx"
    document = docx.Document(str(path))
    parts = paragraphs(document, "Heading 1")
    assert parts == ["PMO charter", "Framework", "Policies", "Tailoring by tier", "Artefacts",
                     "Roles", "Glossary", "Frequently asked questions"]
    tiers = [t.name for t in minimal_handbook.settings.tiers]
    standards = [t for t in paragraphs(document, "Heading 2") if t not in tiers]
    approved = [s for s in minimal_handbook.standards if s.status == "approved"]
    assert sorted(standards) == sorted(s.title for s in approved)
    kinds = [minimal_handbook.standards[[s.title for s in minimal_handbook.standards]
                                        .index(t)].kind for t in standards]
    assert kinds == sorted(kinds, key=["charter", "framework", "policy", "artefact", "role",
                                       "glossary", "faq"].index)
    assert document.core_properties.version == minimal_handbook.settings.version


def test_output_is_byte_identical_when_built_twice(minimal_handbook: Handbook,
                                                   tmp_path: Path) -> None:
    first = render_word(minimal_handbook, tmp_path / "a", RenderInputs())
    second = render_word(minimal_handbook, tmp_path / "b", RenderInputs())
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_retired_and_draft_standards_are_left_out_of_the_handbook(
        minimal_handbook: Handbook) -> None:
    from generator.word.handbook import handbook_standards
    every = [s for _, group in handbook_standards(minimal_handbook) for s in group]
    assert all(s.status == "approved" for s in every)
