"""A released manifest cannot be rewritten or deleted to hide a change (real CLI, real git).

The attack: change a standard without a version bump, paste its new content hash into
the released manifest and commit both. Before, `pmo validate` and `pmo release 1.1.0`
passed and `pmo diff 1.0.0 1.1.0` said nothing changed. Now each manifest is compared
with its copy in the release tag's commit, and outside git deleting a manifest does not
let a version be released twice.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.errors import PmoError
from generator.model import content_hash
from generator.pipeline.check import check_standards
from generator.pipeline.release import diff_releases, rebuild_bundle
from generator.pipeline.workspace import Workspace
from tests.support.git_repo import commit_all, git, tighten_risk_2, tree_hashes
from tests.support.workspace import MINIMAL, copy_workspace, pmo

MANIFEST = "standards/releases/1.0.0.json"
DIFFERS = (f"{MANIFEST}: differs from the one tagged handbook-1.0.0: released manifests are "
           f"never edited; restore it with `git checkout handbook-1.0.0 -- {MANIFEST}`")


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return pmo("--root", str(root), *args)


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git handbook repository with release 1.0.0 made by `pmo release`."""
    root = copy_workspace(tmp_path_factory.mktemp("records") / "handbook", MINIMAL).root
    commit_all(root)
    result = run(root, "release", "1.0.0")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def repo(released: Path, tmp_path: Path) -> Path:
    """A copy of the released repository for one test to attack."""
    root = tmp_path / "handbook"
    shutil.copytree(released, root, symlinks=True)
    return root


def hide_the_change(root: Path) -> None:
    """Tighten a requirement, paste the standard's new content hash into 1.0.0's manifest."""
    tighten_risk_2(root)
    documents, _ = check_standards(root / "standards")
    [risk] = [d for d in documents if d.kind != "handbook" and d.data["id"] == "risk"]
    path = root / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["standards"]["risk"]["content_hash"] = content_hash(risk.data)
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Tidy the risk policy")


def test_a_rewritten_manifest_is_refused_by_validate_release_and_diff(repo: Path) -> None:
    hide_the_change(repo)
    before = tree_hashes(repo)
    validate = run(repo, "validate")
    assert validate.returncode == 1
    assert validate.stderr.splitlines()[0] == DIFFERS
    release = run(repo, "release", "1.1.0")
    assert release.returncode == 1
    assert DIFFERS in release.stderr.splitlines()
    assert "Nothing was written" in release.stderr
    assert tree_hashes(repo) == before
    diff = run(repo, "diff", "1.0.0", "current")
    assert diff.returncode == 1 and diff.stdout == ""
    assert DIFFERS in diff.stderr.splitlines()


def test_restoring_the_manifest_shows_the_hidden_change(repo: Path) -> None:
    hide_the_change(repo)
    git(repo, "checkout", "handbook-1.0.0", "--", MANIFEST)  # as the error says
    validate = run(repo, "validate")
    assert validate.returncode == 1
    assert re.search(r"^standards/policies/risk\.yaml:\d+:\d+: version: content changed since "
                     r"release 1\.0\.0 \(RISK-2 obligation stricter", validate.stderr, re.M)


def test_a_deleted_manifest_is_refused_and_never_released_again(repo: Path) -> None:
    git(repo, "rm", "-q", MANIFEST)
    git(repo, "commit", "-q", "-m", "Forget 1.0.0")
    validate = run(repo, "validate")
    assert validate.returncode == 1
    assert f"{MANIFEST}: is missing, but handbook-1.0.0 released it" in validate.stderr
    before = tree_hashes(repo)
    again = run(repo, "release", "1.0.0")
    assert again.returncode == 1 and "is missing, but handbook-1.0.0 released it" in again.stderr
    assert tree_hashes(repo) == before


def test_a_manifest_without_its_tag_warns_in_validate_and_stops_a_release(repo: Path) -> None:
    git(repo, "tag", "-d", "handbook-1.0.0")
    validate = run(repo, "validate")
    assert validate.returncode == 0, validate.stderr
    assert (f"{MANIFEST}: has no git tag handbook-1.0.0, so it cannot be checked "
            "against its release: fetch the tags (`git fetch --tags`") in validate.stderr
    data = json.loads(run(repo, "validate", "--format", "json").stdout)
    assert data["valid"] is True
    assert [(w["file"], "no git tag handbook-1.0.0" in w["message"]) for w in data["warnings"]] \
        == [(MANIFEST, True)]
    before = tree_hashes(repo)
    release = run(repo, "release", "1.1.0")
    assert release.returncode == 1
    assert "A release is refused until every earlier manifest can be checked against its tag" \
        in release.stderr
    assert tree_hashes(repo) == before


def test_outside_git_a_deleted_manifest_does_not_allow_a_second_release(tmp_path: Path) -> None:
    root = copy_workspace(tmp_path / "handbook", MINIMAL).root
    assert run(root, "release", "1.0.0").returncode == 0
    (root / MANIFEST).unlink()
    validate = run(root, "validate")
    assert validate.returncode == 1
    assert (f"{MANIFEST}: CHANGELOG.md records release 1.0.0 but its manifest is missing"
            in validate.stderr)
    shutil.rmtree(root / "dist")
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    again = run(root, "release", "1.0.0")
    assert again.returncode == 1, again.stderr
    assert "CHANGELOG.md records release 1.0.0 but its manifest is missing" in again.stderr
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("args", [
    ("diff", "../../x", "current"), ("diff", "1.0.0", "../../x"), ("diff", "1.0.0", "1.1.0\n"),
    ("build", "--release", "../../x"), ("build", "--release", "1.0.0\n"),
    ("release", "1.1.0\n"), ("release", "../1.1.0"),
])
def test_a_version_argument_must_be_a_full_version(released: Path, args: tuple[str, ...]) -> None:
    """`../../x` named standards/releases/../../x.json: a file outside the releases folder."""
    (released / "x.json").write_text((released / MANIFEST).read_text())
    try:
        result = run(released, *args)
    finally:
        (released / "x.json").unlink()
    assert result.returncode == 2, result
    [bad] = [a for a in args if a.startswith("..") or a.endswith("\n")]
    assert f"{bad!r} is not a version: write MAJOR.MINOR.PATCH, e.g. 1.2.0" in result.stderr
    assert result.stdout == ""


def test_the_library_refuses_a_path_as_a_version(released: Path) -> None:
    workspace = Workspace(released)
    with pytest.raises(PmoError, match="'../../x' is not a version"):
        diff_releases(workspace, "../../x", "current")
    with pytest.raises(PmoError, match="'../../x' is not a version"):
        rebuild_bundle(workspace, "../../x")
