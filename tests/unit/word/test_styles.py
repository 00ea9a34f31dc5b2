"""House style, Markdown conversion and table widths of the Word renderer."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from generator.errors import BuildError
from generator.model import Handbook
from generator.model.render_inputs import RenderInputs
from generator.word import REQUIRED_STYLES, render_word
from generator.word.markdown import MarkdownStyles, markdown_xml
from generator.word.ooxml import column_widths
from generator.word.styles import STYLE_FILE, load_house_style, new_document


def test_house_style_defines_every_style_the_renderer_uses() -> None:
    document, ids = new_document(load_house_style())
    ids.require(REQUIRED_STYLES)
    names = {s.name for s in document.styles}
    assert {"Guidance", "Obligation", "Placeholder", "toc 1"} <= names
    guidance = document.styles["Guidance"]
    assert guidance.font.italic and guidance.base_style.name == "Normal"


def test_a_missing_style_is_a_build_error_naming_it(tmp_path: Path,
                                                    minimal_handbook: Handbook,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    text = STYLE_FILE.read_text(encoding="utf-8")
    start = text.index("[styles.Guidance]")
    end = text.index("[styles.", start + 1)
    style_file = tmp_path / "house-style.toml"
    style_file.write_text(text[:start] + text[end:], encoding="utf-8")
    monkeypatch.setattr("generator.word.house.load_house_style",
                        lambda: load_house_style(style_file))
    with pytest.raises(BuildError, match="no style 'Guidance'"):
        render_word(minimal_handbook, tmp_path / "out", RenderInputs())


def test_an_unreadable_style_file_is_a_build_error(tmp_path: Path) -> None:
    broken = tmp_path / "house-style.toml"
    broken.write_text("[styles.Normal\n", encoding="utf-8")
    with pytest.raises(BuildError, match="house style"):
        load_house_style(broken)


def _styles() -> MarkdownStyles:
    return MarkdownStyles(paragraph="Body", code_block="Code", inline_code="InlineCode",
                          link="Link", headings=("H3",), table=lambda rows: "<w:tbl/>")


def _paragraphs(fragments: list[str]) -> list:
    return list(parse_xml(f"<w:body {nsdecls('w')}>{''.join(fragments)}</w:body>"))


def test_markdown_keeps_bold_italic_code_and_lists() -> None:
    text = "Say **what** and *why* with `code`.\n\n- first\n- second\n\n3. three\n4. four\n"
    body = _paragraphs(markdown_xml(text, _styles()))
    texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body]
    assert texts == ["Say what and why with code.", "\u2022first", "\u2022second",
                     "3.three", "4.four"]
    runs = {"".join(t.text for t in r.iter(qn("w:t"))): r for r in body[0].iter(qn("w:r"))}
    assert runs["what"].find(qn("w:rPr")).find(qn("w:b")) is not None
    assert runs["why"].find(qn("w:rPr")).find(qn("w:i")) is not None
    style = runs["code"].find(qn("w:rPr")).find(qn("w:rStyle"))
    assert style.get(qn("w:val")) == "InlineCode"
    assert all(p.find(qn("w:pPr")).find(qn("w:ind")) is not None for p in body[1:])


def test_markdown_headings_take_heading_styles() -> None:
    body = _paragraphs(markdown_xml("## Title\n\nText", _styles()))
    style = body[0].find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val"))
    assert style == "H3"


def test_column_widths_fill_the_width_and_keep_minimums() -> None:
    widths = column_widths([1, None, 3], 9000, [0, 4000, 0])
    assert sum(widths) == 9000
    assert widths[1] == 4000
    assert widths[2] == 3 * widths[0] or abs(widths[2] - 3 * widths[0]) <= 2
