"""Word documents a project manager can send (issue 12): the project's own document control
on every artefact template, the proofing language of handbook.yaml, the handbook's words and
deviation rule word for word, the tailoring chapter, one controlled-copy wording, contents
with page numbers, and the pictures drawn from the standards."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from generator.figures import render_figures
from generator.model import Handbook, placeholder
from generator.model.applicability import deviation_rule, duties
from generator.model.render_inputs import RenderInputs
from generator.word import render_word
from tests.support.edited_standards import G3_BY_THE_BOARD, G3_DECIDER, edited_standards
from tests.support.handbook_docx import tailoring_duties

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def word_dir(minimal_handbook: Handbook, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("word")
    render_word(minimal_handbook, out, RenderInputs())
    return out


def render_with_pictures(handbook: Handbook, root: Path) -> Path:
    """render_word handed the pictures as the pipeline hands them (`figures/<file>`)."""
    figures = render_figures(handbook, root / "figures", RenderInputs())
    files = {f"figures/{p.name}": p for p in figures}
    render_word(handbook, root / "word", RenderInputs(files=files))
    return root / "word"


@pytest.fixture(scope="module")
def full_word_dir(handbook: Handbook, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_with_pictures(handbook, tmp_path_factory.mktemp("full"))


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def table_rows(document: docx.document.Document) -> list[list[str]]:
    return [[c.text for c in row.cells] for t in document.tables for row in t.rows]


def pictures_alt(path: Path) -> list[tuple[str, str]]:
    """(title, descr) of every inline picture of a document's body."""
    root = part(path, "word/document.xml")
    ns = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    return [(e.get("title"), e.get("descr")) for e in root.iter(f"{ns}docPr")]


def test_an_artefact_template_carries_the_projects_own_document_control(
        minimal_handbook: Handbook, word_dir: Path) -> None:
    artefact = minimal_handbook.get("project-charter")
    path = word_dir / "project-charter.docx"
    document = docx.Document(str(path))
    rows = table_rows(document)
    assert ["Version", "0.1"] in rows and ["Status", "Draft"] in rows
    assert ["Author", placeholder("project_manager")] in rows
    assert ["Version", "Date", "Author", "Change"] in rows
    assert ["Name", "Role", "Receives it for"] in rows
    approval = next(t for t in document.tables
                    if [c.text for c in t.rows[0].cells] == ["Role", "Name", "Signature", "Date"])
    assert all(row.cells[2].text.startswith("_____") and row.cells[3].text.startswith("_____")
               for row in approval.rows[1:])
    header = part(path, "word/header1.xml")
    text = "".join(header.itertext())
    assert f"Based on {artefact.title} {artefact.version}" in text
    assert "Approved" not in text and "Effective" not in text
    assert artefact.status.capitalize() not in [r[1] for r in rows if r[0] == "Status"]
    core = document.core_properties
    assert (core.version, core.content_status) == ("0.1", "Draft")
    assert core.author == placeholder("project_manager")
    assert core.title == artefact.title


def test_every_document_is_proofed_in_the_language_of_handbook_yaml(
        minimal_handbook: Handbook, word_dir: Path, tmp_path: Path) -> None:
    assert minimal_handbook.settings.language == "en-GB"  # the default when left out
    german = dataclasses.replace(minimal_handbook, settings=dataclasses.replace(
        minimal_handbook.settings, language="de-DE"))
    render_word(german, tmp_path, RenderInputs())
    for folder, language in ((word_dir, "en-GB"), (tmp_path, "de-DE")):
        for path in folder.rglob("*.docx"):
            styles = part(path, "word/styles.xml")
            default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
            assert default.get(f"{W}val") == language, path
            for style in styles.iter(f"{W}style"):
                langs = style.findall(f"{W}rPr/{W}lang")
                assert [e.get(f"{W}val") for e in langs] == [language], (path, style)
            assert docx.Document(str(path)).core_properties.language == language
            body = part(path, "word/document.xml")
            assert {e.get(f"{W}val") for e in body.iter(f"{W}lang")} <= {language}


def test_policy_and_handbook_say_the_words_and_the_deviation_rule_verbatim(
        minimal_handbook: Handbook, word_dir: Path) -> None:
    words = minimal_handbook.settings.obligation_words
    version = minimal_handbook.settings.version
    for path in (word_dir / "policies" / "risk.docx", word_dir / f"pmo-handbook-{version}.docx"):
        text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        for word in ("must", "should", "may"):
            assert f"{word.upper()}\t{words.of(word)}" in text, (path, word)
        for tier in minimal_handbook.settings.tiers:
            assert deviation_rule(minimal_handbook, tier.id) in text
        assert "unless the sponsor agrees a documented reason" not in text


