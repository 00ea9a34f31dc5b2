"""Project folders read with located problems: the kit record, status files, evidence."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from generator.model import Handbook
from generator.model.project import EMPTY, FILLED, GUIDANCE, MISSING, PLACEHOLDERS
from generator.projects.evidence import inspect
from generator.projects.read import project_folders, read_project

KNOWN = frozenset({"1.0.0"})
RECORD = {"kit_version": "1.0.0", "handbook_version": "1.0.0", "pmo_type": "controlling",
          "tier": 2, "standards": {}, "artefacts": {},
          "answers": {"project_name": "Alpha", "project_manager": "Ana"}}
STATUS = """\
period: "2026-11"
next_gate: G2
rag:
  overall: {rating: Green, reason: On plan}
  schedule: {rating: Green, reason: On plan}
  cost: {rating: Amber, reason: EAC up 4%}
  scope: {rating: Green, reason: On plan}
  risk: {rating: Green, reason: On plan}
  benefits: {rating: Green, reason: On plan}
narrative: Licences cost more than planned.
budget: 500000
forecast_at_completion: 520000
key_dates:
  handover: {baseline: 2027-06-30, forecast: 2027-06-30}
"""


def project(root: Path, status: str = STATUS, period: str = "2026-11", **record: object) -> Path:
    folder = root / "alpha"
    (folder / "status").mkdir(parents=True)
    (folder / ".pmo-kit.json").write_text(json.dumps({**RECORD, **record}, indent=2))
    (folder / "status" / f"{period}.yaml").write_text(status)
    return folder


def messages(handbook: Handbook, folder: Path) -> list[str]:
    return [str(p) for p in read_project(folder, handbook, KNOWN).problems]


def test_a_valid_project_is_read(handbook: Handbook, tmp_path: Path) -> None:
    read = read_project(project(tmp_path), handbook, KNOWN)
    assert read.problems == () and read.readable and read.name == "Alpha"
    assert read.latest is not None and read.latest.variance == 20_000
    assert set(read.evidence) == {"project-plan", "steering-committee-tor",
                                  "communications-plan", "raid-log", "stage-gate-checklist"}
    assert {e.state for e in read.evidence.values()} == {MISSING}


@pytest.mark.parametrize(("change", "expected"), [
    (("budget: 500000", "budget: lots"),
     "alpha/status/2026-11.yaml:11:9: budget: 'lots' is not of type 'number'"),
    (("cost: {rating: Amber", "cost: {rating: Ambre"),
     "alpha/status/2026-11.yaml:6:18: rag.cost.rating: 'Ambre' is not one of ['Green', "
     "'Amber', 'Red'] (did you mean 'Amber'?)"),
    (("next_gate: G2", "next_gate: G9"),
     "alpha/status/2026-11.yaml:2:12: next_gate: 'G9' is not a gate of a tier 2 project "
     "(G0, G1, G2, G3, G4)"),
    (('period: "2026-11"', 'period: "2026-10"'),
     "alpha/status/2026-11.yaml:1:9: period: says 2026-10 but the file is 2026-11.yaml: a "
     "file holds the period it is named after"),
    (("narrative: Licences cost more than planned.", 'narrative: "[What happened]"'),
     "alpha/status/2026-11.yaml:10:12: narrative: still holds the kit's placeholder "
     "'[What happened]': fill it in"),
    (("budget: 500000", "budget: 500000\nbudget: 1"),
     "alpha/status/2026-11.yaml:12:1: budget: duplicate key: this key appears twice in the "
     "same mapping; keep one"),
])
def test_status_problems_are_located(handbook: Handbook, tmp_path: Path,
                                     change: tuple[str, str], expected: str) -> None:
    folder = project(tmp_path, STATUS.replace(*change))
    assert expected in messages(handbook, folder)


def test_candidate_scores_are_checked_against_the_policy(handbook: Handbook,
                                                         tmp_path: Path) -> None:
    block = ("prioritisation:\n  scores: {strategic-alignment: 6, financial-valeu: 3, risk: 2,"
             " urgency-regulation: 3}\n  demand: {budget: 1, skills: {data-eng: 3}}\n")
    found = messages(handbook, project(tmp_path, STATUS + block))
    assert found == [
        "alpha/status/2026-11.yaml:16:11: prioritisation.scores: no score for financial-value "
        "(Financial value), capability-fit (Capability fit): score every criterion of the "
        "prioritisation policy",
        "alpha/status/2026-11.yaml:16:33: prioritisation.scores.strategic-alignment: 6 is "
        "outside the scale: score 1 to 5",
        "alpha/status/2026-11.yaml:16:36: prioritisation.scores.financial-valeu: "
        "'financial-valeu' is not a criterion of the prioritisation policy (did you mean "
        "'financial-value'?)",
        "alpha/status/2026-11.yaml:17:32: prioritisation.demand.skills.data-eng: 'data-eng' is "
        "not a constrained skill of the prioritisation policy (did you mean "
        "'data-engineering'?)"]


def test_a_tier_1_candidate_is_refused(handbook: Handbook, tmp_path: Path) -> None:
    block = "prioritisation:\n  scores: {}\n  demand: {budget: 1}\n"
    found = messages(handbook, project(tmp_path, STATUS.replace("G2", "G1") + block, tier=1))
    assert found == ["alpha/status/2026-11.yaml:16:3: prioritisation: tier 1 candidates are "
                     "not ranked by the portfolio board (the prioritisation policy ranks tier "
                     "2, 3); remove this block"]


def test_kit_record_problems(handbook: Handbook, tmp_path: Path) -> None:
    folder = project(tmp_path, tier=7, handbook_version="0.1.0")
    assert messages(handbook, folder) == [
        "alpha/.pmo-kit.json:3:23: handbook_version: the kit comes from handbook 0.1.0, which "
        "this handbook does not know (its versions: 1.0.0); read it with the handbook it came "
        "from, or record the version it follows",
        "alpha/.pmo-kit.json:5:11: tier: tier 7 is not a tier of this handbook (1, 2, 3)"]
    (folder / ".pmo-kit.json").write_text('{"tier": 2,\n "answers": }')
    (only,) = messages(handbook, folder)
    assert only.startswith("alpha/.pmo-kit.json:2:13: not valid JSON")


def test_only_the_latest_two_periods_are_read_and_a_bad_name_is_reported(
        handbook: Handbook, tmp_path: Path) -> None:
    folder = project(tmp_path)
    (folder / "status" / "2026-09.yaml").write_text("not: a status")
    (folder / "status" / "2026-10.yaml").write_text(STATUS.replace("2026-11", "2026-10"))
    (folder / "status" / "november.yaml").write_text(STATUS)
    read = read_project(folder, handbook, KNOWN)
    assert [str(p) for p in read.problems] == [
        "alpha/status/november.yaml: not a status file name: name it after the period it "
        "covers, <YYYY-MM>.yaml (e.g. 2026-11.yaml)"]
    assert read.periods == ("2026-09", "2026-10", "2026-11")
    assert [s.period for s in read.statuses] == ["2026-10", "2026-11"]


def test_folders_of_projects(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "empty").mkdir()
    assert project_folders([tmp_path]) == [folder, tmp_path / "empty"]
    assert project_folders([folder]) == [folder]


def docx(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", f"<w:document><w:body>{body}</w:body></w:document>")


def test_evidence_states(handbook: Handbook, tmp_path: Path) -> None:
    plan = handbook.get("project-plan")
    raid = handbook.get("raid-log")
    marks = (b"[Project name]",)
    assert inspect(tmp_path, plan, marks).state == MISSING  # type: ignore[arg-type]
    path = tmp_path / "documents" / "project-plan.docx"
    docx(path, "<w:p><w:r><w:t>[Project name]</w:t></w:r></w:p>")
    assert inspect(tmp_path, plan, marks).state == PLACEHOLDERS  # type: ignore[arg-type]
    docx(path, '<w:p><w:pPr><w:pStyle w:val="Guidance"/></w:pPr></w:p>')
    assert inspect(tmp_path, plan, marks).state == GUIDANCE  # type: ignore[arg-type]
    docx(path, "<w:p><w:r><w:t>Our plan</w:t></w:r></w:p>")
    assert inspect(tmp_path, plan, marks).state == FILLED  # type: ignore[arg-type]
    raid_workbook(tmp_path, '<c r="A2" s="1"/>')
    assert inspect(tmp_path, raid, marks).state == EMPTY  # type: ignore[arg-type]


def raid_workbook(project: Path, row: str) -> None:
    """A minimal registers/raid-log.xlsx: a header row, then `row`'s cells as row 2."""
    register = project / "registers" / "raid-log.xlsx"
    register.parent.mkdir()
    with zipfile.ZipFile(register, "w") as archive:
        archive.writestr("xl/workbook.xml", '<workbook><sheets><sheet name="RAID" sheetId="1" '
                                            'r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="rId1" '
                                                      'Target="worksheets/sheet1.xml"/>'
                                                      '</Relationships>')
        archive.writestr("xl/worksheets/sheet1.xml",
                         '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Id</t></is></c>'
                         f'</row><row r="2">{row}</row></sheetData>')


@pytest.mark.parametrize(("row", "state"), [
    # the kit's score formula, as openpyxl writes it and as Excel or LibreOffice save it
    ('<c r="I2"><f>IF(AND(ISNUMBER(G2),ISNUMBER(H2)),G2*H2,"")</f><v></v></c>', EMPTY),
    ('<c r="A2" s="1"/><c r="I2" t="str"><f t="shared" si="0"/><v></v></c>', EMPTY),
    ('<c r="G2" t="n"><v>3</v></c><c r="I2"><f>G2*H2</f><v>12</v></c>', FILLED),
    ('<c r="I2"><f>G2*H2</f><v></v></c><c r="J2" t="inlineStr"><is><t>x</t></is></c>', FILLED),
])
def test_a_formula_alone_is_not_a_row_of_data(handbook: Handbook, tmp_path: Path, row: str,
                                              state: str) -> None:
    raid_workbook(tmp_path, row)
    found = inspect(tmp_path, handbook.get("raid-log"), (b"[Project name]",))  # type: ignore[arg-type]
    assert found.state == state
