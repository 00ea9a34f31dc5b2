"""Register spreadsheets for the kit: one .xlsx per register artefact, written with openpyxl.

Columns come from the artefact's register table; the header row is frozen and
filtered; columns with choices get a drop-down list fed from a hidden `Lists`
sheet (so choices may hold commas). An `About` sheet carries the project's
answers as placeholders that the kit's hook fills in. Every cell holding a standard's text
is a string cell (generator.kit.sheet_text): nothing a standard says becomes a formula.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator.kit.scoring import scale_choices, scoring_note, write_scoring
from generator.kit.sheet_text import (
    ERROR_LIMIT,
    ERROR_TITLE_LIMIT,
    sheet_name,
    shorten,
    text_cell,
)
from generator.model import Artefact, Handbook, SectionTable, answer_label, placeholder
from generator.shared.archives import EPOCH, normalise_zip

REGISTER_ROWS = 500
HEADER_FILL = PatternFill("solid", fgColor="1F3864")
HEADER_FONT = Font(bold=True, color="FFFFFF")
CHARACTERS_PER_INCH = 12
WIDEST_COLUMN = 60  # characters: a longer header wraps
LISTS, ABOUT = "Lists", "About"
# Sheet names the register cannot take: the workbook's own, and one Excel keeps for itself.
RESERVED_SHEETS = (LISTS, ABOUT, "History")
# Drop-down hints longer than this are left to the drop-down itself.
DESCRIBED_CHOICES = 1000


def write_register(handbook: Handbook, artefact: Artefact, table: SectionTable, path: Path,
                   stamp: date) -> Path:
    """Write `artefact`'s register as `path` (.xlsx); `stamp` fixes the document dates."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_name(artefact.title, artefact.id, RESERVED_SHEETS)
    lists = workbook.create_sheet(LISTS)
    lists.sheet_state = "hidden"
    numbers = scale_choices(table, handbook.risk_scoring)
    _write_columns(sheet, lists, table, numbers)
    write_scoring(sheet, table, handbook.risk_scoring, REGISTER_ROWS)
    _write_about(workbook.create_sheet(ABOUT), handbook, artefact, table)
    workbook.properties.title = f"{artefact.title} – {placeholder('project_name')}"
    workbook.properties.creator = handbook.settings.organisation
    workbook.properties.keywords = f"{artefact.id}@{artefact.version}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(normalise_zip(buffer.getvalue(), EPOCH, sort=False, core_date=stamp))
    return path


def _write_columns(sheet: Worksheet, lists: Worksheet, table: SectionTable,
                   numbers: dict[int, list[int]]) -> None:
    """The header row, and a drop-down list for each column with choices: text, or the
    risk policy's scale scores as numbers (`numbers`, by column)."""
    list_column = 0
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        cell = text_cell(sheet, 1, index, column.name)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        width = (column.width or 1.5) * CHARACTERS_PER_INCH
        sheet.column_dimensions[letter].width = max(width, min(len(column.name) + 2,
                                                                WIDEST_COLUMN))
        scores = numbers.get(index)
        choices = tuple(map(str, scores)) if scores else column.choices
        if not choices:
            continue
        list_column += 1
        list_letter = get_column_letter(list_column)
        text_cell(lists, 1, list_column, column.name)
        for row, choice in enumerate(choices, start=2):
            if scores:
                lists.cell(row=row, column=list_column, value=int(choice))  # a number
            else:
                text_cell(lists, row, list_column, choice)
        last = len(choices) + 1
        validation = DataValidation(
            type="list", formula1=f"={LISTS}!${list_letter}$2:${list_letter}${last}",
            allow_blank=True, showErrorMessage=True,
            errorTitle=shorten(column.name, ERROR_TITLE_LIMIT),
            error=choice_error(choices))
        validation.add(f"{letter}2:{letter}{REGISTER_ROWS + 1}")
        sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    # Printed (or saved as PDF) for a gate pack: landscape, one page wide, header repeated.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}1"


def _write_about(sheet: Worksheet, handbook: Handbook, artefact: Artefact,
                 table: SectionTable) -> None:
    keys = ["project_name", "project_manager", "sponsor", "tier"]
    keys += [f.answer for s in artefact.sections for f in s.fields
             if f.answer and f.answer not in keys]
    rows: list[tuple[str, str]] = [(answer_label(k), placeholder(k)) for k in keys]
    rows += [("Template", f"{artefact.id}@{artefact.version}"),
             ("Handbook", f"{handbook.settings.title} {handbook.settings.version}"), ("", "")]
    rows += [("Column", "What to write")]
    scoring = handbook.risk_scoring
    rows += [(c.name, _sentences(_describe(c.description, c.choices), scoring_note(c, scoring)))
             for c in table.columns]
    for row_index, row in enumerate(rows, start=1):
        for column_index, text in enumerate(row, start=1):
            text_cell(sheet, row_index, column_index, text)
    for row_index in (1, len(keys) + 4):
        sheet.cell(row=row_index, column=1).font = Font(bold=True)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 80


def choice_error(choices: tuple[str, ...]) -> str:
    """What Excel says when a cell is not one of `choices`, within Excel's limit."""
    return shorten(f"Choose one of: {', '.join(choices)}", ERROR_LIMIT)


def _sentences(*texts: str) -> str:
    """Texts joined as sentences: each ends with a full stop before the next."""
    parts = [t.strip() for t in texts if t.strip()]
    return " ".join(p if p.endswith(".") or i == len(parts) - 1 else f"{p}."
                    for i, p in enumerate(parts))


def _describe(description: str | None, choices: tuple[str, ...]) -> str:
    text = description or ""
    if choices:
        listed = ", ".join(choices)
        hint = (f"Choose from: {listed}." if len(listed) <= DESCRIBED_CHOICES
                else f"Choose from the drop-down list ({len(choices)} choices).")
        text = _sentences(text, hint)
    return text
