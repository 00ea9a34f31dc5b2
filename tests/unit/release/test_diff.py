"""`generator.diff`: standard and requirement changes between two snapshots."""

from __future__ import annotations

import copy

import pytest

from generator.model import Handbook
from generator.release.diff import diff_snapshots, diff_standard, format_diff
from generator.release.manifest import snapshot_handbook
from generator.shared.semver import bump_level, next_version


@pytest.fixture()
def old(minimal_handbook: Handbook) -> dict:
    return snapshot_handbook(minimal_handbook)


def changed(snapshots: dict, ident: str, version: str = "1.1.0") -> dict:
    new = copy.deepcopy(snapshots)
    new[ident]["version"] = version
    new[ident]["content_hash"] = "changed"
    return new


@pytest.mark.parametrize(("old", "new", "level"), [
    ("1.0.0", "1.0.1", "patch"), ("1.0.9", "1.1.0", "minor"), ("1.4.2", "2.0.0", "major"),
    ("1.0.0", "1.0.0", None), ("1.1.0", "1.0.5", None),
])
def test_bump_level(old: str, new: str, level: str | None) -> None:
    assert bump_level(old, new) == level


def test_next_version() -> None:
    assert [next_version("1.2.3", lvl) for lvl in ("patch", "minor", "major")] == \
        ["1.2.4", "1.3.0", "2.0.0"]


def test_nothing_changed(old: dict) -> None:
    assert diff_snapshots(old, copy.deepcopy(old)) == []


def test_obligation_rewording_and_new_requirement(old: dict) -> None:
    new = changed(old, "risk")
    reqs = new["risk"]["requirements"]
    reqs["RISK-2"]["obligation"]["controlling"] = "must"
    reqs["RISK-1"]["text"] = "Keep a RAID log and review it weekly."
    reqs["RISK-9"] = {"text": "Name a risk owner.", "tiers": [1, 2],
                      "obligation": {"supportive": "may", "controlling": "should",
                                     "directive": "should"}}
    [diff] = diff_snapshots(old, new)
    assert (diff.standard_id, diff.change, diff.old_version, diff.new_version) == \
        ("risk", "changed", "1.0.0", "1.1.0")
    got = {(r.requirement_id, r.change): r for r in diff.requirements}
    assert set(got) == {("RISK-1", "reworded"), ("RISK-2", "obligation changed"),
                        ("RISK-9", "added")}
    assert got["RISK-2", "obligation changed"].obligation_steps() == [
        ("controlling", "should", "must")]
    assert got["RISK-2", "obligation changed"].breaking
    assert not got["RISK-9", "added"].breaking  # no must anywhere
    assert not got["RISK-1", "reworded"].breaking
    assert diff.breaking
    assert diff.required_level()[0] == "minor"


def test_relaxed_obligation_is_not_breaking(old: dict) -> None:
    new = changed(old, "risk")
    new["risk"]["requirements"]["RISK-1"]["obligation"]["controlling"] = "should"
    [diff] = diff_snapshots(old, new)
    assert not diff.breaking and "relaxed" in diff.requirements[0].detail


def test_tiers_widened_for_a_must_is_breaking(old: dict) -> None:
    new = changed(old, "risk")
    new["risk"]["requirements"]["RISK-2"]["tiers"] = [1, 2]
    [diff] = diff_snapshots(old, new)
    assert diff.requirements[0].change == "tiers changed"
    assert diff.requirements[0].breaking  # RISK-2 is a must under directive
    assert "now also tier 1" in diff.requirements[0].detail


def test_added_removed_and_retired_standards(old: dict) -> None:
    new = copy.deepcopy(old)
    del new["sponsor"]
    new["coach"] = {**old["pmo-lead"], "title": "Coach"}
    new["faq"]["status"] = "retired"
    new["faq"]["content_hash"] = "x"
    new["faq"]["version"] = "1.1.0"
    changes = {d.standard_id: d.change for d in diff_snapshots(old, new)}
    assert changes == {"coach": "added", "sponsor": "removed", "faq": "retired"}


def test_sections(old: dict) -> None:
    new = changed(old, "raid-log")
    removed = new["raid-log"]["sections"].pop(0)
    new["raid-log"]["sections"].append("Lessons")
    diff = diff_standard("raid-log", old["raid-log"], new["raid-log"])
    assert diff is not None
    assert diff.sections_removed == (removed,) and diff.sections_added == ("Lessons",)
    assert diff.breaking


def test_format_diff_lists_each_change(old: dict) -> None:
    new = changed(old, "risk")
    new["risk"]["requirements"]["RISK-2"]["obligation"]["controlling"] = "must"
    text = format_diff("1.0.0", "1.1.0", diff_snapshots(old, new))
    assert text.splitlines() == [
        "Changes from 1.0.0 to 1.1.0: 1 standard changed", "",
        "policy risk (Risk management): changed 1.0.0 -> 1.1.0  [breaking]",
        "  RISK-2: obligation stricter: controlling should -> must",
    ]
