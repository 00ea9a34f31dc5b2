"""Filling answers into Office files: escaped, whole, single pass, never evaluated."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from openpyxl import Workbook, load_workbook

from generator.kit.hooks.fill import fill_office_file, fill_text, fill_xml, placeholder_pattern
from generator.model import placeholder

LABELS = {"project_name": placeholder("project_name"), "sponsor": placeholder("sponsor")}
PATTERN = placeholder_pattern(LABELS)


def values(name: str, sponsor: str = "Tom") -> dict[str, str]:
    return {LABELS["project_name"]: name, LABELS["sponsor"]: sponsor}


def test_text_is_filled_in_one_pass() -> None:
    # A name that itself looks like a placeholder is not filled again.
    text = fill_text("[Project name] for [Sponsor]", values("[Sponsor] & co", "Tom"), PATTERN)
    assert text == "[Sponsor] & co for Tom"


def test_xml_values_are_escaped_and_spaces_kept() -> None:
    xml = ('<w:p><w:r><w:t>[Project name]</w:t></w:r>'
           '<w:r><w:t xml:space="preserve">x</w:t></w:r></w:p>')
    filled = fill_xml(xml, values(' <b>&"Café"</b> '), PATTERN)
    assert '<w:t xml:space="preserve"> &lt;b&gt;&amp;"Café"&lt;/b&gt; </w:t>' in filled
    assert filled.endswith('<w:t xml:space="preserve">x</w:t></w:r></w:p>')


def test_text_outside_text_elements_is_left_alone() -> None:
    xml = '<w:p w:rsidR="[Project name]"><w:r><w:t>[Project name]</w:t></w:r></w:p>'
    assert fill_xml(xml, values("N"), PATTERN).startswith('<w:p w:rsidR="[Project name]">')


def test_docx_placeholders_are_filled_in_body_header_footer_and_properties(
        tmp_path: Path) -> None:
    path = tmp_path / "charter.docx"
    document = Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Project: ")
    paragraph.add_run(LABELS["project_name"])
    document.sections[0].header.paragraphs[0].add_run(LABELS["project_name"])
    document.sections[0].footer.paragraphs[0].add_run(LABELS["sponsor"])
    document.core_properties.title = f"Charter – {LABELS['project_name']}"
    document.save(str(path))
    name = "{{ 7*7 }} {% raw %} & <x> 'q' \"d\" é 😀"
    fill_office_file(str(path), values(name, "Zoë"), PATTERN)
    filled = Document(str(path))
    assert filled.paragraphs[0].text == f"Project: {name}"
    assert filled.sections[0].header.paragraphs[0].text == name
    assert filled.sections[0].footer.paragraphs[0].text == "Zoë"
    assert filled.core_properties.title == f"Charter – {name}"
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None


def test_a_character_xml_cannot_hold_is_written_as_a_replacement(tmp_path: Path) -> None:
    # The pre-generation hook refuses such answers; if one reaches the fill step anyway,
    # the file must still open.
    path = tmp_path / "charter.docx"
    document = Document()
    document.add_paragraph().add_run(LABELS["project_name"])
    document.core_properties.title = LABELS["project_name"]
    document.save(str(path))
    fill_office_file(str(path), values("A\x01B\x0b\ufffe\udcff"), PATTERN)
    filled = Document(str(path))
    assert filled.paragraphs[0].text == "A\ufffdB\ufffd\ufffd\ufffd"
    assert filled.core_properties.title == "A\ufffdB\ufffd\ufffd\ufffd"


def test_an_answer_starting_like_a_formula_stays_text_in_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "log.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = "Project name"
    sheet["B1"] = LABELS["project_name"]
    workbook.save(path)
    answer = '=HYPERLINK("http://example.com","click")'
    fill_office_file(str(path), values(answer), PATTERN)
    cell = load_workbook(path).active["B1"]  # type: ignore[index]
    assert (cell.value, cell.data_type) == (answer, "s")
    with zipfile.ZipFile(path) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_a_filled_placeholder_loses_its_highlight(
        minimal_handbook, tmp_path: Path) -> None:
    from generator.model.render_inputs import RenderInputs
    from generator.word import render_word

    render_word(minimal_handbook, tmp_path, RenderInputs())
    path = tmp_path / "project-charter.docx"
    keys = ("project_name", "project_manager", "sponsor", "start_date")
    labels = {key: placeholder(key) for key in keys}
    answers = {labels["project_name"]: "Apollo", labels["project_manager"]: "Ada Lovelace",
               labels["sponsor"]: "Tom & Jerry", labels["start_date"]: ""}
    fill_office_file(str(path), answers, placeholder_pattern(labels))
    document = Document(str(path))
    runs = [run for p in document.paragraphs for run in p.runs]
    runs += [run for t in document.tables for row in t.rows for c in row.cells
             for p in c.paragraphs for run in p.runs]
    header = document.sections[0].header
    runs += [run for t in header.tables for row in t.rows for c in row.cells
             for p in c.paragraphs for run in p.runs]
    highlighted = {r.text for r in runs if r.style is not None and r.style.name == "Placeholder"}
    assert highlighted == {""}  # only the one left empty keeps its style
    assert labels["start_date"] not in {r.text for r in runs}
    texts = {r.text for r in runs}
    assert {"Apollo", "Ada Lovelace", "Tom & Jerry"} <= texts
    assert document.core_properties.author == "Ada Lovelace"
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
