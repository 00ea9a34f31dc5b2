"""Register spreadsheets from hostile standards: valid names, text cells only, Excel's limits.

The standards below pass `pmo validate`; each register must then be written, open in
openpyxl, and hold every text from the standard as a string cell: a column name, a
description or a choice starting with `=`, `+`, `-` or `@` is never a formula.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from generator.kit.registers import write_register
from generator.model import Artefact, Handbook
from generator.pipeline.check import load_handbook
from tests.support.workspace import MINIMAL, copy_workspace

FORMULAS = ["=1+1", "+SUM(1,2)", "-2+3", "@SUM(1)", '=HYPERLINK("http://example.com","x")',
            "=cmd|' /C calc'!A0", "#N/A"]
MANY_CHOICES = [f"Choice number {i}, with a comma" for i in range(40)]


def register_handbook(tmp_path: Path, title: str, columns: list[dict[str, Any]]) -> Handbook:
    """The minimal handbook with raid-log's title and register columns replaced; validated."""
    workspace = copy_workspace(tmp_path / "workspace", MINIMAL)
    path = workspace.standards / "artefacts" / "raid-log.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"] = title
    table = data["sections"][1]["table"]
    table["columns"] = columns
    table["rows"] = [[str(c["name"]) for c in columns]]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_handbook(workspace.standards)  # raises if `pmo validate` would refuse it


def write(handbook: Handbook, tmp_path: Path) -> Path:
    artefact = handbook.get("raid-log")
    assert isinstance(artefact, Artefact) and artefact.register is not None
    return write_register(handbook, artefact, artefact.register, tmp_path / "raid-log.xlsx",
                          date(2026, 1, 5))


def sheet_xml(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n).decode("utf-8") for n in archive.namelist()
                if n.startswith("xl/worksheets/sheet")}


def test_text_starting_like_a_formula_is_written_as_text(tmp_path: Path) -> None:
    columns = [{"name": text, "description": text, "choices": [text, f"{text} again"]}
               for text in FORMULAS]
    path = write(register_handbook(tmp_path, "RAID log", columns), tmp_path)
    for name, xml in sheet_xml(path).items():
        assert "<f>" not in xml and "<f " not in xml, name
        typed = re.findall(r'<c r="[A-Z]+\d+"(?: s="\d+")?(?: t="(\w+)")?', xml)
        assert set(typed) <= {"inlineStr"}, (name, set(typed))
    workbook = load_workbook(path)
    register, lists, about = workbook.worksheets
    assert [c.value for c in register[1]] == FORMULAS
    assert all(c.data_type == "s" for c in register[1])
    assert [lists.cell(row=2, column=i + 1).value for i in range(len(FORMULAS))] == FORMULAS
    described = {row[0]: row[1] for row in about.iter_rows(values_only=True)}
    assert described["=1+1"] == "=1+1. Choose from: =1+1, =1+1 again."
    assert all(c.data_type == "s" for row in about.iter_rows() for c in row if c.value)


@pytest.mark.parametrize(("title", "sheet"), [
    ("RAID: log", "RAID - log"),
    ("RAID / issues [2026]?", "RAID - issues (2026)"),
    ("Lists", "Lists register"),
    ("History", "History register"),
    ("About", "About register"),
    ("Risks, assumptions, issues and dependencies", "Risks, assumptions, issues and…"),
])
def test_any_register_title_gives_a_sheet_excel_accepts(tmp_path: Path, title: str,
                                                        sheet: str) -> None:
    columns = [{"name": "Id"}, {"name": "Type", "choices": ["Risk", "Issue"]}]
    workbook = load_workbook(write(register_handbook(tmp_path, title, columns), tmp_path))
    assert workbook.sheetnames == [sheet, "Lists", "About"]
    validation = workbook[sheet].data_validations.dataValidation[0]
    source, cells = validation.formula1.lstrip("=").split("!")
    assert source == "Lists"
    assert [c[0].value for c in workbook[source][cells.replace("$", "")]] == ["Risk", "Issue"]
    assert dict(workbook["About"].values)["Template"] == "raid-log@1.0.0"


def test_drop_down_messages_stay_within_excel_limits(tmp_path: Path) -> None:
    name = "The status of the item as agreed at the last review meeting"
    columns = [{"name": name, "choices": MANY_CHOICES}]
    workbook = load_workbook(write(register_handbook(tmp_path, "RAID log", columns), tmp_path))
    validation = workbook.worksheets[0].data_validations.dataValidation[0]
    assert len(validation.errorTitle) <= 32 and validation.errorTitle.endswith("…")
    assert len(validation.error) <= 255 and validation.error.startswith("Choose one of: ")
    values = workbook["Lists"][validation.formula1.split("!")[1].replace("$", "")]
    assert [c[0].value for c in values] == MANY_CHOICES  # every choice stays in the list
