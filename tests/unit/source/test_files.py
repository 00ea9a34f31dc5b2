"""The files of a standards tree: what is read, and what is reported instead."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.errors import PmoError
from generator.release.manifest import read_manifest
from generator.source.files import find_standards
from tests.support.workspace import MINIMAL


@pytest.fixture()
def standards(tmp_path: Path) -> Path:
    shutil.copytree(MINIMAL, tmp_path / "standards")
    return tmp_path / "standards"


def test_a_kind_folder_that_is_a_link_is_reported_not_followed(standards: Path,
                                                               tmp_path: Path) -> None:
    shutil.move(standards / "roles", tmp_path / "elsewhere")
    (standards / "roles").symlink_to(tmp_path / "elsewhere")
    files, problems = find_standards(standards)
    assert not [f for f in files if f[1] == "role"]
    assert [str(p) for p in problems] == [
        "standards/roles: a symbolic link, not a folder of the tree: put the files themselves "
        "here"]


def test_a_releases_folder_that_is_a_link_is_reported_not_followed(standards: Path,
                                                                   tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "1.0.0.json").write_text("[]")
    (standards / "releases").symlink_to(tmp_path / "elsewhere")
    _, problems = find_standards(standards)
    assert [str(p) for p in problems] == [
        "standards/releases: a symbolic link, not a folder of the tree: put the files "
        "themselves here"]
    with pytest.raises(PmoError, match="is a symbolic link: release manifests are read only"):
        read_manifest(standards / "releases", "1.0.0")


def test_a_dangling_link_in_place_of_handbook_yaml_is_not_called_missing(standards: Path) -> None:
    (standards / "handbook.yaml").unlink()
    (standards / "handbook.yaml").symlink_to(standards / "gone.yaml")
    files, problems = find_standards(standards)
    assert problems == [] and files[0][2] == "standards/handbook.yaml"
