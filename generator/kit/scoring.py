"""A register scored by the risk policy (columns with `scoring:`), as its workbook shows it.

The probability and impact columns offer the policy's scale scores as numbers (stored as
numbers, picked from a drop-down list); the score column is a formula, probability x
impact, on every row; conditional formatting colours each score by the policy's RAG bands
(`Handbook.risk_scoring`), and the RAG column by the colour written in it. Every formula
is made here from column letters and the policy's numbers: no standard's text is in one.
"""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.model import SectionTable, TableColumn
from generator.model.risk_scoring import RiskScoring

# The fill and text colour of each band, as the site's and Word's risk tables show them.
COLOURS = {"red": ("F4B6B6", "7A0000"), "amber": ("FFE3A3", "6B4500"),
           "green": ("C8E6C9", "1B5E20")}


def scored_columns(table: SectionTable) -> dict[str, int]:
    """scoring role -> column number (1-based) of a scored table; empty if not scored."""
    return {c.scoring: i for i, c in enumerate(table.columns, start=1) if c.scoring}


def scale_choices(table: SectionTable, scoring: RiskScoring | None) -> dict[int, list[int]]:
    """column number -> the numbers its drop-down offers (probability and impact)."""
    if scoring is None:
        return {}
    roles = scored_columns(table)
    scales = {"probability": scoring.probability, "impact": scoring.impact}
    return {roles[role]: [level.score for level in scale]
            for role, scale in scales.items() if role in roles}


def write_scoring(sheet: Worksheet, table: SectionTable, scoring: RiskScoring | None,
                  rows: int) -> None:
    """The score formula on rows 2 to rows + 1, and the RAG colour rules."""
    roles = scored_columns(table)
    if scoring is None or not {"probability", "impact", "score"} <= roles.keys():
        return
    p, i, s = (get_column_letter(roles[r]) for r in ("probability", "impact", "score"))
    last = rows + 1
    for row in range(2, last + 1):
        sheet[f"{s}{row}"] = f'=IF(AND(ISNUMBER({p}{row}),ISNUMBER({i}{row})),{p}{row}*{i}{row},"")'
    for band in scoring.bands:
        low, high = scoring.score_range(band)
        sheet.conditional_formatting.add(
            f"{s}2:{s}{last}",
            _coloured(band.rag, f"AND(ISNUMBER({s}2),{s}2>={low},{s}2<={high})"))
    if "rag" in roles:
        r = get_column_letter(roles["rag"])
        for band in scoring.bands:
            sheet.conditional_formatting.add(f"{r}2:{r}{last}",
                                             _coloured(band.rag, f'{r}2="{band.name}"'))


def _coloured(rag: str, formula: str) -> FormulaRule:
    """A rule that gives a cell the band's colours when `formula` holds."""
    fill, text = COLOURS[rag]
    return FormulaRule(formula=[formula], fill=PatternFill("solid", start_color=fill,
                                                            end_color=fill),
                       font=Font(color=text, bold=True), stopIfTrue=True)


def scoring_note(column: TableColumn, scoring: RiskScoring | None) -> str:
    """What the About sheet adds to a scored column: its scale, or the bands of the score."""
    if scoring is None or column.scoring is None:
        return ""
    if column.scoring in ("probability", "impact"):
        scale = scoring.probability if column.scoring == "probability" else scoring.impact
        return "Scale: " + ", ".join(f"{s.score} {s.label}" for s in scale) + "."
    if column.scoring == "score":
        bands = [f"{b.name} {scoring.range_text(b)}: {b.action.strip()}" for b in scoring.bands]
        return "Worked out by the workbook. " + " ".join(bands)
    return ""
