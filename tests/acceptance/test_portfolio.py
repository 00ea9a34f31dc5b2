"""`pmo gate check` and `pmo portfolio` on twelve projects made by the real cookiecutter.

The scenario (tests/support/portfolio_scenario.py) is written by hand, and so is every
expectation below: the scores, the ranking, the funding line, the breaches and the gate
evidence were worked out on paper from the policies' data, not by the code under test.

Capacity: 3,000,000 EUR; data engineering 400, solution architecture 150, business
analysis 200 days. Weights 30/25/20/15/10.

    candidate             scores      weighted                  cost     DE
    regulatory-reporting  3 2 3 5 3   90+50+60+75+30 = 3.05   600,000   120  mandatory
    customer-portal       5 4 3 4 4   150+100+60+60+40 = 4.10 1,000,000 100
    data-platform         4 5 2 3 4   120+125+40+45+40 = 3.70   900,000 200
    claims-automation     3 4 4 3 3   90+100+80+45+30 = 3.45    500,000  60
    fleet-telematics      4 2 2 4 3   120+50+40+60+30 = 3.00    700,000  40
    sales-analytics       3 3 3 3 3   90+75+60+45+30 = 3.00     300,000  50

    mandatory first: 3,000,000 - 600,000 = 2,400,000; DE 400 - 120 = 280
    1 customer-portal   funded  -> 1,400,000; DE 180
    2 data-platform     skipped: needs 200 days of DE, 180 left
    3 claims-automation funded  -> 900,000; DE 120
    4 fleet-telematics  funded  -> 200,000; DE 80   (ties 3.00 with sales-analytics; its
                                                     strategic alignment 4 > 3 ranks it first)
    5 sales-analytics   skipped: needs 300,000 EUR, 200,000 EUR left
    funding line: fleet-telematics
"""

from __future__ import annotations

import json
import shutil
import subprocess
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from openpyxl import load_workbook

from generator.pipeline.workspace import Workspace
from tests.support.portfolio_scenario import HOSTILE_DECISION, Scenario
from tests.support.projects import cookiecutter_env, make_project
from tests.support.workspace import pmo, require_tool

RANKING = [  # folder, outcome, rank, weighted score, reasons
    ("regulatory-reporting", "mandatory", None, 3.05,
     ["cites EU Digital Operational Resilience Act (DORA), Article 28, due 2027-01-17"]),
    ("customer-portal", "funded", 1, 4.10, []),
    ("data-platform", "skipped", 2, 3.70,
     ["not enough data engineering: needs 200 days, 180 left"]),
    ("claims-automation", "funded", 3, 3.45, []),
    ("fleet-telematics", "funded", 4, 3.00, []),
    ("sales-analytics", "skipped", 5, 3.00,
     ["not enough budget: needs 300,000 EUR, 200,000 EUR left"]),
]
FUNDING_LINE = "fleet-telematics"

# project -> (overall, next gate, ready, [(dimension, level)]), by hand from the tolerances:
# crm-replacement: EAC 900,000 on 800,000 is +12.5%, over 10% (80,000): the project's.
# payments-hub: +100,000 on 2,000,000 is 5%, not over 5% (100,000), over half (50,000).
# office-move: handover 10 days late; tier 1 allows 2 weeks, the manager half: 7 days.
FINDINGS = {
    "crm-replacement": ("Red", "G3", False, [("cost", "project")]),
    "office-move": ("Amber", "G4", False, [("time", "manager")]),
    "payments-hub": ("Amber", "G2", True, [("cost", "manager")]),
    "claims-automation": ("Green", "G0", True, []),
    "customer-portal": ("Green", "G0", True, []),
    "data-platform": ("Green", "G0", True, []),
    "fleet-telematics": ("Green", "G0", True, []),
    "ledger-upgrade": ("Green", "G1", True, []),
    "regulatory-reporting": ("Green", "G0", True, []),
    "sales-analytics": ("Green", "G0", False, []),      # its mandate still holds [Project name]
    "warehouse-scanners": ("Green", "G2", False, []),   # its steering committee ToR is gone
}
# Requirements of a tier 2 project due at G2, read from the policies' YAML by hand.
TIER_2_AT_G2 = {"BEN-9", "COMM-3", "COMM-4", "FIN-1", "PLAN-2", "PLAN-3", "PLAN-5", "QUAL-1",
                "QUAL-3", "RES-2", "GATE-12", "TOL-1"}


