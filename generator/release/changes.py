"""The changes a redline is written from: two models compared at model level.

Which standards changed and how each requirement changed is `pmo diff`'s own diff
(generator.release.diff, on the manifest snapshots of both models), so the redlines,
`pmo diff` and the version rules never disagree; each change is then given the old
and new requirement of the model and grouped per requirement.
"""

from __future__ import annotations

from datetime import date

from generator.model import OBLIGATION_RANK, PMO_TYPES, Handbook, Policy, Requirement, Standard
from generator.model.changes import (
    REDLINED_KINDS,
    REQUIREMENT_CHANGES,
    ChangeSet,
    RequirementChange,
    StandardChanges,
)
from generator.release import diff
from generator.release.manifest import snapshot_model_standard
from generator.shared.semver import parse_semver


def change_set(old: Handbook, new: Handbook, *, old_label: str, new_label: str, day: date,
               author: str) -> ChangeSet:
    """Every policy and artefact that changed from `old` to `new`, in handbook order."""
    changed = []
    for standard in new.standards:
        if standard.kind not in REDLINED_KINDS:
            continue
        before = old.by_id.get(standard.id)
        found = diff.diff_standard(
            standard.id, snapshot_model_standard(before) if before is not None else None,
            snapshot_model_standard(standard))
        if found is not None:
            changed.append(standard_changes(found, before, standard))
    return ChangeSet(old_label=old_label, new_label=new_label, date=day, author=author,
                     old=old, new=new, standards=tuple(changed))


def standard_changes(found: diff.StandardDiff, old: Standard | None,
                     new: Standard) -> StandardChanges:
    """The model records of one standard's diff."""
    old_requirements = _requirements(old)
    new_requirements = _requirements(new)
    grouped: dict[str, list[diff.RequirementChange]] = {}
    for change in found.requirements:
        grouped.setdefault(change.requirement_id, []).append(change)
    requirements = tuple(
        requirement_change(rid, changes, old_requirements.get(rid), new_requirements.get(rid))
        for rid, changes in grouped.items())
    return StandardChanges(
        standard_id=new.id, kind=new.kind, title=new.title, change=found.change, old=old,
        new=new, requirements=requirements, sections_added=found.sections_added,
        sections_removed=found.sections_removed, reasons=_reasons(old, new),
        breaking=found.breaking)


def requirement_change(rid: str, changes: list[diff.RequirementChange], old: Requirement | None,
                       new: Requirement | None) -> RequirementChange:
    """One requirement's changes (one per aspect in the diff) as one record."""
    current = new or old
    assert current is not None
    kinds: list[str] = []
    tiers: set[int] = set()
    types: set[str] = set()
    for change in changes:
        kinds.append(_kind(change))
        if change.change == "obligation changed":
            types.update(t for t, _, _ in change.obligation_steps())
            tiers.update(current.tiers)
        elif change.change == "tiers changed" and old is not None and new is not None:
            tiers.update(set(old.tiers) ^ set(new.tiers))
            types.update(PMO_TYPES)
        else:  # added, removed or reworded: every tier and PMO type it applies to
            tiers.update(t for r in (old, new) if r is not None for t in r.tiers)
            types.update(PMO_TYPES)
    return RequirementChange(
        requirement_id=rid, kinds=tuple(sorted(kinds, key=REQUIREMENT_CHANGES.index)),
        old=old, new=new, details=tuple(c.detail for c in changes),
        breaking=any(c.breaking for c in changes), tiers=tuple(sorted(tiers)),
        pmo_types=tuple(t for t in PMO_TYPES if t in types))


def _kind(change: diff.RequirementChange) -> str:
    if change.change == "obligation changed":
        steps = change.obligation_steps()
        stricter = any(OBLIGATION_RANK[b] > OBLIGATION_RANK[a] for _, a, b in steps)
        return "obligation stricter" if stricter else "obligation looser"
    return change.change


def _requirements(standard: Standard | None) -> dict[str, Requirement]:
    if not isinstance(standard, Policy):
        return {}
    return {r.id: r for r in standard.requirements}


def _reasons(old: Standard | None, new: Standard) -> tuple[str, ...]:
    """The summaries of the history entries newer than the old version (the newest one for a
    new standard), newest first."""
    if old is None:
        return tuple(h.summary for h in new.history[:1])
    floor = parse_semver(old.version)
    return tuple(h.summary for h in new.history if parse_semver(h.version) > floor)
