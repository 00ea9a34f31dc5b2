"""Hostile input files, through the real `pmo`: no hang, no traceback, a clear error.

The standards tree, its release manifests, a project's .pmo-kit.json and a handbook
export are edited by many hands. Each attack below once hung `pmo validate` or ended in
a traceback; now each finishes within a timeout with exit 1 and a message naming the
file and what is wrong.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline.check import load_handbook
from generator.pipeline.workspace import Workspace
from generator.release.manifest import dump_json, export_handbook
from tests.support.releases import write_release
from tests.support.workspace import MINIMAL, copy_workspace, pmo

HANG = 60  # seconds: far above what any of these takes, far below a hang
ROLE = "standards/roles/x.yaml"


def refused(*args: str, cwd: Path | None = None) -> str:
    """stderr of a `pmo` run that must end at once with exit 1 and no traceback."""
    result = pmo(*args, cwd=cwd, timeout=HANG)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.fixture()
def workspace(tmp_path: Path) -> Workspace:
    workspace = copy_workspace(tmp_path / "hb", MINIMAL)
    write_release(workspace, "1.0.0")
    return workspace


def test_an_alias_bomb_is_refused_in_a_second(workspace: Workspace) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    (workspace.root / ROLE).write_text("\n".join(lines) + "\n")
    started = time.monotonic()
    stderr = refused("--root", str(workspace.root), "validate")
    assert time.monotonic() - started < 15  # the interpreter's start included
    assert (f"{ROLE}:2:10: a1[0]: YAML aliases (*name) are not allowed; write the value out"
            in stderr.splitlines())
    assert stderr.splitlines()[-1].startswith("81 problems in 1 file")


@pytest.mark.parametrize(("make", "what"), [
    (lambda p: os.mkfifo(p), "a named pipe"),
    (lambda p: p.symlink_to("/dev/zero"), "a symbolic link"),
    (lambda p: p.mkdir(), "a folder"),
    (lambda p: p.symlink_to(p.parent.parent / "policies"), "a symbolic link"),
    (lambda p: p.symlink_to(p.parent / "gone.yaml"), "a symbolic link"),
    (lambda p: p.symlink_to(p.parent / "sponsor.yaml"), "a symbolic link"),
], ids=["fifo", "link-to-dev-zero", "folder", "link-to-folder", "dangling-link",
        "link-to-a-standard"])
def test_an_entry_that_is_not_a_regular_file_is_reported_not_opened(
    make: Any, what: str, workspace: Workspace
) -> None:
    make(workspace.root / ROLE)
    reported = f"{ROLE}: not a regular file ({what}): only ordinary files are read here; "
    assert refused("--root", str(workspace.root), "validate").startswith(reported)
    assert reported in refused("--root", str(workspace.root), "build", "--only", "word")


def test_a_fifo_in_place_of_a_release_manifest_does_not_hang(workspace: Workspace) -> None:
    os.mkfifo(workspace.standards / "releases" / "1.1.0.json")
    stderr = refused("--root", str(workspace.root), "validate")
    assert stderr.startswith("standards/releases/1.1.0.json: not a regular file (a named pipe)")


def _edit_manifest(workspace: Workspace, change: Any) -> None:
    path = workspace.standards / "releases" / "1.0.0.json"
    path.write_text(json.dumps(change(json.loads(path.read_text()))))


def _drop_content_hash(manifest: dict[str, Any]) -> dict[str, Any]:
    del manifest["standards"]["risk"]["content_hash"]
    return manifest


MISSING_HASH = "standards/releases/1.0.0.json: standards.risk.content_hash: required field is " \
    "missing"


@pytest.mark.parametrize("command", [["validate"], ["build", "--only", "word"],
                                     ["diff", "1.0.0", "current"]], ids=" ".join)
def test_a_manifest_entry_missing_a_key_is_named_by_every_command(
    command: list[str], workspace: Workspace
) -> None:
    _edit_manifest(workspace, _drop_content_hash)
    stderr = refused("--root", str(workspace.root), *command)
    assert MISSING_HASH in stderr
    assert "restore the file from git: released manifests are never edited" in stderr
    assert not (workspace.root / "dist").exists()


def test_a_manifest_that_is_a_list_is_named(workspace: Workspace) -> None:
    _edit_manifest(workspace, lambda m: [m])
    stderr = refused("--root", str(workspace.root), "diff", "1.0.0", "current")
    assert stderr.startswith("pmo: error: standards/releases/1.0.0.json: expected an object, "
                             "found a list\nNot a valid release manifest: ")


@pytest.mark.parametrize("args", [
    ["diff", "../../x", "current"], ["diff", "1.0.0", "../x"], ["build", "--release", "../../x"],
    ["diff", "1.0.0\n", "current"], ["release", "1.1.0\n"],
], ids=repr)
def test_a_version_that_is_not_x_y_z_never_becomes_a_path(args: list[str],
                                                          workspace: Workspace) -> None:
    """The command line refuses it as wrong usage (exit 2) before any path is built; the
    library refuses it too (tests/unit/source/test_json_input.py)."""
    (workspace.root.parent / "x.json").write_text(json.dumps({"format": 1}))
    result = pmo("--root", str(workspace.root), *args, timeout=HANG)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    bad = next(a for a in args[1:] if a not in ("--release", "current", "1.0.0"))
    assert f"{bad!r} is not a version: write MAJOR.MINOR.PATCH, e.g. 1.2.0" in result.stderr
    assert not list((workspace.standards / "releases").glob("*\n*"))
    assert not (workspace.root / "dist").exists()


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    project = tmp_path / "apollo"
    project.mkdir()
    return project


@pytest.mark.parametrize(("record", "expected"), [
    ([], "expected an object, found a list"),
    ({"kit_version": 1, "pmo_type": "controlling", "tier": "2", "standards": {}},
     "kit_version: expected a string, found a number"),
    ({"kit_version": "1.0.0", "pmo_type": "controlling", "tier": 2},
     "standards: required field is missing"),
    ({"kit_version": "1.0.0", "pmo_type": "controlling", "tier": 2, "standards": ["risk"]},
     "standards: expected an object, found a list"),
], ids=["a-list", "wrong-types", "missing-key", "standards-a-list"])
def test_a_malformed_kit_file_is_named(record: Any, expected: str, project: Path,
                                       workspace: Workspace) -> None:
    (project / ".pmo-kit.json").write_text(json.dumps(record))
    stderr = refused("--root", str(workspace.root), "kit", "check", str(project))
    assert stderr.startswith(f"pmo: error: {project / '.pmo-kit.json'}: {expected}")
    assert "Not a valid .pmo-kit.json: restore the file the kit wrote" in stderr


def _export(workspace: Workspace) -> dict[str, Any]:
    export: dict[str, Any] = json.loads(dump_json(export_handbook(load_handbook(
        workspace.standards))))
    return export


@pytest.mark.parametrize(("change", "expected"), [
    (lambda e: [e], ": expected an object, found a list"),
    (lambda e: {k: v for k, v in e.items() if k != "standards"},
     ": standards: required field is missing"),
    (lambda e: {**e, "standards": [{**s, "history": "1.0.0"} for s in e["standards"]]},
     ": standards[0].history: expected a list, found a string"),
    (lambda e: {**e, "manifests": {"1.0.0": {"format": 1, "version": "1.0.0", "standards": []}}},
     ": manifests.1.0.0.date: required field is missing"),
], ids=["a-list", "missing-key", "wrong-type", "bad-manifest-inside"])
def test_a_malformed_handbook_export_is_named(change: Any, expected: str, project: Path,
                                              workspace: Workspace, tmp_path: Path) -> None:
    (project / ".pmo-kit.json").write_text(json.dumps(
        {"kit_version": "1.0.0", "pmo_type": "controlling", "tier": 2,
         "standards": {"risk": "1.0.0"}}))
    export = tmp_path / "handbook.json"
    export.write_text(json.dumps(change(_export(workspace))))
    stderr = refused("--root", str(tmp_path / "nowhere"), "kit", "check", str(project),
                     "--against", str(export))
    assert stderr.startswith(f"pmo: error: {export}: ")
    assert f"{export}{expected}" in stderr.splitlines()[0]
    assert "Not a valid handbook export: use the handbook.json of a release bundle" in stderr