def gate_check(built: Workspace, project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return pmo("--root", str(built.root), "gate", "check", str(project), *args)


def as_json(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    report: dict[str, Any] = json.loads(result.stdout)
    return report


# --- the kit's status file -------------------------------------------------------------

def test_the_kit_starts_every_project_with_a_status_file_to_fill_in(
        built: Workspace, tmp_path: Path) -> None:
    kit_zip = next(built.dist.glob("project-kit-*.zip"))
    project = make_project(kit_zip, tmp_path, cookiecutter_env(tmp_path / "home"),
                           project_name="Fresh start", project_slug="fresh-start",
                           project_manager="Ana Silva", sponsor="Tom Berg",
                           start_date="2026-12-07", end_date="2027-11-30", tier="3",
                           budget="1,250,000")
    path = project / "status" / "2026-12.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["period"] == "2026-12" and data["next_gate"] == "G0"
    assert data["budget"] == 1250000 and data["forecast_at_completion"] == 1250000
    assert data["key_dates"]["handover"] == {"baseline": date(2027, 11, 30),
                                             "forecast": date(2027, 11, 30)}
    assert set(data["prioritisation"]["scores"]) == {"strategic-alignment", "financial-value",
                                                     "risk", "urgency-regulation",
                                                     "capability-fit"}
    result = gate_check(built, project, "--gate", "G0")
    assert result.returncode == 1
    problems = result.stderr.splitlines()
    assert ("fresh-start/status/2026-12.yaml:11:13: rag.overall.rating: still holds the kit's "
            "placeholder '[Green, Amber or Red]': fill it in") in problems
    assert any(p.startswith("fresh-start/status/2026-12.yaml:") and
               "prioritisation.scores.risk: still holds the kit's placeholder '[1 to 5]'" in p
               for p in problems)
    assert "No readable status file: the forecast cannot be measured" in result.stdout


# --- pmo gate check ----------------------------------------------------------------------

def test_gate_check_names_the_missing_gate_document(built: Workspace,
                                                    portfolio_scenario: Scenario) -> None:
    result = gate_check(built, portfolio_scenario.projects / "warehouse-scanners",
                        "--gate", "G2", "--format", "json")
    assert result.returncode == 1
    report = as_json(result)
    assert report["ready"] is False and report["checked_at"] == "G2" and report["tier"] == 2
    assert {e["artefact"]: (e["path"], e["state"]) for e in report["evidence"]} == {
        "project-plan": ("documents/project-plan.docx", "filled in"),
        "steering-committee-tor": ("documents/steering-committee-tor.docx", "missing"),
        "communications-plan": ("documents/communications-plan.docx", "filled in"),
        "raid-log": ("registers/raid-log.xlsx", "filled in"),
        "stage-gate-checklist": ("documents/stage-gate-checklist.docx", "filled in"),
    }
    assert {r["id"] for r in report["requirements"]} == TIER_2_AT_G2
    assert report["breaches"] == []
    assert report["blockers"] == ["Steering Committee Terms of Reference: not in the project "
                                  "folder"]


def test_gate_check_of_a_merged_gate_is_made_where_the_tier_merges_it(
        built: Workspace, portfolio_scenario: Scenario) -> None:
    result = gate_check(built, portfolio_scenario.projects / "ledger-upgrade", "--gate", "G2")
    assert result.returncode == 0, result.stdout + result.stderr
    assert ("gate G2 (merged into G1 for tier 1: its checks are made at G1 Charter and "
            "business case approved)") in result.stdout
    assert "[ok  ] Project Charter" in result.stdout and "[ok  ] RAID Log" in result.stdout
    assert "TOL-9 MUST (Project Sponsor)" in result.stdout  # due at G1 for tier 1
    assert result.stdout.rstrip().endswith("Ready for G2.")


def test_a_breach_of_the_projects_tolerance_holds_the_gate(built: Workspace,
                                                           portfolio_scenario: Scenario) -> None:
    result = gate_check(built, portfolio_scenario.projects / "crm-replacement", "--format", "json")
    assert result.returncode == 1
    report = as_json(result)
    assert report["gate"] == "G3"  # the next gate its latest status names
    assert all(e["filled"] for e in report["evidence"])
    assert [(b["dimension"], b["level"], b["measured"], b["tolerance"])
            for b in report["breaches"]] == [
        ("cost", "project", "EAC 900,000 EUR against a budget of 800,000 EUR: +100,000 EUR "
         "(+12.5%)", "+/- 10% = 80,000 EUR")]
    assert report["breaches"][0]["route"] == (
        "Exception Report to Steering Committee; decided by Portfolio Board, on the steering "
        "committee's recommendation")


def test_a_breach_of_the_managers_share_is_told_but_does_not_hold_the_gate(
        built: Workspace, portfolio_scenario: Scenario) -> None:
    result = gate_check(built, portfolio_scenario.projects / "payments-hub", "--gate", "G2",
                        "--format", "json")
    assert result.returncode == 0, result.stdout
    report = as_json(result)
    assert [e["artefact"] for e in report["evidence"]] == [
        "project-plan", "raci-matrix", "steering-committee-tor", "communications-plan",
        "raid-log", "stage-gate-checklist"]
    assert [(b["dimension"], b["level"], b["tolerance"]) for b in report["breaches"]] == [
        ("cost", "manager", "50,000 EUR (50% of +/- 5% = 100,000 EUR)")]
    assert "GATE-13" in {r["id"] for r in report["requirements"]}  # tier 3's RACI at G2


def test_kit_placeholders_and_untouched_guidance_are_not_filled_in(
        built: Workspace, portfolio_scenario: Scenario) -> None:
    mandate = as_json(gate_check(built, portfolio_scenario.projects / "sales-analytics",
                                 "--format", "json"))
    (evidence,) = mandate["evidence"]
    assert evidence["state"] == "kit placeholders left"
    assert "[Project name]" in evidence["detail"]
    closure = gate_check(built, portfolio_scenario.projects / "office-move", "--format", "json")
    assert closure.returncode == 1
    (evidence,) = as_json(closure)["evidence"]
    assert (evidence["artefact"], evidence["state"]) == ("closure-report", "guidance left")


def test_gate_check_of_a_broken_status_file_locates_the_problem(
        built: Workspace, portfolio_scenario: Scenario) -> None:
    result = gate_check(built, portfolio_scenario.projects / "broken-status", "--gate", "G2")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "broken-status/status/2026-11.yaml:5:1: YAML syntax: did not find expected ',' or '}' "
        "(while parsing a flow mapping at line 4)")
    assert "Status: no readable status file" in result.stdout


def test_gate_check_refuses_a_gate_the_tier_never_meets(built: Workspace,
                                                        portfolio_scenario: Scenario) -> None:
    result = gate_check(built, portfolio_scenario.projects / "office-move", "--gate", "G7")
    assert result.returncode == 1
    assert "G7 is not a gate of a tier 1 project (its gates: G1, G4)" in result.stderr


# --- pmo portfolio -----------------------------------------------------------------------

def test_portfolio_ranks_and_funds_exactly_as_worked_out_by_hand(
        portfolio_board: tuple[Path, dict[str, Any], int]) -> None:
    _, report, _ = portfolio_board
    ranking = [(d["folder"].removeprefix("projects/"), d["outcome"], d["rank"], d["score"],
                d["reasons"]) for d in report["ranking"]]
    assert ranking == RANKING
    assert [d["folder"] for d in report["ranking"] if d["funding_line"]] == [
        f"projects/{FUNDING_LINE}"]


def test_portfolio_findings_per_project_and_the_unreadable_one(
        portfolio_board: tuple[Path, dict[str, Any], int]) -> None:
    _, report, code = portfolio_board
    assert code == 1  # one folder could not be read
    found = {r["folder"].removeprefix("projects/"): (
        r["overall"], r["next_gate"], r["ready"],
        [(b["dimension"], b["level"]) for b in r["breaches"]]) for r in report["rows"]}
    assert found == FINDINGS
    assert report["unread"] == ["projects/broken-status"]
    assert [f"{p['file']}:{p['line']}:{p['column']}" for p in report["problems"]] == [
        "projects/broken-status/status/2026-11.yaml:5:1"]
    trends = {r["folder"]: r["trends"] for r in report["rows"]}
    assert trends["projects/crm-replacement"]["cost"] == "worsening"
    assert trends["projects/ledger-upgrade"]["schedule"] == "improving"
    assert trends["projects/payments-hub"]["cost"] == "new"
    assert {r["drift"] for r in report["rows"]} == {"Up to date"}


def test_dashboard_is_one_offline_page_with_project_text_escaped(
        portfolio_board: tuple[Path, dict[str, Any], int]) -> None:
    out, _, _ = portfolio_board
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "<script" not in html and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "http://evil.example" not in html.split("&#34;")[0]  # only as escaped text
    for attribute in ("src=", "href=\"http", "@import", "url("):
        assert attribute not in html, attribute
    assert "Funding line: Fleet telematics is the last candidate funded" in html
    assert "Skipped: not enough budget: needs 300,000 EUR, 200,000 EUR left" in html
    assert "Exception Report to Steering Committee; decided by Portfolio Board" in html
    assert "projects/broken-status/status/2026-11.yaml:5:1: YAML syntax" in html


def test_workbook_keeps_numbers_formulas_and_text_apart(
        portfolio_board: tuple[Path, dict[str, Any], int]) -> None:
    out, _, _ = portfolio_board
    workbook = load_workbook(out / "portfolio.xlsx")
    sheet = workbook["Prioritisation"]
    header = [c.value for c in sheet[4]]
    score = header.index("Weighted score")
    rows = [[c for c in row] for row in sheet.iter_rows(min_row=5) if row[1].value]
    assert [r[2].value.removeprefix("projects/") for r in rows] == [f for f, *_ in RANKING]
    for row in rows:
        assert str(row[score].value).startswith("=SUMPRODUCT("), row[score].value
        assert row[score].data_type == "f"
        assert isinstance(row[header.index("Cost (EUR)")].value, int | float)
    projects = workbook["Projects"]
    names = [c.value for c in projects[1]]
    crm = next(r for r in projects.iter_rows(min_row=2) if r[0].value == "CRM replacement")
    decision = crm[names.index("Decision needed")]
    assert decision.value == HOSTILE_DECISION and decision.data_type == "s"
    narrative = crm[names.index("Narrative")]
    assert narrative.data_type == "s" and "<script>" in narrative.value
    assert isinstance(crm[names.index("EAC (EUR)")].value, int | float)


def test_libreoffice_recalculates_the_weighted_scores_to_the_same_numbers(
        portfolio_board: tuple[Path, dict[str, Any], int], tmp_path: Path,
        artifacts: Path) -> None:
    soffice = require_tool("soffice")
    out, _, _ = portfolio_board
    profile = f"file:///tmp/lo-portfolio-{uuid.uuid4().hex}"
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "xlsx", "--outdir", str(tmp_path), str(out / "portfolio.xlsx")],
                   check=True, capture_output=True, timeout=300)
    sheet = load_workbook(tmp_path / "portfolio.xlsx", data_only=True)["Prioritisation"]
    header = [c.value for c in sheet[4]]
    values = {row[2]: row[header.index("Weighted score")]
              for row in sheet.iter_rows(min_row=5, values_only=True) if row[1]}
    assert {k.removeprefix("projects/"): round(v, 2) for k, v in values.items()} == {
        folder: score for folder, _, _, score, _ in RANKING}
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(out / "board-pack.docx")],
                   check=True, capture_output=True, timeout=300)
    assert (tmp_path / "board-pack.pdf").stat().st_size > 10_000
    shutil.copy(tmp_path / "board-pack.pdf", artifacts / "portfolio-board-pack.pdf")


