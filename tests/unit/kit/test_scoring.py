"""The RAID register's scoring: numbers from the risk policy's scales, the score as a
formula, and RAG colours from the policy's bands, read back from the written workbook."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from generator.kit.registers import write_register
from generator.model import Handbook
from generator.model.risk_scoring import RagBand


def raid_workbook(handbook: Handbook, path: Path):  # type: ignore[no-untyped-def]
    raid = handbook.get("raid-log")
    assert raid.register is not None  # type: ignore[attr-defined]
    write_register(handbook, raid, raid.register, path, date(2026, 6, 1))  # type: ignore[arg-type,attr-defined]
    return load_workbook(path)


def _rules(sheet) -> dict[str, list[tuple[str, str]]]:  # type: ignore[no-untyped-def]
    found: dict[str, list[tuple[str, str]]] = {}
    for ranges in sheet.conditional_formatting:
        for rule in ranges.rules:
            found.setdefault(str(ranges.sqref), []).append(
                (rule.formula[0], rule.dxf.fill.fgColor.rgb[-6:]))
    return found


def test_the_raid_workbook_scores_with_the_risk_policy(handbook: Handbook,
                                                       tmp_path: Path) -> None:
    workbook = raid_workbook(handbook, tmp_path / "raid-log.xlsx")
    sheet = workbook.worksheets[0]
    header = [c.value for c in sheet[1]]
    p, i, s, r = (chr(ord("A") + header.index(n)) for n in ("Probability", "Impact", "Score",
                                                            "RAG"))
    assert sheet[f"{s}2"].value == f'=IF(AND(ISNUMBER({p}2),ISNUMBER({i}2)),{p}2*{i}2,"")'
    assert sheet[f"{s}501"].value == f'=IF(AND(ISNUMBER({p}501),ISNUMBER({i}501)),{p}501*{i}501,"")'
    assert "Opportunity" in next(
        [c.value for c in col[1:] if c.value] for col in workbook["Lists"].iter_cols()
        if col[0].value == "Type")
    lists = {col[0].value: [c.value for c in col[1:] if c.value is not None]
             for col in workbook["Lists"].iter_cols()}
    assert lists["Probability"] == [1, 2, 3, 4, 5] and lists["Impact"] == [1, 2, 3, 4, 5]
    scoring = handbook.risk_scoring
    assert scoring is not None
    expected = []
    for band in scoring.bands:
        low, high = scoring.score_range(band)
        expected.append(f"AND(ISNUMBER({s}2),{s}2>={low},{s}2<={high})")
    rules = _rules(sheet)
    assert [f for f, _ in rules[f"{s}2:{s}501"]] == expected
    assert expected[0] == f"AND(ISNUMBER({s}2),{s}2>=15,{s}2<=25)"  # the shipped policy
    assert [f for f, _ in rules[f"{r}2:{r}501"]] == [f'{r}2="Red"', f'{r}2="Amber"',
                                                     f'{r}2="Green"']
    about = dict(workbook["About"].values)
    assert about["Probability"].endswith(
        "Scale: " + ", ".join(f"{s.score} {s.label}" for s in scoring.probability) + ".")
    for band in scoring.bands:
        assert f"{band.name} {scoring.range_text(band)}: {band.action.strip()}" in about["Score"]
    # printed for a gate pack: landscape, one page wide, the header on every page
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows == "$1:$1"


def test_changing_a_band_in_the_policy_changes_the_colour_rules(handbook: Handbook,
                                                                tmp_path: Path) -> None:
    policy = next(p for p in handbook.policies if p.risk_scoring is not None)
    scoring = policy.risk_scoring
    assert scoring is not None
    bands = (RagBand(rag="red", min_score=12, action="Escalate."),
             RagBand(rag="amber", min_score=6, action="Act."),
             RagBand(rag="green", min_score=1, action="Watch."))
    changed = dataclasses.replace(policy, risk_scoring=dataclasses.replace(scoring, bands=bands))
    standards = tuple(changed if s is policy else s for s in handbook.standards)
    other = dataclasses.replace(handbook, standards=standards)
    assert other.risk_scoring is not None and other.risk_scoring.bands == bands
    sheet = raid_workbook(other, tmp_path / "raid-log.xlsx").worksheets[0]
    formulas = [f for rules in _rules(sheet).values() for f, _ in rules]
    assert "AND(ISNUMBER(I2),I2>=12,I2<=25)" in formulas
    assert "AND(ISNUMBER(I2),I2>=6,I2<=11)" in formulas
    assert not any(">=15" in f for f in formulas)


def test_an_unscored_register_has_no_formula(handbook: Handbook, tmp_path: Path) -> None:
    register = handbook.get("decision-log")
    path = tmp_path / "decision-log.xlsx"
    write_register(handbook, register, register.register, path, date(2026, 6, 1))  # type: ignore[arg-type,attr-defined]
    sheet = load_workbook(path).worksheets[0]
    assert not list(sheet.conditional_formatting)
    assert all(not str(c.value or "").startswith("=") for row in sheet.iter_rows() for c in row)
