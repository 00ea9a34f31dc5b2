"""`pmo kit check`: tell a project what changed for it since the kit it was made from.

The project's `.pmo-kit.json` says its kit version, PMO type, tier and the version of
every standard it follows. The standards as they were come from the manifest of the
kit's release; the standards as they are now come from the current standards, a
release manifest or a handbook.json export (`--against`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.diff import RequirementChange, StandardDiff, diff_standard
from generator.errors import PmoError
from generator.manifest import (
    SEMVER,
    Manifest,
    Snapshot,
    list_releases,
    manifests_dir,
    read_manifest,
    snapshot_export,
    snapshot_handbook,
)

KIT_FILE = ".pmo-kit.json"


@dataclass(slots=True)
class KitReport:
    """What applies to one project: changed standards, new standards, newer templates."""

    project: str
    kit_version: str
    against: str
    pmo_type: str
    tier: int
    changed: list[dict[str, Any]] = field(default_factory=list)
    new: list[dict[str, Any]] = field(default_factory=list)
    templates: list[dict[str, Any]] = field(default_factory=list)

    @property
    def up_to_date(self) -> bool:
        return not (self.changed or self.new or self.templates)

    def as_dict(self) -> dict[str, Any]:
        return {"project": self.project, "kit_version": self.kit_version,
                "against": self.against, "pmo_type": self.pmo_type, "tier": self.tier,
                "up_to_date": self.up_to_date, "changed": self.changed, "new": self.new,
                "templates": self.templates}


def read_kit_file(project_dir: Path) -> dict[str, Any]:
    path = project_dir / KIT_FILE
    if not path.exists():
        raise PmoError(f"{path} not found: run `pmo kit check` on a project folder made from "
                       "the project kit (it holds .pmo-kit.json)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise PmoError(f"{path}: cannot read it ({err}); restore it from the project's history")\
            from err
    for key in ("kit_version", "pmo_type", "tier", "standards"):
        if key not in data:
            raise PmoError(f"{path}: the field {key!r} is missing; restore the file written by "
                           "the kit")
    return dict(data)


def load_against(workspace: Any, against: str | None
                 ) -> tuple[str, dict[str, Snapshot], dict[str, Manifest]]:
    """(label, snapshots, manifests) of the handbook to compare with: now, a release or an
    export. The manifests are those of the workspace, or those a handbook.json carries."""
    releases_dir = manifests_dir(workspace.standards)
    manifests = {v: read_manifest(releases_dir, v) for v in list_releases(releases_dir)}
    if against is None:
        from generator.build import load_handbook

        if not workspace.standards.is_dir():
            raise PmoError(f"no handbook standards in {workspace.standards}: run this in the "
                           "handbook repository (or give --root), or compare with a release's "
                           "export: --against handbook.json")

        handbook = load_handbook(workspace.standards)
        return (f"current standards ({handbook.settings.version})", snapshot_handbook(handbook),
                manifests)
    if SEMVER.match(against) and not Path(against).is_file():
        return f"release {against}", read_manifest(releases_dir, against)["standards"], manifests
    path = Path(against)
    if not path.is_file():
        raise PmoError(f"--against {against}: neither a release version nor a handbook.json file")
    try:
        export = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise PmoError(f"{path}: cannot read the handbook export ({err})") from err
    snapshots = snapshot_export(export)
    return (f"{path.name} ({export.get('version', '?')})", snapshots,
            {**export.get("manifests", {}), **manifests})


def _applies(change: RequirementChange, pmo_type: str, tier: int) -> str | None:
    """How a requirement change reads for a project of `pmo_type` and `tier`, or None."""
    old_in = change.old is not None and tier in change.old["tiers"]
    new_in = change.new is not None and tier in change.new["tiers"]
    if change.change == "added":
        return f"new requirement ({change.new['obligation'][pmo_type]})" if new_in and \
            change.new else None
    if change.change == "removed":
        return "removed" if old_in else None
    if change.change == "reworded":
        return "reworded" if old_in or new_in else None
    if change.change == "obligation changed":
        assert change.old is not None and change.new is not None
        before, after = change.old["obligation"][pmo_type], change.new["obligation"][pmo_type]
        return f"obligation {before} -> {after}" if before != after and new_in else None
    if change.change == "tiers changed" and old_in != new_in:
        assert change.new is not None
        return (f"now applies to tier {tier} ({change.new['obligation'][pmo_type]})" if new_in
                else f"no longer applies to tier {tier}")
    return None


def _changed_entry(diff: StandardDiff, since: str, pmo_type: str, tier: int) -> dict[str, Any]:
    requirements = []
    for change in diff.requirements:
        how = _applies(change, pmo_type, tier)
        if how is not None:
            entry = {"requirement": change.requirement_id, "change": how, "text": change.text}
            if change.change == "reworded" and change.old is not None:
                entry["was"] = change.old["text"]
            requirements.append(entry)
    return {"id": diff.standard_id, "kind": diff.kind, "title": diff.title,
            "change": diff.change, "from": since, "to": diff.new_version,
            "history": list(diff.summaries), "requirements": requirements}


def build_report(kit: Mapping[str, Any], old: Mapping[str, Snapshot] | None,
                 new: Mapping[str, Snapshot], against: str, project: str) -> KitReport:
    """Compare the project's standards with `new`; `old` is the kit release's manifest."""
    pmo_type, tier = str(kit["pmo_type"]), int(kit["tier"])
    report = KitReport(project, str(kit["kit_version"]), against, pmo_type, tier)
    followed: Mapping[str, str] = kit["standards"]
    for ident, version in followed.items():
        now = new.get(ident)
        if now is not None and now["version"] == version:
            continue
        before = (old or {}).get(ident)
        if before is None or before["version"] != version:
            before = _stub(now or {}, ident, version)
        diff = diff_standard(ident, before, now)
        if diff is not None:
            report.changed.append(_changed_entry(diff, version, pmo_type, tier))
    for ident, version in kit.get("artefacts", {}).items():
        now = new.get(ident)
        if now is not None and now["version"] != version:
            report.templates.append({"id": ident, "title": now["title"], "from": version,
                                     "to": now["version"], "status": now["status"]})
    for ident, now in new.items():
        if ident in followed or now["status"] == "retired" or (old and ident in old):
            continue
        if now["kind"] == "policy" or (now["kind"] == "artefact" and tier in now.get("tiers", ())):
            report.new.append({"id": ident, "kind": now["kind"], "title": now["title"],
                               "version": now["version"]})
    return report


def _stub(now: Mapping[str, Any], ident: str, version: str) -> Snapshot:
    """A stand-in for a standard whose released snapshot is unknown: same content, old version."""
    return {**now, "version": version, "content_hash": "", "kind": now.get("kind", "policy"),
            "title": now.get("title", ident), "status": now.get("status", "approved"),
            "requirements": now.get("requirements", {}), "sections": now.get("sections", []),
            "history": []}


def format_report(report: KitReport) -> str:
    """The text `pmo kit check` prints."""
    lines = [f"{report.project}: kit {report.kit_version}, {report.pmo_type} PMO, tier "
             f"{report.tier}; compared with {report.against}"]
    if report.up_to_date:
        lines.append("Up to date: nothing changed for this project.")
        return "\n".join(lines)
    if report.changed:
        lines += ["", "Standards you follow that changed:"]
        for c in report.changed:
            lines.append(f"- {c['kind']} {c['id']} ({c['title']}): {c['change']} "
                         f"{c['from']} -> {c['to'] or 'gone'}")
            lines += [f"    {h}" for h in c["history"]]
            for r in c["requirements"]:
                lines.append(f"    {r['requirement']}: {r['change']}: {r['text']}")
                if "was" in r:
                    lines.append(f"      (was: {r['was']})")
            if not c["requirements"] and c["kind"] == "policy":
                lines.append("    no requirement that applies to you changed")
    if report.new:
        lines += ["", "New standards that apply to you:"]
        lines += [f"- {n['kind']} {n['id']} ({n['title']}) {n['version']}" for n in report.new]
    if report.templates:
        lines += ["", "Artefacts with a newer template (download it from the handbook):"]
        lines += [f"- {t['id']} ({t['title']}): {t['from']} -> {t['to']}"
                  + (" (retired)" if t["status"] == "retired" else "")
                  for t in report.templates]
    return "\n".join(lines)


def check_project(project_dir: Path, workspace: Any, *, against: str | None = None,
                  output_format: str = "text") -> int:
    """Print what changed for the project; 0 when up to date, 1 when updates apply."""
    kit = read_kit_file(project_dir)
    label, new, manifests = load_against(workspace, against)
    kit_manifest = manifests.get(str(kit["kit_version"]))
    old = kit_manifest["standards"] if kit_manifest else None
    report = build_report(kit, old, new, label, project_dir.resolve().name)
    if output_format == "json":
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_report(report))
        if old is None:
            print(f"(no release manifest for kit {kit['kit_version']}: requirement changes are "
                  "shown against the versions the project recorded)", file=sys.stderr)
    return 0 if report.up_to_date else 1
