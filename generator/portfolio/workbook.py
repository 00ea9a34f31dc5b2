"""`portfolio.xlsx`: the dashboard's tables as a workbook the PMO can sort and filter.

Sheets: Projects, Prioritisation (the weights in a row of their own and every weighted
score a formula over them, so a spreadsheet recalculates the figures the dashboard shows),
Breaches and Problems. Numbers are numbers and dates are dates; every text from a project
file is written as text, never as a formula, even when it starts with = + - or @.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.model import Handbook
from generator.model.portfolio import ALL_DIMENSIONS, Portfolio
from generator.portfolio.words import outcome, readiness_text, route

HEADER_FILL = PatternFill("solid", fgColor="303F9F")
HEADER_FONT = Font(bold=True, color="FFFFFF")
Value = str | int | float | date | None
FORMULA_START = ("=", "+", "-", "@")


def put(sheet: Worksheet, row: int, column: int, value: Value) -> None:
    """One cell: text always as text (never a formula), numbers and dates as they are."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True  # and stays text when someone edits it
    else:
        cell.value = value
        if isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"


def formula(sheet: Worksheet, row: int, column: int, text: str, number_format: str) -> None:
    cell = sheet.cell(row=row, column=column, value=text)
    cell.number_format = number_format


def header(sheet: Worksheet, row: int, names: Sequence[str], widths: Sequence[float]) -> None:
    for column, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
        put(sheet, row, column, name)
        cell = sheet.cell(row=row, column=column)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row=row + 1, column=2)
    sheet.auto_filter.ref = f"A{row}:{get_column_letter(len(names))}{row}"


def write_workbook(handbook: Handbook, portfolio: Portfolio, path: Path) -> Path:
    workbook = Workbook()
    projects = workbook.active
    assert projects is not None
    projects.title = "Projects"
    _projects(handbook, projects, portfolio)
    if portfolio.prioritisation is not None:
        _prioritisation(workbook.create_sheet("Prioritisation"), portfolio)
    _breaches(handbook, workbook.create_sheet("Breaches"), portfolio)
    _problems(workbook.create_sheet("Problems"), portfolio)
    workbook.properties.title = f"Portfolio {portfolio.period} – {portfolio.organisation}"
    workbook.properties.creator = f"{handbook.settings.organisation_short} PMO"
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def _projects(handbook: Handbook, sheet: Worksheet, p: Portfolio) -> None:
    names = ["Project", "Folder", "Tier", "Project manager", "Period",
             *(d.capitalize() for d in ALL_DIMENSIONS), "Overall trend", "Narrative",
             "Decision needed", "Changed since last report", "Next gate", "Ready",
             "Readiness", f"Budget ({p.currency})", f"EAC ({p.currency})",
             f"Variance ({p.currency})", "Handover baseline", "Handover forecast",
             "Breaches", "Handbook"]
    widths = [26, 22, 6, 18, 9, *([9] * len(ALL_DIMENSIONS)), 11, 60, 40, 40, 10, 7, 30,
              14, 14, 14, 12, 12, 50, 30]
    header(sheet, 1, names, widths)
    for index, row in enumerate(p.rows, start=2):
        s = row.status
        assert row.project.record is not None
        values: list[Value] = [
            row.project.name, row.project.folder, row.tier,
            row.project.record.answers.get("project_manager", ""), s.period,
            *(s.rag.of(d).rating for d in ALL_DIMENSIONS), row.trends["overall"],
            s.narrative.strip(), s.decision_needed or "", "; ".join(row.changes),
            s.next_gate, "Yes" if row.readiness and row.readiness.ready else "No",
            readiness_text(row), s.budget, s.forecast_at_completion, None,
            s.key_dates.handover.baseline, s.key_dates.handover.forecast,
            "; ".join(f"{b.dimension}: {b.measured} ({b.of}; {route(handbook, b)})"
                      for b in row.breaches),
            row.drift.summary if row.drift else ""]
        for column, value in enumerate(values, start=1):
            put(sheet, index, column, value)
        budget = get_column_letter(names.index(f"Budget ({p.currency})") + 1)
        eac = get_column_letter(names.index(f"EAC ({p.currency})") + 1)
        formula(sheet, index, names.index(f"Variance ({p.currency})") + 1,
                f"={eac}{index}-{budget}{index}", "#,##0")
        for column in (budget, eac):
            sheet[f"{column}{index}"].number_format = "#,##0"
    for offset, project in enumerate(p.unread, start=len(p.rows) + 2):
        put(sheet, offset, 1, project.name)
        put(sheet, offset, 2, project.folder)
        put(sheet, offset, names.index("Readiness") + 1,
            f"Could not be read: {len(project.problems)} problems (see Problems)")


