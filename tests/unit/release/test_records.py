"""Release records: a manifest must be as released, in git (its tag) and outside (CHANGELOG)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from generator.errors import ReleaseError
from generator.pipeline.check import check_standards
from generator.pipeline.release import _refuse_version
from generator.pipeline.workspace import Workspace
from generator.release.records import changelog_versions, read_records
from tests.support.releases import write_release
from tests.support.workspace import MINIMAL, copy_workspace

IDENTITY = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@localhost",
            "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@localhost"}
MANIFEST = "standards/releases/1.0.0.json"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True,
                          env={**os.environ, **IDENTITY}).stdout


def problems(workspace: Workspace) -> list[str]:
    return [str(p) for p in check_standards(workspace.standards)[1]]


@pytest.fixture
def tagged(tmp_path: Path) -> Workspace:
    """A git handbook with release 1.0.0 committed and tagged."""
    workspace = copy_workspace(tmp_path / "hb", MINIMAL)
    write_release(workspace, "1.0.0")
    git(workspace.root, "init", "-q")
    git(workspace.root, "add", "-A")
    git(workspace.root, "commit", "-q", "-m", "Release 1.0.0")
    git(workspace.root, "tag", "handbook-1.0.0")
    return workspace


def rewrite(workspace: Workspace, **changes: str) -> None:
    path = workspace.root / MANIFEST
    data = json.loads(path.read_text())
    data["standards"]["risk"].update(changes)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


def test_a_manifest_as_tagged_passes(tagged: Workspace) -> None:
    records = read_records(tagged.standards)
    assert (records.manifests, records.tagged, records.problems) == (("1.0.0",), ("1.0.0",), ())
    assert problems(tagged) == []


def test_a_rewritten_manifest_is_refused_committed_or_not(tagged: Workspace) -> None:
    rewrite(tagged, content_hash="0" * 64)
    expected = [f"{MANIFEST}: differs from the one tagged handbook-1.0.0: released manifests are "
                f"never edited; restore it with `git checkout handbook-1.0.0 -- {MANIFEST}`"]
    assert problems(tagged) == expected
    git(tagged.root, "commit", "-q", "-am", "Hide a change")
    assert problems(tagged) == expected
    git(tagged.root, "checkout", "handbook-1.0.0", "--", MANIFEST)
    assert problems(tagged) == []


def test_a_byte_changed_manifest_is_refused(tagged: Workspace) -> None:
    path = tagged.root / MANIFEST
    path.write_bytes(path.read_bytes() + b"\n")
    assert problems(tagged)[0].startswith(f"{MANIFEST}: differs from the one tagged")


def test_a_deleted_manifest_is_refused(tagged: Workspace) -> None:
    (tagged.root / MANIFEST).unlink()
    assert problems(tagged) == [
        f"{MANIFEST}: is missing, but handbook-1.0.0 released it: released manifests are never "
        "deleted (the version rules compare with them); restore it with `git checkout "
        f"handbook-1.0.0 -- {MANIFEST}`"]


def test_a_manifest_without_its_tag_is_a_warning(tagged: Workspace) -> None:
    git(tagged.root, "tag", "-d", "handbook-1.0.0")
    records = read_records(tagged.standards)
    assert records.problems == () and records.untagged == ("1.0.0",)
    [problem] = records.warnings()
    warning = str(problem)
    assert warning.startswith(f"{MANIFEST}: has no git tag handbook-1.0.0, so it cannot be checked")
    assert "git fetch --tags" in warning
    assert problems(tagged) == []


def test_a_tag_on_a_commit_without_the_manifest_is_refused(tagged: Workspace) -> None:
    released = json.loads((tagged.root / MANIFEST).read_text("utf-8"))
    (tagged.root / "standards/releases/1.1.0.json").write_text(
        json.dumps({**released, "version": "1.1.0"}))  # well-formed, but made by hand
    git(tagged.root, "add", "-A")
    git(tagged.root, "commit", "-q", "-m", "hand-made")
    git(tagged.root, "tag", "handbook-1.1.0", "HEAD~1")
    assert problems(tagged) == [
        "standards/releases/1.1.0.json: is not in the commit tagged handbook-1.1.0: the tag must "
        "mark the release commit that wrote it; find that commit with `git log --diff-filter=A "
        "-- standards/releases/1.1.0.json` and ask whoever keeps the release tags"]


def test_outside_git_a_release_in_the_changelog_needs_its_manifest(tmp_path: Path) -> None:
    workspace = copy_workspace(tmp_path / "hb", MINIMAL)
    write_release(workspace, "1.0.0")
    (workspace.root / "CHANGELOG.md").write_text("# Changelog\n\n## 1.0.0 (2026-01-10)\n\n"
                                                 "- x\n")
    assert read_records(workspace.standards).tagged is None
    assert problems(workspace) == []
    (workspace.root / MANIFEST).unlink()
    assert problems(workspace) == [
        f"{MANIFEST}: CHANGELOG.md records release 1.0.0 but its manifest is missing: released "
        "manifests are never deleted (the version rules compare with them); restore it from "
        "your backup or version control"]


def test_changelog_versions_reads_release_headings_only() -> None:
    text = ("# Changelog\n\n## 1.1.0 (2026-02-01)\n\n### Changed\n\n## 1.0.0 (2026-01-10)\n"
            "## Notes (x)\n## 01.0.0 (2026-01-01)\n")
    assert changelog_versions(text) == ["1.1.0", "1.0.0"]


def _refused(workspace: Workspace, version: str, current: str) -> str:
    with pytest.raises(ReleaseError) as raised:
        _refuse_version(workspace, version, read_records(workspace.standards), current)
    return str(raised.value)


def test_release_is_refused_for_any_recorded_version(tmp_path: Path) -> None:
    workspace = copy_workspace(tmp_path / "hb", MINIMAL)
    write_release(workspace, "1.0.0")
    write_release(workspace, "1.1.0")
    (workspace.root / "CHANGELOG.md").write_text("## 1.1.0 (2026-02-01)\n\n## 1.0.0 (2026-01-10)\n")
    assert "release 1.1.0 already exists" in _refused(workspace, "1.1.0", "1.1.0")
    # Deleting the manifest: CHANGELOG.md still records the release.
    (workspace.standards / "releases/1.1.0.json").unlink()
    message = _refused(workspace, "1.1.0", "1.1.0")
    assert message.startswith("release 1.1.0 was made already (recorded by CHANGELOG.md) but ")
    assert "1.1.0.json is missing; restore it, then release a higher version" in message
    assert "1.0.5 is not above the last release 1.1.0 (recorded by CHANGELOG.md" in \
        _refused(workspace, "1.0.5", "1.1.0")
    # Deleting its changelog section too: handbook.yaml's version, set by the release, remains.
    (workspace.root / "CHANGELOG.md").write_text("## 1.0.0 (2026-01-10)\n")
    message = _refused(workspace, "1.1.0", "1.1.0")
    assert "recorded by handbook.yaml's version, which `pmo release` sets" in message
    assert "if you set handbook.yaml's version to 1.1.0 by hand, set it back" in message
    # A bundle in dist/releases/ records a release too.
    (workspace.dist / "releases/1.1.0").mkdir(parents=True)
    assert "recorded by its bundle in dist/releases/" in _refused(workspace, "1.1.0", "1.0.0")
    # A higher version is released as usual.
    _refuse_version(workspace, "1.2.0", read_records(workspace.standards), "1.1.0")


def test_the_first_release_may_have_the_handbook_version(tmp_path: Path) -> None:
    workspace = copy_workspace(tmp_path / "hb", MINIMAL)
    _refuse_version(workspace, "1.0.0", read_records(workspace.standards), "1.0.0")
