"""The changes a redline is written from: two models compared, one record per requirement."""

from __future__ import annotations

import dataclasses
from datetime import date

from generator.model import Handbook, HistoryEntry, Obligation, Policy
from generator.model.changes import redline_name, review_pack_name
from generator.release.changes import change_set

DAY = date(2026, 3, 1)


def changed(handbook: Handbook, *standards) -> Handbook:
    by_id = dict(handbook.by_id)
    by_id.update((s.id, s) for s in standards)
    order = {s.id: i for i, s in enumerate(handbook.standards)}
    ordered = sorted(by_id.values(), key=lambda s: order.get(s.id, len(order)))
    return dataclasses.replace(handbook, standards=tuple(ordered), by_id=by_id)


def bumped(policy: Policy, **fields) -> Policy:
    history = (HistoryEntry(version="1.1.0", date=DAY, summary="Tightened.", change="minor"),
               HistoryEntry(version="1.0.1", date=DAY, summary="Typo.", change="patch"),
               *policy.history)
    return dataclasses.replace(policy, version="1.1.0", history=history,
                               content_hash="changed", **fields)


def changes_of(old: Handbook, new: Handbook):
    return change_set(old, new, old_label="1.0.0", new_label="1.1.0", day=DAY,
                      author="Example Ltd PMO")


def test_nothing_changed_gives_no_standards(minimal_handbook: Handbook) -> None:
    assert changes_of(minimal_handbook, minimal_handbook).standards == ()


def test_looser_obligation_and_changed_tiers(minimal_handbook: Handbook) -> None:
    risk = minimal_handbook.get("risk")
    assert isinstance(risk, Policy)
    first, second = risk.requirements
    looser = dataclasses.replace(first, obligation=Obligation(
        supportive="should", controlling="should", directive="must"))
    wider = dataclasses.replace(second, tiers=(1, 2))
    new = changed(minimal_handbook, bumped(risk, requirements=(looser, wider)))
    [standard] = changes_of(minimal_handbook, new).standards
    assert standard.standard_id == "risk" and standard.change == "changed"
    assert standard.old is risk and standard.old_version == "1.0.0"
    assert standard.reasons == ("Tightened.", "Typo.")  # every version since the old one
    looser_change, tiers_change = standard.requirements
    assert looser_change.kinds == ("obligation looser",)
    assert looser_change.pmo_types == ("controlling",)
    assert looser_change.tiers == first.tiers and not looser_change.breaking
    assert looser_change.old is first and looser_change.new is looser
    assert tiers_change.kinds == ("tiers changed",) and tiers_change.tiers == (1,)
    assert tiers_change.breaking  # a must now applies to one more tier
    assert standard.requirement("RISK-2") is tiers_change
    assert standard.requirement("RISK-9") is None


def test_one_record_for_several_changes_of_one_requirement(minimal_handbook: Handbook) -> None:
    risk = minimal_handbook.get("risk")
    assert isinstance(risk, Policy)
    first, second = risk.requirements
    both = dataclasses.replace(second, text="Escalate at once.", obligation=Obligation(
        supportive="may", controlling="must", directive="must"))
    new = changed(minimal_handbook, bumped(risk, requirements=(first, both)))
    [standard] = changes_of(minimal_handbook, new).standards
    [change] = standard.requirements
    assert change.kinds == ("reworded", "obligation stricter")
    assert change.summary == "reworded, obligation stricter"
    assert change.breaking


def test_a_new_policy_is_added_without_an_old_version(minimal_handbook: Handbook) -> None:
    risk = minimal_handbook.get("risk")
    copy = dataclasses.replace(risk, id="risk-copy", title="Risk copy")
    [standard] = changes_of(minimal_handbook, changed(minimal_handbook, copy)).standards
    assert standard.change == "added" and standard.old is None
    assert standard.requirements == ()  # the whole document is new
    assert standard.reasons == ("First issue.",)


def test_only_policies_and_artefacts_get_redlines(minimal_handbook: Handbook) -> None:
    role = minimal_handbook.get("sponsor")
    new = changed(minimal_handbook, dataclasses.replace(role, summary="Other.",
                                                        content_hash="changed"))
    assert changes_of(minimal_handbook, new).standards == ()


def test_file_names() -> None:
    assert redline_name("risk", "1.0.0", "current") == "risk-1.0.0-to-current.docx"
    assert review_pack_name("1.1.0") == "release-1.1.0-review.docx"
