"""Twelve project folders made with the real `cookiecutter` from the built kit, as their
project managers leave them at the end of November 2026.

All three tiers; six candidates for funding (one mandatory, two tied on score); one project
over its cost tolerance; one with a gate document missing; one with a broken status file.
The expected findings are written by hand in tests/acceptance/test_portfolio.py.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from tests.support.projects import (
    add_register_row,
    cookiecutter_env,
    make_project,
    status,
    write_document,
    write_status,
)

HOSTILE_NARRATIVE = ("Cost is Red: the supplier's change request <script>alert('x')</script> "
                     "adds 80,000 EUR & the data migration 20,000 EUR.\n\n"
                     "=HYPERLINK(\"http://evil.example\",\"click\") stays text.")
HOSTILE_DECISION = "=1+1 Portfolio board to approve 100,000 EUR from the reserve by 2026-12-15"
SCORES = ("strategic-alignment", "financial-value", "risk", "urgency-regulation",
          "capability-fit")
CAPACITY = """\
cycle: 2027 Q1
budget: 3000000
skills:
  data-engineering: 400
  solution-architecture: 150
  business-analysis: 200
"""
BROKEN_STATUS = """\
period: "2026-11"
next_gate: G2
rag:
  overall: {rating: Green, reason: "On plan"
budget: 300000
"""


@dataclass(frozen=True)
class Scenario:
    projects: Path              # the folder holding the twelve project folders
    capacity: Path
    kit_zip: Path


def scores(*values: int) -> dict[str, int]:
    return dict(zip(SCORES, values, strict=True))


def build_scenario(dist: Path, root: Path) -> Scenario:
    kit_zip = next(dist.glob("project-kit-*.zip"))
    env = cookiecutter_env(root / "cookiecutter-home")
    projects = root / "projects"
    projects.mkdir(parents=True)

    def new(slug: str, name: str, tier: int, budget: int, start: str = "2026-11-02") -> Path:
        return make_project(kit_zip, projects, env, project_name=name, project_slug=slug,
                            project_manager="Ana Silva", sponsor="Tom Berg",
                            start_date=start, tier=str(tier),
                            # tier 1 is under 6 months: its criteria put a longer one in tier 2
                            end_date="2027-03-31" if tier == 1 else "2027-09-30",
                            budget=str(budget))

    # -- tier 1 ------------------------------------------------------------------------
    ledger = new("ledger-upgrade", "Ledger upgrade", 1, 80000, start="2026-10-01")
    write_document(ledger, "project-charter")
    add_register_row(ledger, "raid-log", ["R-01", "Risk", "Auditor not available in March"])
    write_status(ledger, status("2026-10", next_gate="G1", budget=80000, eac=80000,
                                baseline="2027-03-31", forecast="2027-04-09",
                                ratings={"schedule": "Amber"},
                                narrative="Testing starts nine days late; recoverable."))
    write_status(ledger, status("2026-11", next_gate="G1", budget=80000, eac=80000,
                                baseline="2027-03-31", forecast="2027-03-31"))

    office = new("office-move", "Office move", 1, 60000)
    write_status(office, status("2026-11", next_gate="G4", budget=60000, eac=61000,
                                baseline="2027-01-29", forecast="2027-02-08",
                                ratings={"overall": "Amber", "schedule": "Amber"},
                                narrative="The movers slipped ten days; the sponsor agreed."))

    # -- tier 2 and 3, running -----------------------------------------------------------
    scanners = new("warehouse-scanners", "Warehouse scanners", 2, 650000)
    for artefact in ("project-plan", "communications-plan", "stage-gate-checklist"):
        write_document(scanners, artefact)
    add_register_row(scanners, "raid-log", ["R-01", "Risk", "Scanner firmware late"])
    (scanners / "documents" / "steering-committee-tor.docx").unlink()
    write_status(scanners, status("2026-11", next_gate="G2", budget=650000, eac=655000,
                                  baseline="2027-06-30", forecast="2027-06-30"))

    crm = new("crm-replacement", "CRM replacement", 2, 800000, start="2026-10-01")
    for artefact in ("stage-gate-checklist",):
        write_document(crm, artefact)
    add_register_row(crm, "raid-log", ["R-03", "Issue", "Supplier change request"])
    add_register_row(crm, "decision-log", ["D-07", "2026-11-20", "Accept the change request"])
    write_status(crm, status("2026-10", next_gate="G3", budget=800000, eac=820000,
                             baseline="2027-05-31", forecast="2027-05-31"))
    write_status(crm, status("2026-11", next_gate="G3", budget=800000, eac=900000,
                             baseline="2027-05-31", forecast="2027-05-31",
                             ratings={"overall": "Red", "cost": "Red"},
                             narrative=HOSTILE_NARRATIVE, decision=HOSTILE_DECISION))

    payments = new("payments-hub", "Payments hub", 3, 2000000)
    for artefact in ("project-plan", "raci-matrix", "steering-committee-tor",
                     "communications-plan", "stage-gate-checklist"):
        write_document(payments, artefact)
    add_register_row(payments, "raid-log", ["R-01", "Risk", "Card scheme mandate"])
    write_status(payments, status("2026-11", next_gate="G2", budget=2000000, eac=2100000,
                                  baseline="2028-03-31", forecast="2028-03-31",
                                  ratings={"overall": "Amber", "cost": "Amber"},
                                  narrative="Licences cost 100,000 EUR more than planned."))

    broken = new("broken-status", "Broken status", 2, 300000)
    (broken / "status" / "2026-11.yaml").write_text(BROKEN_STATUS, encoding="utf-8")

    # -- candidates for funding at G0 ------------------------------------------------------
    candidates = [
        ("customer-portal", "Customer portal", 3, 1000000, scores(5, 4, 3, 4, 4),
         {"data-engineering": 100, "solution-architecture": 40, "business-analysis": 30}, None),
        ("data-platform", "Data platform", 3, 900000, scores(4, 5, 2, 3, 4),
         {"data-engineering": 200, "solution-architecture": 60, "business-analysis": 20}, None),
        ("claims-automation", "Claims automation", 2, 500000, scores(3, 4, 4, 3, 3),
         {"data-engineering": 60, "business-analysis": 40}, None),
        ("fleet-telematics", "Fleet telematics", 2, 700000, scores(4, 2, 2, 4, 3),
         {"data-engineering": 40, "solution-architecture": 20}, None),
        ("sales-analytics", "Sales analytics", 2, 300000, scores(3, 3, 3, 3, 3),
         {"data-engineering": 50}, None),
        ("regulatory-reporting", "Regulatory reporting", 3, 600000, scores(3, 2, 3, 5, 3),
         {"data-engineering": 120, "solution-architecture": 30, "business-analysis": 50},
         {"cites": "EU Digital Operational Resilience Act (DORA), Article 28",
          "date": "2027-01-17"}),
    ]
    for slug, name, tier, budget, given, skills, mandatory in candidates:
        project = new(slug, name, tier, budget)
        write_status(project, status("2026-11", next_gate="G0", budget=budget, eac=budget,
                                     baseline="2027-09-30", forecast="2027-09-30",
                                     scores=given, skills=skills, mandatory=mandatory))
        if slug == "sales-analytics":  # the mandate downloaded from the site, not the kit's
            template = dist / "project-kit" / "{{cookiecutter.__project_dir}}"
            shutil.copy(template / "project-mandate.docx",
                        project / "documents" / "project-mandate.docx")
        else:
            write_document(project, "project-mandate")

    capacity = root / "capacity.yaml"
    capacity.write_text(CAPACITY, encoding="utf-8")
    return Scenario(projects=projects, capacity=capacity, kit_zip=kit_zip)
