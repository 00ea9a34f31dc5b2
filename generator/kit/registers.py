"""Register spreadsheets for the kit: one .xlsx per register artefact, written with openpyxl.

Columns come from the artefact's register table; the header row is frozen and
filtered; columns with choices get a drop-down list fed from a hidden `Lists`
sheet (so choices may hold commas). An `About` sheet carries the project's
answers as placeholders that the kit's hook fills in.
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

from generator.model import Artefact, Handbook, SectionTable, answer_label, placeholder
from generator.shared.archives import EPOCH, normalise_zip

REGISTER_ROWS = 500
HEADER_FILL = PatternFill("solid", fgColor="1F3864")
HEADER_FONT = Font(bold=True, color="FFFFFF")
CHARACTERS_PER_INCH = 12


def write_register(handbook: Handbook, artefact: Artefact, table: SectionTable, path: Path,
                   stamp: date) -> Path:
    """Write `artefact`'s register as `path` (.xlsx); `stamp` fixes the document dates."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = artefact.title[:31]
    lists = workbook.create_sheet("Lists")
    lists.sheet_state = "hidden"
    _write_columns(sheet, lists, table)
    _write_about(workbook.create_sheet("About"), handbook, artefact, table)
    workbook.properties.title = f"{artefact.title} – {placeholder('project_name')}"
    workbook.properties.creator = handbook.settings.organisation
    workbook.properties.keywords = f"{artefact.id}@{artefact.version}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(normalise_zip(buffer.getvalue(), EPOCH, sort=False, core_date=stamp))
    return path


def _write_columns(sheet: Worksheet, lists: Worksheet, table: SectionTable) -> None:
    list_column = 0
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index, value=column.name)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        width = (column.width or 1.5) * CHARACTERS_PER_INCH
        sheet.column_dimensions[letter].width = max(width, len(column.name) + 2)
        if not column.choices:
            continue
        list_column += 1
        list_letter = get_column_letter(list_column)
        lists.cell(row=1, column=list_column, value=column.name)
        for row, choice in enumerate(column.choices, start=2):
            lists.cell(row=row, column=list_column, value=choice)
        last = len(column.choices) + 1
        validation = DataValidation(
            type="list", formula1=f"=Lists!${list_letter}$2:${list_letter}${last}",
            allow_blank=True, showErrorMessage=True, errorTitle=column.name,
            error=f"Choose one of: {', '.join(column.choices)}")
        validation.add(f"{letter}2:{letter}{REGISTER_ROWS + 1}")
        sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
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
    rows += [(c.name, _describe(c.description, c.choices)) for c in table.columns]
    for row in rows:
        sheet.append(row)
    for row_index in (1, len(keys) + 4):
        sheet.cell(row=row_index, column=1).font = Font(bold=True)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 80


def _describe(description: str | None, choices: tuple[str, ...]) -> str:
    text = description or ""
    if choices:
        text = f"{text} Choose from: {', '.join(choices)}.".strip()
    return text
