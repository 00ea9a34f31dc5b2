"""`pmo gate check PROJECT_DIR --gate G2`: is the project ready for the gate?

For the project's tier (from .pmo-kit.json): each piece of evidence the gate needs and
whether it is there and filled in, the requirements due at the gate, and the tolerance
breaches its latest status forecasts. Exit 0 when ready, 1 when not.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from generator.commands.known_versions import known_versions
from generator.errors import PmoError
from generator.model import Handbook
from generator.model.project import Project
from generator.model.readiness import Readiness, checked_step, gate_ids, readiness
from generator.pipeline.check import load_handbook
from generator.pipeline.workspace import Workspace
from generator.portfolio import words
from generator.projects.read import read_project

MARKS = {True: "ok", False: "TODO"}


def gate_check(project_dir: Path, workspace: Workspace, *, gate: str | None = None,
               output_format: str = "text") -> int:
    handbook = load_handbook(workspace.standards)
    project = read_project(project_dir, handbook, known_versions(workspace, handbook),
                           gate=gate)
    record = project.record
    if record is None:
        _print_problems(project)
        raise PmoError(f"{project_dir} cannot be checked: its kit record is missing or "
                       "invalid (see above)")
    wanted = gate or (project.latest.next_gate if project.latest else None)
    if wanted is None:
        _print_problems(project)
        raise PmoError("no readable status file says the next gate: give it with --gate G1")
    step, _ = checked_step(handbook, record.tier, wanted)
    if step is None:
        raise PmoError(f"{wanted} is not a gate of a tier {record.tier} project (its gates: "
                       f"{', '.join(gate_ids(handbook, record.tier))}); choose one of those")
    if gate is None:  # the evidence read was that of the status's next gate: read it again
        project = read_project(project_dir, handbook, known_versions(workspace, handbook),
                               gate=wanted)
    result = readiness(handbook, project, wanted)
    assert result is not None
    if output_format == "json":
        print(json.dumps(as_json(handbook, project, result), indent=2, ensure_ascii=False))
    else:
        _print_problems(project)
        print(format_readiness(handbook, project, result))
    return 0 if result.ready else 1


def _print_problems(project: Project) -> None:
    for problem in project.problems:
        print(problem, file=sys.stderr)


def format_readiness(handbook: Handbook, project: Project, result: Readiness) -> str:
    assert project.record is not None
    tier = handbook.settings.tier(project.record.tier)
    step = result.step
    decider = handbook.title_of(step.decider.role) + (f", {step.decider.note}"
                                                      if step.decider.note else "")
    lines = [f"{project.name}: {tier.name}, gate {result.gate}"
             + (f" (merged into {step.gate.id} for tier {tier.id}: its checks are made at "
                f"{step.gate.id} {step.gate.name})" if result.merged_into
                else f" {step.gate.name}"),
             f"Decided by: {decider}"]
    latest = project.latest
    lines.append(f"Status: {latest.source} (period {latest.period})" if latest
                 else "Status: no readable status file (see the problems above)")
    lines += ["", f"Evidence ({len(result.evidence)}):"]
    width = max((len(e.artefact.title) for e in result.evidence), default=0)
    for item in result.evidence:
        file = item.file
        where = file.path if file else ""
        if file is None or not file.detail:
            detail = ""
        else:
            detail = f" ({file.detail})" if item.filled else f": {file.detail}"
        lines.append(f"  [{MARKS[item.filled]:4}] {item.artefact.title:{width}}  {where}{detail}")
    absorbed = ", ".join(g.id for g in step.absorbs)
    lines += ["", f"Requirements due at {step.gate.id}"
              + (f", where tier {tier.id} also meets {absorbed}" if absorbed else "")
              + f" ({len(result.duties)}):"]
    lines += [f"  {d.id} {d.word.upper()} ({handbook.title_of(d.actor)}): "
              f"{' '.join(d.requirement.text.split())}" for d in result.duties] or ["  none"]
    lines += ["", f"Forecast tolerance breaches ({len(result.breaches)}):"]
    for breach in result.breaches:
        lines.append(f"  {breach.dimension.capitalize()}: {breach.measured}; breaches {breach.of} "
                     f"({breach.tolerance}): {words.route(handbook, breach)}"
                     + (f" (rated {breach.rating}: the rating understates it)"
                        if breach.understated else ""))
    if not result.breaches:
        lines.append("  none" if result.status_read else "  not measured: no readable status")
    lines.append("")
    if result.ready:
        lines.append(f"Ready for {result.gate}.")
    else:
        lines.append(f"Not ready for {result.gate}:")
        lines += [f"  - {b}" for b in result.blockers()]
    return "\n".join(lines)


def as_json(handbook: Handbook, project: Project, result: Readiness) -> dict[str, Any]:
    assert project.record is not None
    return {
        "project": project.name, "folder": project.folder, "tier": project.record.tier,
        "gate": result.gate, "checked_at": result.step.gate.id,
        "merged_into": result.merged_into, "ready": result.ready,
        "decided_by": result.step.decider.role,
        "status": project.latest.source if project.latest else None,
        "evidence": [{"artefact": e.artefact.id, "title": e.artefact.title,
                      "path": e.file.path if e.file else None,
                      "state": e.file.state if e.file else None, "filled": e.filled,
                      "detail": e.file.detail if e.file else ""} for e in result.evidence],
        "requirements": [{"id": d.id, "word": d.word, "actor": d.actor, "gate": d.gate,
                          "text": d.requirement.text} for d in result.duties],
        "breaches": [{"dimension": b.dimension, "measured": b.measured,
                      "tolerance": b.tolerance, "level": b.level, "rating": b.rating,
                      "route": words.route(handbook, b)} for b in result.breaches],
        "blockers": list(result.blockers()),
        "problems": [p.as_dict() for p in project.problems],
    }