def test_the_handbook_has_a_tailoring_chapter_and_says_every_copy_is_uncontrolled(
        handbook: Handbook, full_word_dir: Path) -> None:
    path = full_word_dir / f"pmo-handbook-{handbook.settings.version}.docx"
    document = docx.Document(str(path))
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith("Heading")]
    first = [text for style, text in headings if style == "Heading 1"]
    assert first.index("Tailoring by tier") == first.index("Policies") + 1
    chapter = headings[headings.index(("Heading 1", "Tailoring by tier")):]
    chapter = chapter[:next(i for i, h in enumerate(chapter[1:], 1) if h[0] == "Heading 1")]
    assert [t for s, t in chapter if s == "Heading 2"] == [t.name for t in handbook.settings.tiers]
    assert ("Heading 3", "Your duties as project manager") in chapter
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Controlled copy" not in text and "controlled copy" not in text
    header = "".join(part(path, "word/header1.xml").itertext())
    assert "Uncontrolled when printed or downloaded" in header
    assert "Uncontrolled when printed or downloaded" in text
    assert "printed or downloaded copy, this one included, is uncontrolled" in text


def test_the_contents_gives_each_heading_its_page_as_a_pageref_field(
        minimal_handbook: Handbook, word_dir: Path) -> None:
    path = word_dir / "raid-log.docx"
    document = docx.Document(str(path))
    body = document.element.body
    bookmarks = {e.get(qn("w:name")) for e in body.iter(qn("w:bookmarkStart"))}
    entries = [p for p in document.paragraphs if p.style.name == "toc 1"]
    assert [p.text.split("\t")[0] for p in entries] == [
        p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    for entry in entries:
        instructions = [e.text.split() for e in entry._p.iter(qn("w:instrText"))]
        assert [i[:1] for i in instructions] == [["PAGEREF"]]
        assert instructions[0][1] in bookmarks
    settings = part(path, "word/settings.xml")
    assert settings.find(f"{W}updateFields").get(f"{W}val") == "true"


def test_the_pictures_are_in_the_policy_documents_and_the_handbook_with_alt_text(
        handbook: Handbook, full_word_dir: Path) -> None:
    tiers = [t.id for t in handbook.settings.tiers]
    gates = pictures_alt(full_word_dir / "policies" / "stage-gates.docx")
    assert [title for title, _ in gates] == [
        f"Gates of a {handbook.settings.tier(t).name} project" for t in tiers]
    assert all(descr and "decided by the" in descr for _, descr in gates)
    risk = pictures_alt(full_word_dir / "policies" / "risk-management.docx")
    assert len(risk) == 1 and "probability" in risk[0][1] and "Red from" in risk[0][1]
    book = pictures_alt(full_word_dir / f"pmo-handbook-{handbook.settings.version}.docx")
    titles = [title for title, _ in book]
    assert titles[0].startswith("The framework: People, Product, Process, Project")
    assert "Risk matrix: probability times impact, by RAG band" in titles
    # the stage-gate policy's pictures, then the tailoring chapter's, one per tier
    assert sum(t.startswith("Gates of a") for t in titles) == 2 * len(tiers)
    with zipfile.ZipFile(full_word_dir / "policies" / "stage-gates.docx") as archive:
        assert [n for n in archive.namelist() if n.startswith("word/media/")]


def test_changing_a_gates_decision_body_changes_the_picture_in_word(
        full_word_dir: Path, tmp_path: Path) -> None:
    changed = edited_standards(tmp_path, "policies/stage-gates.yaml", G3_DECIDER,
        G3_BY_THE_BOARD)
    after_dir = render_with_pictures(changed, tmp_path / "out")
    before = dict(pictures_alt(full_word_dir / "policies" / "stage-gates.docx"))
    after = dict(pictures_alt(after_dir / "policies" / "stage-gates.docx"))
    title = f"Gates of a {changed.settings.tier(2).name} project"
    assert "G3 Ready to transition, decided by the Steering Committee" in before[title]
    assert "G3 Ready to transition, decided by the Portfolio Board" in after[title]

    def media(folder: Path) -> list[bytes]:
        with zipfile.ZipFile(folder / "policies" / "stage-gates.docx") as archive:
            return sorted(archive.read(n) for n in archive.namelist()
                          if n.startswith("word/media/"))
    assert media(full_word_dir) != media(after_dir)


def test_the_tailoring_chapter_gives_each_tier_the_models_duties(
        handbook: Handbook, full_word_dir: Path) -> None:
    found = tailoring_duties(full_word_dir / f"pmo-handbook-{handbook.settings.version}.docx")
    for t in handbook.settings.tiers:
        expected = {(d.id, d.word) for d in duties(handbook, tier=t.id, scope="project")}
        assert expected and found[t.name] == expected, t.name


def test_a_pmo_duty_applies_to_the_portfolio_and_a_project_duty_to_its_tiers(
        handbook: Handbook, full_word_dir: Path) -> None:
    for policy in handbook.policies:
        lines = [p.text for p in docx.Document(
            str(full_word_dir / "policies" / f"{policy.id}.docx")).paragraphs]
        for r in policy.requirements:
            at = next(i for i, line in enumerate(lines) if line.split()[:1] == [r.id])
            applies = next(line for line in lines[at:] if line.startswith("Applies to: "))
            applies = applies.split(" · ")[0].split("\n")[0]
            assert ("portfolio" in applies) == (r.scope == "pmo"), (r.id, applies)
