"""Text as Excel holds it: sheet names Excel accepts, string cells, limits cut at words."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from generator.kit.sheet_text import (
    CELL_LIMIT,
    SHEET_NAME_LIMIT,
    sheet_name,
    shorten,
    text_cell,
    units,
)

RESERVED = ("Lists", "About", "History")
EXCEL_FORBIDDEN = set(":/\\?*[]")


@pytest.mark.parametrize(("title", "expected"), [
    ("RAID log", "RAID log"),
    ("RAID: log", "RAID - log"),
    ("Risks/issues", "Risks - issues"),
    ("Risks \\ issues", "Risks - issues"),
    ("Ready?", "Ready"),
    ("Top*10", "Top - 10"),
    ("Log [2026]", "Log (2026)"),
    ("'Quoted log'", "Quoted log"),
    ("History", "History register"),
    ("lists", "lists register"),
    ("ABOUT", "ABOUT register"),
    ("::", "raid-log"),
    ("Risks, assumptions, issues and dependencies log", "Risks, assumptions, issues and…"),
])
def test_sheet_names_are_readable_and_accepted_by_excel(title: str, expected: str) -> None:
    name = sheet_name(title, "raid-log", RESERVED)
    assert name == expected
    assert units(name) <= SHEET_NAME_LIMIT
    assert not EXCEL_FORBIDDEN & set(name)
    assert name.strip() and name[0] != "'" and name[-1] != "'"
    assert name.casefold() not in {r.casefold() for r in RESERVED}
    Workbook().active.title = name  # type: ignore[union-attr]  # openpyxl accepts it


def test_sheet_name_counts_emoji_as_excel_does() -> None:
    name = sheet_name("😀" * 31, "raid-log", RESERVED)
    assert units(name) <= SHEET_NAME_LIMIT and name.startswith("😀")


def test_shorten_cuts_at_a_word_boundary_and_keeps_short_text() -> None:
    assert shorten("short", 10) == "short"
    assert shorten("one two three four", 12) == "one two…"
    assert shorten("x" * 40, 10) == "x" * 9 + "…"


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1:A2)", "-2+3", "@SUM(A1)", "#N/A",
                                  "=HYPERLINK(\"http://example.com\",\"x\")", "=cmd|' /C calc'!A0"])
def test_text_cells_are_strings_whatever_they_start_with(text: str) -> None:
    sheet = Workbook().active
    assert sheet is not None
    cell = text_cell(sheet, 1, 1, text)
    assert cell.data_type == "s" and cell.value == text


def test_text_cells_hold_what_xml_cannot_and_excel_limit() -> None:
    sheet = Workbook().active
    assert sheet is not None
    assert text_cell(sheet, 1, 1, "a\x01b\ufffe").value == "a\ufffdb\ufffd"
    assert units(str(text_cell(sheet, 2, 1, "word " * 10000).value)) <= CELL_LIMIT
