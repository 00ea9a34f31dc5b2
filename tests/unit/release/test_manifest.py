"""Release manifests, the handbook export and the refusals of `pmo release`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from generator.errors import PmoError, ReleaseError, StandardsError
from generator.model import Handbook
from generator.pipeline.release import release_handbook
from generator.pipeline.workspace import Workspace
from generator.release.manifest import (
    build_manifest,
    export_handbook,
    list_releases,
    snapshot_export,
    snapshot_handbook,
)
from generator.shared.semver import parse_semver
from tests.support.releases import RISK, edit, write_release
from tests.support.workspace import MINIMAL, copy_workspace


def test_manifest_holds_what_a_diff_needs(minimal_handbook: Handbook) -> None:
    manifest = build_manifest(minimal_handbook, "1.0.0", date(2026, 1, 10))
    assert (manifest["version"], manifest["date"]) == ("1.0.0", "2026-01-10")
    risk = manifest["standards"]["risk"]
    policy = minimal_handbook.get("risk")
    assert risk["version"] == policy.version and risk["content_hash"] == policy.content_hash
    assert risk["requirements"]["RISK-2"] == {
        "text": "Escalate a risk scoring 15 or more to the sponsor within two days.",
        "obligation": {"supportive": "may", "controlling": "should", "directive": "must"},
        "tiers": [2]}
    assert risk["requirements"]["RISK-1"]["tiers"] == [1, 2]  # no tiers: every tier
    raid = manifest["standards"]["raid-log"]
    assert raid["sections"] == [s.title for s in minimal_handbook.get("raid-log").sections]
    assert set(manifest["standards"]) == {s.id for s in minimal_handbook.standards}


def test_export_round_trips_to_the_same_snapshots(minimal_handbook: Handbook) -> None:
    export = json.loads(json.dumps(export_handbook(minimal_handbook)))
    assert snapshot_export(export) == snapshot_handbook(minimal_handbook)
    with pytest.raises(PmoError, match="not a handbook export"):
        snapshot_export({"standards": []})


def test_releases_sort_by_version(tmp_path: Path) -> None:
    for version in ("1.10.0", "1.2.0", "1.9.1", "notes"):
        (tmp_path / f"{version}.json").write_text("{}")
    assert list_releases(tmp_path) == ["1.2.0", "1.9.1", "1.10.0"]
    with pytest.raises(PmoError):
        parse_semver("1.0")


@pytest.fixture()
def released(tmp_path: Path) -> Workspace:
    workspace = copy_workspace(tmp_path / "hb", MINIMAL)
    write_release(workspace, "1.1.0")
    return workspace


@pytest.mark.parametrize(("version", "message"), [
    ("1.1.0", "release 1.1.0 already exists"),
    ("1.0.5", "1.0.5 is not above the last release 1.1.0"),
    ("v1.2", "is not a version"),
])
def test_refused_versions(released: Workspace, version: str, message: str) -> None:
    with pytest.raises(ReleaseError, match=message):
        release_handbook(released, version, progress=lambda _m: None)


def test_refused_when_invalid(released: Workspace) -> None:
    edit(released, RISK, "every fortnight", "every week")
    before = sorted(p for p in released.root.rglob("*"))
    with pytest.raises(StandardsError, match="risk.yaml:4:10: version: content changed"):
        release_handbook(released, "1.2.0", progress=lambda _m: None)
    assert sorted(p for p in released.root.rglob("*")) == before
