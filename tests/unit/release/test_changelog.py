"""Release notes from manifests and the CHANGELOG.md section."""

from __future__ import annotations

import copy
from datetime import date

from generator.model import Handbook
from generator.pipeline.check import load_handbook
from generator.pipeline.release import release_environment, set_handbook_version
from generator.release.changelog import prepend_changelog, release_note, render_changelog_section
from generator.release.manifest import build_manifest
from tests.support.workspace import MINIMAL


def two_releases(handbook: Handbook) -> tuple[dict, dict]:
    first = build_manifest(handbook, "1.0.0", date(2026, 1, 10))
    second = copy.deepcopy(first)
    second.update(version="1.1.0", date="2026-02-01")
    risk = second["standards"]["risk"]
    risk.update(version="1.1.0", content_hash="new")
    risk["requirements"]["RISK-2"]["obligation"]["controlling"] = "must"
    risk["history"].insert(0, {"version": "1.1.0", "date": "2026-02-01",
                               "summary": "Escalation is a must.", "change": "minor"})
    faq = second["standards"]["faq"]
    faq.update(version="1.0.1", content_hash="new2")
    faq["history"].insert(0, {"version": "1.0.1", "date": "2026-02-01",
                              "summary": "Typo.", "change": "patch"})
    return first, second


def test_first_release_adds_everything(minimal_handbook: Handbook) -> None:
    note = release_note(None, build_manifest(minimal_handbook, "1.0.0", date(2026, 1, 10)))
    assert {c.standard_id for c in note.changes} == {s.id for s in minimal_handbook.standards}
    assert {c.change for c in note.changes} == {"added"}


def test_note_lists_exactly_the_changes(minimal_handbook: Handbook) -> None:
    note = release_note(*two_releases(minimal_handbook))
    assert [(c.standard_id, c.change, c.old_version, c.new_version, c.summaries, c.breaking)
            for c in note.changes] == [
        ("risk", "changed", "1.0.0", "1.1.0", ("Escalation is a must.",), True),
        ("faq", "changed", "1.0.0", "1.0.1", ("Typo.",), False),
    ]
    assert note.version == "1.1.0" and note.date == date(2026, 2, 1)


def test_changelog_section(minimal_handbook: Handbook) -> None:
    note = release_note(*two_releases(minimal_handbook))
    section = render_changelog_section(release_environment(), note)
    lines = [line for line in section.splitlines() if line]
    assert lines == [
        "## 1.1.0 (2026-02-01)",
        "**Breaking changes** (new or stricter requirements, or something removed): "
        "Risk management (`risk`).",
        "### Changed",
        "#### Policies",
        "- **Breaking:** **Risk management** (`risk`) 1.0.0 → 1.1.0: Escalation is a must.",
        "#### FAQ",
        "- **FAQ** (`faq`) 1.0.0 → 1.0.1: Typo.",
    ], section
    assert "\n\n\n" not in section


def test_prepend_keeps_earlier_sections() -> None:
    first = prepend_changelog(None, "## 1.0.0 (2026-01-10)\n\nFirst.\n")
    both = prepend_changelog(first, "## 1.1.0 (2026-02-01)\n\nSecond.\n")
    assert both.startswith("# Changelog\n")
    assert both.index("## 1.1.0") < both.index("## 1.0.0")
    assert both.count("First.") == 1 and both.endswith("First.\n")


def test_release_notes_are_attached_to_the_model(tmp_path) -> None:
    from tests.support.releases import write_release
    from tests.support.workspace import copy_workspace

    workspace = copy_workspace(tmp_path / "hb", MINIMAL)
    write_release(workspace, "1.0.0")
    releases = load_handbook(workspace.standards).releases
    assert [r.version for r in releases] == ["1.0.0"]


def test_set_handbook_version_touches_one_line() -> None:
    text = (MINIMAL / "handbook.yaml").read_text()
    updated = set_handbook_version(text, "2.3.4")
    assert updated.replace("version: 2.3.4", "version: 1.0.0") == text