def _prioritisation(sheet: Worksheet, p: Portfolio) -> None:
    policy = p.prioritisation
    assert policy is not None
    criteria = policy.criteria
    skills = [s.id for s in policy.skills]
    first = 4  # column of the first criterion
    put(sheet, 1, 1, "Criterion")
    put(sheet, 2, 1, "Weight (%)")
    for offset, criterion in enumerate(criteria):
        put(sheet, 1, first + offset, criterion.name)
        put(sheet, 2, first + offset, criterion.weight)
    last = get_column_letter(first + len(criteria) - 1)
    weights = f"${get_column_letter(first)}$2:${last}$2"
    names = ["Rank", "Candidate", "Folder", *(c.name for c in criteria), "Weighted score",
             "Mandatory", f"Cost ({p.currency})",
             *(f"{policy.skill_name(s)} (days)" for s in skills), "Decision", "Reasons",
             f"Budget left ({p.currency})", *(f"{policy.skill_name(s)} left" for s in skills)]
    widths = [6, 26, 22, *([11] * len(criteria)), 10, 10, 14, *([11] * len(skills)), 24, 50,
              16, *([11] * len(skills))]
    top = 4
    header(sheet, top, names, widths)
    score_col = first + len(criteria)
    for index, d in enumerate(p.decisions, start=top + 1):
        row = p.by_folder.get(d.candidate.id)
        scores = row.status.prioritisation.scores if row and row.status.prioritisation else {}
        put(sheet, index, 1, "M" if d.outcome == "mandatory" else d.rank)
        put(sheet, index, 2, d.candidate.name)
        put(sheet, index, 3, d.candidate.id)
        for offset, criterion in enumerate(criteria):
            put(sheet, index, first + offset, scores.get(criterion.id))
        formula(sheet, index, score_col,
                f"=SUMPRODUCT({get_column_letter(first)}{index}:{last}{index},{weights})/100",
                "0.00")
        put(sheet, index, score_col + 1, "Yes" if d.candidate.mandatory else "No")
        put(sheet, index, score_col + 2, d.candidate.cost)
        sheet.cell(row=index, column=score_col + 2).number_format = "#,##0"
        for offset, skill in enumerate(skills):
            put(sheet, index, score_col + 3 + offset, float(d.candidate.skills.get(skill, 0)))
        after = score_col + 3 + len(skills)
        put(sheet, index, after, outcome(d))
        put(sheet, index, after + 1, "; ".join(d.reasons))
        if p.capacity is not None:
            put(sheet, index, after + 2, d.budget_left)
            sheet.cell(row=index, column=after + 2).number_format = "#,##0"
            for offset, skill in enumerate(skills):
                put(sheet, index, after + 3 + offset, float(d.skills_left.get(skill, 0)))
    if p.capacity is None:
        put(sheet, top + len(p.decisions) + 2, 1,
            "No capacity file was given: ranked only, no funding line.")


def _breaches(handbook: Handbook, sheet: Worksheet, p: Portfolio) -> None:
    header(sheet, 1, ["Project", "Folder", "Tier", "Dimension", "Breach of", "Measured",
                      "Tolerance", "Route", "Rated"], [26, 22, 6, 11, 26, 60, 30, 50, 9])
    for index, (row, b) in enumerate(p.breaches, start=2):
        values: list[Value] = [row.project.name, row.project.folder, row.tier, b.dimension, b.of,
                               b.measured, b.tolerance, route(handbook, b), b.rating]
        for column, value in enumerate(values, start=1):
            put(sheet, index, column, value)


def _problems(sheet: Worksheet, p: Portfolio) -> None:
    header(sheet, 1, ["File", "Line", "Column", "Field", "Message"], [40, 7, 8, 30, 80])
    for index, problem in enumerate(p.problems, start=2):
        values: list[Value] = [problem.file, problem.line, problem.column, problem.field,
                               problem.message]
        for column, value in enumerate(values, start=1):
            put(sheet, index, column, value)