def test_board_pack_carries_the_exceptions_and_the_ranking(
        portfolio_board: tuple[Path, dict[str, Any], int]) -> None:
    out, _, _ = portfolio_board
    document = Document(str(out / "board-pack.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Portfolio board pack" in text
    assert "Fleet telematics (score 3.00) is the last candidate funded." in text
    tables = {tuple(c.text for c in t.rows[0].cells): t for t in document.tables}
    ranking = [[c.text for c in row.cells] for row in tables[
        ("Rank", "Candidate", "Score", "Cost", "Decision", "Reason")].rows[1:]]
    assert [(r[0], r[1], r[2]) for r in ranking] == [
        ("M", "Regulatory reporting", "3.05"), ("1", "Customer portal", "4.10"),
        ("2", "Data platform", "3.70"), ("3", "Claims automation", "3.45"),
        ("4", "Fleet telematics", "3.00"), ("5", "Sales analytics", "3.00")]
    exceptions = [[c.text for c in row.cells] for row in tables[
        ("Project", "Dimension", "Forecast", "Tolerance", "Route")].rows[1:]]
    assert [row[:2] for row in exceptions] == [["CRM replacement", "Cost"]]


# --- problems with project files and capacity ------------------------------------------

def test_unknown_handbook_version_and_bad_capacity_are_located(
        built: Workspace, portfolio_scenario: Scenario, tmp_path: Path) -> None:
    projects = tmp_path / "projects"
    shutil.copytree(portfolio_scenario.projects / "claims-automation", projects / "old-kit")
    shutil.copytree(portfolio_scenario.projects / "customer-portal", projects / "fine")
    (projects / "stray").mkdir()
    record = projects / "old-kit" / ".pmo-kit.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    data["handbook_version"] = "0.9.0"
    record.write_text(json.dumps(data, indent=2), encoding="utf-8")
    capacity = tmp_path / "capacity.yaml"
    capacity.write_text("budget: 1000000\nskills:\n  data-engineering: 100\n"
                        "  data-enginering: 5\n", encoding="utf-8")
    result = pmo("--root", str(built.root), "portfolio", str(projects), "--capacity",
                 str(capacity), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert ("projects/old-kit/.pmo-kit.json:3:23: handbook_version: the kit comes from handbook "
            "0.9.0, which this handbook does not know (its versions: 1.0.0); read it with the "
            "handbook it came from, or record the version it follows") in lines
    assert any(line.startswith("projects/stray/.pmo-kit.json: not found") for line in lines)
    assert f"{capacity.as_posix()}:4:3: skills.data-enginering: 'data-enginering' is not a " \
           "constrained skill of the prioritisation policy (did you mean " \
           "'data-engineering'?)" in lines
    assert any("no people-days for solution-architecture, business-analysis" in line
               for line in lines)
    assert "portfolio: 1 projects read, 2 could not be read" in result.stderr
    assert (tmp_path / "out" / "index.html").is_file()


# --- a changed weight ----------------------------------------------------------------------

TEMPLATE_WEIGHTS = [("[Strategic alignment, 30%,", "[Strategic alignment, 20%,"),
                    ("[Financial value, 25%,", "[Financial value, 35%,")]


def change_weights(standards: Path) -> None:
    """The board moves 10 points from strategic alignment to financial value (30/25 ->
    20/35), with the version bumps: the policy and the two templates that list the weights."""
    edits = {
        "policies/portfolio-prioritisation.yaml": [
            ("    - id: strategic-alignment\n      name: Strategic alignment\n      weight: 30",
             "    - id: strategic-alignment\n      name: Strategic alignment\n      weight: 20"),
            ("    - id: financial-value\n      name: Financial value\n      weight: 25",
             "    - id: financial-value\n      name: Financial value\n      weight: 35")],
        "artefacts/project-mandate.yaml": TEMPLATE_WEIGHTS,
        "artefacts/business-case.yaml": TEMPLATE_WEIGHTS,
    }
    for name, changes in edits.items():
        path = standards / name
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        old = data["version"]
        major, minor, _ = old.split(".")
        new = f"{major}.{int(minor) + 1}.0"
        for before, after in changes:
            assert before in text, (name, before)
            text = text.replace(before, after)
        text = text.replace(f"\nversion: {old}\n", f"\nversion: {new}\n", 1)
        text = text.replace("\nhistory:\n", f"\nhistory:\n  - version: {new}\n    date: "
                            "2027-02-01\n    summary: Financial value weighs 35%, strategic "
                            "alignment 20%.\n    change: minor\n", 1)
        text = text.replace("\napprovals:\n", f"\napprovals:\n  - version: {new}\n    by: "
                            f"{data['approved_by']}\n    date: 2027-01-25\n", 1)
        path.write_text(text, encoding="utf-8")


def test_a_changed_weight_changes_the_ranking_and_the_published_page(
        built: Workspace, portfolio_scenario: Scenario, tmp_path: Path) -> None:
    workspace = tmp_path / "handbook"
    shutil.copytree(built.root / "standards", workspace / "standards")
    shutil.copytree(built.root / "docs", workspace / "docs")
    shutil.copy(built.root / "mkdocs.yml", workspace / "mkdocs.yml")
    change_weights(workspace / "standards")
    validate = pmo("validate", "--standards", str(workspace / "standards"))
    assert validate.returncode == 0, validate.stderr
    result = pmo("--root", str(workspace), "portfolio", str(portfolio_scenario.projects),
                 "--capacity", str(portfolio_scenario.capacity), "--out", str(tmp_path / "out"),
                 "--format", "json")
    report = json.loads(result.stdout)
    # By hand, weights 20/35/20/15/10: customer-portal 100+140+60+60+40 = 4.00, data-platform
    # 80+175+40+45+40 = 3.80, claims-automation 60+140+80+45+30 = 3.55, sales-analytics
    # 60+105+60+45+30 = 3.00, fleet-telematics 80+70+40+60+30 = 2.80. After the mandatory
    # item and customer-portal 1,400,000 and 180 days are left; data-platform is skipped;
    # claims-automation leaves 900,000 and 120; sales-analytics leaves 600,000 and 70;
    # fleet-telematics needs 700,000: skipped. The funding line moves to sales-analytics.
    assert [(d["folder"].removeprefix("projects/"), d["outcome"], d["rank"], d["score"])
            for d in report["ranking"]] == [
        ("regulatory-reporting", "mandatory", None, 2.95),
        ("customer-portal", "funded", 1, 4.00), ("data-platform", "skipped", 2, 3.80),
        ("claims-automation", "funded", 3, 3.55), ("sales-analytics", "funded", 4, 3.00),
        ("fleet-telematics", "skipped", 5, 2.80)]
    assert [d["folder"] for d in report["ranking"] if d["funding_line"]] == [
        "projects/sales-analytics"]
    assert "changes since its kit" in {r["drift"].split(" ", 1)[1] for r in report["rows"]
                                       if r["drift"] != "Up to date"}
    site = pmo("--root", str(workspace), "build", "--only", "site")
    assert site.returncode == 0, site.stderr
    page = (workspace / "site" / "policies" / "portfolio-prioritisation" / "index.html"
            ).read_text(encoding="utf-8")
    row = page.split('<th scope="row">Strategic alignment</th>', 1)[1].split("</tr>", 1)[0]
    assert "<td>20%</td>" in row
    assert "4 × 0.20 + 3 × 0.35 + 2 × 0.20 + 5 × 0.15 + 4 × 0.10 = 3.40" in page

