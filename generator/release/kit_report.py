"""What changed for a project since the kit it was made from (the report of `pmo kit check`).

A project's `.pmo-kit.json` says its kit version, PMO type, tier and the version of
every standard it follows. Compared with the standards as they are now, each change is
read as it applies to that project's PMO type and tier.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.release.diff import RequirementChange, StandardDiff, diff_standard
from generator.release.manifest import Snapshot


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


def in_force(snapshot: Mapping[str, Any]) -> bool:
    """An approved standard binds; a draft does not yet, a retired one no longer does."""
    return snapshot.get("status") == "approved"


def binds(requirement: Mapping[str, Any] | None, tier: int) -> bool:
    """A requirement binds a project of `tier`: it covers the tier and is a project's duty
    (not the PMO's or the board's across the portfolio)."""
    return (requirement is not None and tier in requirement["tiers"]
            and requirement.get("scope", "project") == "project")


def applying(snapshot: Mapping[str, Any], pmo_type: str, tier: int) -> list[dict[str, str]]:
    """The requirements of a standard in force that bind a project of `pmo_type` and `tier`,
    each with its obligation word: the model's rule (`model.applicability.duties`), read
    from a manifest entry."""
    if not in_force(snapshot):
        return []
    return [{"requirement": rid, "obligation": r["obligation"][pmo_type], "text": r["text"]}
            for rid, r in snapshot.get("requirements", {}).items() if binds(r, tier)]


def _applies(change: RequirementChange, pmo_type: str, tier: int) -> str | None:
    """How a requirement change reads for a project of `pmo_type` and `tier`, or None."""
    old_in = binds(change.old, tier)
    new_in = binds(change.new, tier)
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


def _changed_entry(diff: StandardDiff, since: str, pmo_type: str, tier: int,
                   now: Mapping[str, Any] | None) -> dict[str, Any]:
    requirements = []
    for change in diff.requirements if now is None or in_force(now) else ():
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
            report.changed.append(_changed_entry(diff, version, pmo_type, tier, now))
    for ident, version in kit.get("artefacts", {}).items():
        now = new.get(ident)
        if now is not None and now["version"] != version:
            report.templates.append({"id": ident, "title": now["title"], "from": version,
                                     "to": now["version"], "status": now["status"]})
    for ident, now in new.items():
        if ident in followed or not in_force(now) or (old and ident in old):
            continue
        requirements = applying(now, pmo_type, tier)
        if requirements or (now["kind"] == "artefact" and tier in now.get("tiers", ())):
            report.new.append({"id": ident, "kind": now["kind"], "title": now["title"],
                               "version": now["version"], "requirements": requirements})
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
        for n in report.new:
            lines.append(f"- {n['kind']} {n['id']} ({n['title']}) {n['version']}")
            lines += [f"    {r['requirement']} ({r['obligation']}): {r['text']}"
                      for r in n["requirements"]]
    if report.templates:
        lines += ["", "Artefacts with a newer template (download it from the handbook):"]
        lines += [f"- {t['id']} ({t['title']}): {t['from']} -> {t['to']}"
                  + (" (retired)" if t["status"] == "retired" else "")
                  for t in report.templates]
    return "\n".join(lines)
