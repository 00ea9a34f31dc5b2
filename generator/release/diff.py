"""What changed between two sets of standard snapshots (two releases, or a release and now).

Standard by standard and requirement by requirement: added, removed, reworded,
obligation changed, tiers changed; artefact sections added or removed. Each change
knows whether it is breaking (a new or stricter must, something removed) and the
smallest version bump it needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.model import KINDS, OBLIGATION_RANK, PMO_TYPES
from generator.release.manifest import Snapshot
from generator.shared.semver import level_rank, parse_semver


@dataclass(frozen=True, slots=True)
class RequirementChange:
    """One aspect of one requirement that changed."""

    requirement_id: str
    change: str  # added, removed, reworded, obligation changed, tiers changed
    text: str  # the requirement text (the new one, or the old one when removed)
    old: Mapping[str, Any] | None
    new: Mapping[str, Any] | None
    detail: str
    breaking: bool
    level: str

    def obligation_steps(self) -> list[tuple[str, str, str]]:
        """(PMO type, old word, new word) for each PMO type whose obligation changed."""
        if self.old is None or self.new is None:
            return []
        return [(t, self.old["obligation"][t], self.new["obligation"][t]) for t in PMO_TYPES
                if self.old["obligation"][t] != self.new["obligation"][t]]

    def as_dict(self) -> dict[str, Any]:
        return {"requirement": self.requirement_id, "change": self.change, "text": self.text,
                "detail": self.detail, "breaking": self.breaking,
                "old": dict(self.old) if self.old else None,
                "new": dict(self.new) if self.new else None}


@dataclass(frozen=True, slots=True)
class StandardDiff:
    """What changed in one standard."""

    standard_id: str
    kind: str
    title: str
    change: str  # added, removed, changed, retired
    old_version: str | None
    new_version: str | None
    requirements: tuple[RequirementChange, ...]
    sections_added: tuple[str, ...]
    sections_removed: tuple[str, ...]
    summaries: tuple[str, ...]

    @property
    def breaking(self) -> bool:
        return (self.change in ("removed", "retired") or bool(self.sections_removed)
                or any(r.breaking for r in self.requirements))

    def required_level(self) -> tuple[str, list[str]]:
        """The smallest bump this change needs, and why."""
        reasons: list[tuple[str, str]] = []
        if self.change == "retired":
            reasons.append(("minor", "the standard was retired"))
        reasons += [(r.level, f"{r.requirement_id} {r.detail}") for r in self.requirements]
        reasons += [("minor", f"section {t!r} was removed") for t in self.sections_removed]
        reasons += [("minor", f"section {t!r} was added") for t in self.sections_added]
        if not reasons:
            return "patch", ["the content changed"]
        level = max((lvl for lvl, _ in reasons), key=level_rank)
        return level, [why for lvl, why in reasons if lvl == level]

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.standard_id, "kind": self.kind, "title": self.title,
                "change": self.change, "old_version": self.old_version,
                "new_version": self.new_version, "breaking": self.breaking,
                "requirements": [r.as_dict() for r in self.requirements],
                "sections_added": list(self.sections_added),
                "sections_removed": list(self.sections_removed),
                "summaries": list(self.summaries)}


def _must_anywhere(requirement: Mapping[str, Any]) -> bool:
    return "must" in requirement["obligation"].values()


def diff_requirement(rid: str, old: Mapping[str, Any] | None,
                     new: Mapping[str, Any] | None) -> list[RequirementChange]:
    """The changes of one requirement (an empty list when it is unchanged)."""
    if old is None and new is not None:
        words = "/".join(new["obligation"][t] for t in PMO_TYPES)
        must = _must_anywhere(new)
        return [RequirementChange(rid, "added", new["text"], None, new,
                                  f"added ({words} under {'/'.join(PMO_TYPES)})"
                                  + (": a new must-requirement" if must else ""), must, "minor")]
    if new is None and old is not None:
        return [RequirementChange(rid, "removed", old["text"], old, None, "removed", True,
                                  "minor")]
    assert old is not None and new is not None
    changes: list[RequirementChange] = []
    if old["text"] != new["text"]:
        changes.append(RequirementChange(rid, "reworded", new["text"], old, new, "reworded",
                                         False, "patch"))
    steps = [(t, old["obligation"][t], new["obligation"][t]) for t in PMO_TYPES
             if old["obligation"][t] != new["obligation"][t]]
    if steps:
        stricter = any(OBLIGATION_RANK[b] > OBLIGATION_RANK[a] for _, a, b in steps)
        detail = ", ".join(f"{t} {a} -> {b}" for t, a, b in steps)
        changes.append(RequirementChange(rid, "obligation changed", new["text"], old, new,
                                         f"obligation {'stricter' if stricter else 'relaxed'}: "
                                         f"{detail}", stricter, "minor"))
    added = sorted(set(new["tiers"]) - set(old["tiers"]))
    removed = sorted(set(old["tiers"]) - set(new["tiers"]))
    if added or removed:
        parts = ([f"now also tier {', '.join(map(str, added))}"] if added else []) + (
            [f"no longer tier {', '.join(map(str, removed))}"] if removed else [])
        changes.append(RequirementChange(rid, "tiers changed", new["text"], old, new,
                                         "tiers changed: " + "; ".join(parts),
                                         bool(added) and _must_anywhere(new), "minor"))
    return changes


def _summaries(new: Snapshot, since: str | None) -> tuple[str, ...]:
    floor = parse_semver(since) if since else (-1, -1, -1)
    return tuple(f"{h['version']}: {h['summary']}" for h in new["history"]
                 if parse_semver(h["version"]) > floor)


def diff_standard(standard_id: str, old: Snapshot | None,
                  new: Snapshot | None) -> StandardDiff | None:
    """What changed in one standard between two snapshots; None when nothing did."""
    if old is not None and new is not None and old["content_hash"] == new["content_hash"] \
            and old["version"] == new["version"]:
        return None
    base = new if new is not None else old
    assert base is not None
    if old is None:
        change = "added"
    elif new is None:
        change = "removed"
    elif new["status"] == "retired" and old["status"] != "retired":
        change = "retired"
    else:
        change = "changed"
    old_reqs = old["requirements"] if old else {}
    new_reqs = new["requirements"] if new else {}
    requirements: list[RequirementChange] = []
    if old is not None and new is not None:
        for rid in [*old_reqs, *(r for r in new_reqs if r not in old_reqs)]:
            requirements += diff_requirement(rid, old_reqs.get(rid), new_reqs.get(rid))
    old_sections = old["sections"] if old else []
    new_sections = new["sections"] if new else []
    return StandardDiff(
        standard_id=standard_id, kind=base["kind"], title=base["title"], change=change,
        old_version=old["version"] if old else None, new_version=new["version"] if new else None,
        requirements=tuple(requirements),
        sections_added=tuple(t for t in new_sections if t not in old_sections) if old else (),
        sections_removed=tuple(t for t in old_sections if t not in new_sections) if new else (),
        summaries=_summaries(new, old["version"] if old else None) if new else (),
    )


def diff_snapshots(old: Mapping[str, Snapshot], new: Mapping[str, Snapshot]) -> list[StandardDiff]:
    """Every standard that changed, in handbook order (kind, then id)."""
    ids = sorted(set(old) | set(new), key=lambda i: (
        KINDS.order((new.get(i) or old[i])["kind"]), i))
    return [d for i in ids if (d := diff_standard(i, old.get(i), new.get(i))) is not None]


def format_diff(old_label: str, new_label: str, diffs: list[StandardDiff]) -> str:
    """The text `pmo diff` prints."""
    lines = [f"Changes from {old_label} to {new_label}: "
             f"{len(diffs)} standard{'s' if len(diffs) != 1 else ''} changed"]
    for d in diffs:
        versions = (f"{d.old_version} -> {d.new_version}" if d.old_version and d.new_version
                    else d.new_version or d.old_version)
        lines.append("")
        lines.append(f"{d.kind} {d.standard_id} ({d.title}): {d.change} {versions}"
                     + ("  [breaking]" if d.breaking else ""))
        for summary in d.summaries if d.change != "added" else ():
            lines.append(f"  history {summary}")
        for r in d.requirements:
            lines.append(f"  {r.requirement_id}: {r.detail}")
            if r.change == "reworded" and r.old is not None:
                lines.append(f"    was: {r.old['text']}")
                lines.append(f"    now: {r.text}")
            elif r.change in ("added", "removed"):
                lines.append(f"    {r.text}")
        for title in d.sections_added:
            lines.append(f"  section added: {title}")
        for title in d.sections_removed:
            lines.append(f"  section removed: {title}")
    return "\n".join(lines)
