"""`pmo portfolio PROJECTS_DIR... [--capacity FILE] --out DIR`: the portfolio board's view.

Reads every project folder, works out each one's status, trend, readiness for its next
gate, forecast breaches and handbook drift, ranks and funds the candidates under the
capacity given, and writes the dashboard (index.html), the workbook (portfolio.xlsx) and
the board pack (board-pack.docx). A folder that cannot be read is listed with its
problems; exit 1 when any problem was found.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.commands.known_versions import known_versions
from generator.errors import Problem
from generator.model import Handbook
from generator.model.portfolio import Drift, Portfolio, build_portfolio
from generator.model.project import Project
from generator.pipeline.check import load_handbook
from generator.pipeline.workspace import Workspace
from generator.portfolio import render_portfolio
from generator.projects.capacity import read_capacity
from generator.projects.read import read_projects
from generator.release.kit_report import KitReport, build_report
from generator.release.manifest import (
    list_releases,
    manifests_dir,
    read_manifest,
    snapshot_handbook,
)
from generator.shared.parallel import gc_paused
from generator.word.board_pack import write_board_pack


def portfolio(roots: Sequence[Path], workspace: Workspace, out_dir: Path, *,
              capacity_file: Path | None = None, output_format: str = "text") -> int:
    handbook = load_handbook(workspace.standards)
    projects = read_projects(roots, handbook, known_versions(workspace, handbook))
    capacity, problems = None, list[Problem]()
    if capacity_file is not None:
        policy = next((p.prioritisation for p in handbook.policies
                       if p.in_force and p.prioritisation), None)
        capacity, problems = read_capacity(capacity_file, capacity_file.as_posix(), policy)
    with gc_paused():  # many small objects, no cycles worth collecting meanwhile
        view = build_portfolio(handbook, projects, drifts(workspace, handbook, projects),
                               capacity, problems)
        out_dir.mkdir(parents=True, exist_ok=True)
        written = render_portfolio(handbook, view, out_dir)
        written.append(write_board_pack(handbook, view, out_dir / "board-pack.docx"))
    if output_format == "json":
        print(json.dumps(summary(view, written), indent=2, ensure_ascii=False))
    else:
        for problem in view.problems:
            print(problem, file=sys.stderr)
        print(summary_text(view, written), file=sys.stderr)
    return 1 if view.problems else 0


def drifts(workspace: Workspace, handbook: Handbook, projects: Sequence[Project]
           ) -> dict[str, Drift]:
    """What `pmo kit check` would say of each project, against the current standards; one
    report per distinct kit (projects from the same kit and tier share it)."""
    now = snapshot_handbook(handbook)
    releases = manifests_dir(workspace.standards)
    manifests = {v: read_manifest(releases, v)["standards"] for v in list_releases(releases)}
    label = f"current standards ({handbook.settings.version})"
    cache: dict[str, Drift] = {}
    out = {}
    for project in projects:
        record = project.record
        if record is None:
            continue
        kit = {"kit_version": record.kit_version, "pmo_type": record.pmo_type,
               "tier": record.tier, "standards": dict(record.standards),
               "artefacts": dict(record.artefacts)}
        key = json.dumps(kit, sort_keys=True)
        if key not in cache:
            report = build_report(kit, manifests.get(record.kit_version), now, label,
                                  project.slug)
            cache[key] = as_drift(report)
        out[project.folder] = cache[key]
    return out


def as_drift(report: KitReport) -> Drift:
    lines = [f"{c['kind']} {c['id']} ({c['title']}): {c['change']} {c['from']} -> "
             f"{c['to'] or 'gone'}" for c in report.changed]
    lines += [f"new {n['kind']} {n['id']} ({n['title']}) {n['version']}" for n in report.new]
    lines += [f"newer template {t['id']} ({t['title']}): {t['from']} -> {t['to']}"
              for t in report.templates]
    return Drift(up_to_date=report.up_to_date, against=report.against, lines=tuple(lines))


def summary(view: Portfolio, written: Sequence[Path]) -> dict[str, Any]:
    return {
        "projects": len(view.rows) + len(view.unread), "read": len(view.rows),
        "unread": [p.folder for p in view.unread],
        "rows": [{"folder": r.project.folder, "name": r.project.name, "tier": r.tier,
                  "period": r.status.period, "overall": r.status.rag.overall.rating,
                  "trends": dict(r.trends), "next_gate": r.status.next_gate,
                  "ready": bool(r.readiness and r.readiness.ready),
                  "breaches": [{"dimension": b.dimension, "level": b.level,
                                "measured": b.measured, "tolerance": b.tolerance}
                               for b in r.breaches],
                  "drift": r.drift.summary if r.drift else None} for r in view.rows],
        "ranking": [{"folder": d.candidate.id, "name": d.candidate.name,
                     "score": None if d.candidate.score is None else d.candidate.score / 100,
                     "outcome": d.outcome, "rank": d.rank, "reasons": list(d.reasons),
                     "funding_line": d.funding_line} for d in view.decisions],
        "exceptions": [{"folder": r.project.folder, "dimension": b.dimension,
                        "level": b.level} for r, b in view.breaches],
        "problems": [p.as_dict() for p in view.problems],
        "written": [p.as_posix() for p in written],
    }


def summary_text(view: Portfolio, written: Sequence[Path]) -> str:
    funded = [d for d in view.decisions if d.funded]
    problems: list[Problem] = list(view.problems)
    lines = [f"portfolio: {len(view.rows)} projects read, {len(view.unread)} could not be read; "
             f"{len(view.breaches)} forecast breaches; {len(view.decisions)} candidates, "
             f"{len(funded)} funded"
             + ("" if view.capacity else " (no valid capacity: ranked only, no funding line)")]
    lines += [f"  wrote {p.as_posix()}" for p in written]
    if problems:
        lines.append(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}: fix them "
                     "and run `pmo portfolio` again")
    return "\n".join(lines)
