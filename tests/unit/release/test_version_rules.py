"""Version rules of `pmo validate`: content changed since the last release needs a fitting bump."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline.check import check_standards
from generator.pipeline.workspace import Workspace
from tests.support.releases import RISK, bump, edit, write_release
from tests.support.workspace import MINIMAL, copy_workspace

STRICTER = ("      controlling: should\n", "      controlling: must\n")


@pytest.fixture()
def released(tmp_path: Path) -> Workspace:
    workspace = copy_workspace(tmp_path / "hb", MINIMAL)
    write_release(workspace, "1.0.0")
    return workspace


def problems(workspace: Workspace) -> list[str]:
    return [str(p) for p in check_standards(workspace.standards)[1]]


def test_unchanged_standards_pass(released: Workspace) -> None:
    assert problems(released) == []


def test_no_release_no_version_rules(tmp_path: Path) -> None:
    workspace = copy_workspace(tmp_path / "hb", MINIMAL)
    edit(workspace, RISK, *STRICTER)
    assert problems(workspace) == []


def test_change_without_bump_is_a_located_error(released: Workspace) -> None:
    edit(released, RISK, *STRICTER)
    found = problems(released)
    assert len(found) == 1
    line = (released.root / RISK).read_text().splitlines().index("version: 1.0.0") + 1
    assert found[0].startswith(f"standards/policies/risk.yaml:{line}:10: version: content changed "
                               "since release 1.0.0")
    assert "RISK-2 obligation stricter: controlling should -> must" in found[0]
    assert "set version to 1.1.0" in found[0]


def test_patch_bump_for_a_stricter_must_is_refused(released: Workspace) -> None:
    edit(released, RISK, *STRICTER)
    bump(released, RISK, "1.0.0", "1.0.1", "patch")
    found = problems(released)
    assert any(": version: RISK-2 obligation stricter" in p and "at least a minor" in p
               for p in found), found
    assert any("history[0].change: says patch" in p for p in found), found


def test_minor_bump_with_history_passes(released: Workspace) -> None:
    edit(released, RISK, *STRICTER)
    bump(released, RISK, "1.0.0", "1.1.0", "minor")
    assert problems(released) == []


def test_history_change_must_match_the_step(released: Workspace) -> None:
    edit(released, RISK, *STRICTER)
    bump(released, RISK, "1.0.0", "1.1.0", "major")
    found = problems(released)
    assert len(found) == 1 and "says major, but 1.0.0 -> 1.1.0 is a minor step" in found[0]


def test_new_history_entry_needs_a_change_field(released: Workspace) -> None:
    edit(released, RISK, *STRICTER)
    bump(released, RISK, "1.0.0", "1.1.0", None)
    found = problems(released)
    assert len(found) == 1 and "needs a change field" in found[0]
    assert found[0].startswith("standards/policies/risk.yaml:")


def test_rewording_is_a_patch(released: Workspace) -> None:
    edit(released, RISK, "every fortnight", "every two weeks")
    assert "RISK-1 reworded" in problems(released)[0]
    bump(released, RISK, "1.0.0", "1.0.1", "patch")
    assert problems(released) == []


@pytest.mark.parametrize(("old", "new", "why"), [
    ("  - id: RISK-2\n", "  - id: RISK-3\n", "RISK-2 removed"),
    ("status: approved", "status: retired", "the standard was retired"),
])
def test_removal_needs_minor(released: Workspace, old: str, new: str, why: str) -> None:
    edit(released, RISK, old, new)
    bump(released, RISK, "1.0.0", "1.0.1", "patch")
    assert any(why in p and "at least a minor" in p for p in problems(released))


def test_removed_section_needs_minor(released: Workspace) -> None:
    path = Path("standards/artefacts/raid-log.yaml")
    text = (released.root / path).read_text()
    first = text.index("  - title:")
    second = text.index("  - title:", first + 1)
    (released.root / path).write_text(text[:first] + text[second:])
    bump(released, path, "1.0.0", "1.0.1", "patch")
    assert any("section" in p and "was removed" in p and "at least a minor" in p
               for p in problems(released)), problems(released)


def test_deleted_unreferenced_standard_is_an_error(released: Workspace) -> None:
    (released.root / "standards/faq/faq.yaml").unlink()
    found = problems(released)
    assert found == ["standards/faq/faq.yaml: faq 'faq' was released in 1.0.0 but its file is "
                     "gone; restore it and set status: retired (released standards stay)"]


def test_new_standard_needs_no_bump(released: Workspace) -> None:
    source = released.root / "standards/roles/sponsor.yaml"
    text = source.read_text().replace("id: sponsor", "id: coach")
    (released.root / "standards/roles/coach.yaml").write_text(text)
    assert problems(released) == []
