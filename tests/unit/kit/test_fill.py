"""Filling answers into Office files: escaped, whole, single pass, never evaluated."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document

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
