"""Text as an Excel workbook can hold it: sheet names, text cells, messages within their limits.

Everything a register spreadsheet shows comes from a standard, and a standard's text is
untrusted: `text_cell` writes it as a string cell, never a formula or an error value,
whatever it starts with; `sheet_name` turns a title into a name Excel accepts;
`shorten` cuts text to a limit at a word boundary. Characters no XML can hold (which
the validator refuses in standards) are dropped or replaced. None of them can fail, so a
valid standard always gives a workbook Excel opens.
"""

from __future__ import annotations

import re

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from generator.kit.hooks.checks import UNHOLDABLE

SHEET_NAME_LIMIT = 31  # Excel: at most 31 characters
CELL_LIMIT = 32767  # Excel: characters a cell holds
ERROR_TITLE_LIMIT = 32  # Excel: a data validation's error title
ERROR_LIMIT = 255  # Excel: a data validation's error message
ELLIPSIS = "…"
_SHEET_SEPARATORS = re.compile(r"\s*[:/\\?*]+\s*")
_BRACKETS = str.maketrans("[]", "()")


def units(text: str) -> int:
    """Length as Excel counts it: UTF-16 code units (an emoji counts two)."""
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def shorten(text: str, limit: int) -> str:
    """`text` if it fits in `limit` units, else cut at a word boundary and ended with `…`."""
    if units(text) <= limit:
        return text
    cut, count = text, 0
    for index, char in enumerate(text):
        count += 2 if ord(char) > 0xFFFF else 1
        if count > limit - 1:
            cut = text[:index]
            break
    if not text[len(cut)].isspace():
        word_end = cut.rfind(" ")
        if word_end > len(cut) // 2:  # whole words, unless that loses half the text
            cut = cut[:word_end]
    return cut.rstrip(" ,;:-–") + ELLIPSIS


def sheet_name(title: str, fallback: str, reserved: tuple[str, ...]) -> str:
    """A readable sheet name for `title` that Excel accepts.

    `:` `/` `\\` `?` `*` become ` - `, brackets become parentheses, apostrophes
    that would open or close the name go, and the result is cut to 31 characters at a
    word boundary; a blank result is `fallback`, and a name equal to one of `reserved`
    (compared as Excel does, ignoring case) gets ` register` added.
    """
    name = UNHOLDABLE.sub("", title).translate(_BRACKETS)
    name = " ".join(_SHEET_SEPARATORS.sub(" - ", name).split())
    name = name.strip(" -'")
    name = shorten(name, SHEET_NAME_LIMIT).strip(" -'") or fallback
    if name.casefold() in {r.casefold() for r in reserved}:
        name = f"{name} register"
    return shorten(name, SHEET_NAME_LIMIT).strip(" -'") or "Register"


def cell_text(text: str) -> str:
    """`text` as a cell can hold it: XML-safe, within Excel's cell limit."""
    return shorten(UNHOLDABLE.sub("\ufffd", text), CELL_LIMIT)


def text_cell(sheet: Worksheet, row: int, column: int, text: str) -> Cell:
    """Write `text` into a cell as a string: `=`, `+`, `-`, `@` or `#N/A` stay text."""
    cell = sheet.cell(row=row, column=column)
    cell.value = cell_text(text)
    cell.data_type = "s"  # openpyxl reads a leading `=` as a formula: this is text
    return cell
