"""Release manifests, handbook exports and .pmo-kit.json files are read through their schemas."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator.commands.kit_check import read_kit_file
from generator.errors import PmoError
from generator.model import Handbook
from generator.model.applicability import artefacts_for
from generator.release.manifest import (
    build_manifest,
    dump_json,
    export_handbook,
    read_export,
    read_manifest,
)
from generator.source.json_input import read_json_input
from generator.source.json_schemas import json_validator
from generator.source.releases import check_manifests


@pytest.fixture()
def manifest(minimal_handbook: Handbook) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(dump_json(build_manifest(minimal_handbook, "1.0.0",
                                                               date(2026, 1, 10))))
    return data


@pytest.fixture()
def export(minimal_handbook: Handbook, manifest: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(dump_json(export_handbook(minimal_handbook)))
    data["manifests"] = {"1.0.0": manifest}
    return data


@pytest.fixture()
def kit_record(minimal_handbook: Handbook) -> dict[str, Any]:
    artefacts = {a.id: a.version for a in artefacts_for(minimal_handbook, 2)}
    return {"kit_version": "1.0.0", "handbook_version": "1.0.0", "organisation": "Example Ltd",
            "pmo_type": "controlling", "tier": 2,
            "standards": {p.id: p.version for p in minimal_handbook.policies} | artefacts,
            "artefacts": artefacts, "answers": {"project_name": "Apollo\u0001"},
            "generated_on": "2026-01-12"}


def write(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def releases(tmp_path: Path, data: Any, version: str = "1.0.0") -> Path:
    write(tmp_path / "standards" / "releases" / f"{version}.json", data)
    return tmp_path / "standards" / "releases"


def test_what_pmo_writes_passes_its_schema(tmp_path: Path, manifest: dict[str, Any],
                                           export: dict[str, Any],
                                           kit_record: dict[str, Any]) -> None:
    assert read_manifest(releases(tmp_path, manifest), "1.0.0") == manifest
    assert read_export(write(tmp_path / "handbook.json", export)) == export
    write(tmp_path / "project" / ".pmo-kit.json", kit_record)
    assert read_kit_file(tmp_path / "project") == kit_record  # answers are not checked


def _without(data: dict[str, Any], *path: Any) -> dict[str, Any]:
    copy = json.loads(json.dumps(data))
    node = copy
    for part in path[:-1]:
        node = node[part]
    del node[path[-1]]
    return copy


def _with(data: dict[str, Any], value: Any, *path: Any) -> dict[str, Any]:
    copy = json.loads(json.dumps(data))
    node = copy
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return copy


MANIFEST_CASES = {
    "a-list": (lambda m: [], ": expected an object, found a list"),
    "entry-missing-a-key": (lambda m: _without(m, "standards", "risk", "content_hash"),
                            ": standards.risk.content_hash: required field is missing"),
    "standards-a-list": (lambda m: _with(m, [], "standards"),
                         ": standards: expected an object, found a list"),
    "requirement-tiers-a-string": (
        lambda m: _with(m, "2", "standards", "risk", "requirements", "RISK-2", "tiers"),
        ": standards.risk.requirements.RISK-2.tiers: expected a list, found a string"),
    "unknown-obligation-word": (
        lambda m: _with(m, "shall", "standards", "risk", "requirements", "RISK-2", "obligation",
                        "directive"),
        ": standards.risk.requirements.RISK-2.obligation.directive: 'shall' is not one of "
        "'may', 'should', 'must'"),
    "unknown-kind": (lambda m: _with(m, "memo", "standards", "risk", "kind"),
                     ": standards.risk.kind: 'memo' is not one of"),
    "version-with-a-newline": (lambda m: _with(m, "1.0.0\n", "standards", "risk", "version"),
                               ": standards.risk.version: '1.0.0\\n' is not a semantic version"),
    "id-key-with-a-newline": (
        lambda m: _with(m, m["standards"]["risk"], "standards", "risk\n"),
        ": standards: key 'risk\\n' is not an id"),
    "not-a-real-date": (lambda m: _with(m, "2026-02-30", "date"),
                        ": date: '2026-02-30' is not a date YYYY-MM-DD"),
    "another-release": (lambda m: _with(m, "1.0.1", "version"),
                        ": version: '1.0.1' is not the release this file is named for (1.0.0)"),
    "a-control-character": (lambda m: _with(m, "Risk\u001b[2J", "standards", "risk", "title"),
                            ": standards.risk.title: contains the character U+001B"),
    "syntax": (lambda m: '{"format": 1,\n  "standards": }', ":2:16: not valid JSON"),
    "deeply-nested": (lambda m: "[" * 100_000, ": not valid JSON: nested too deeply"),
    "huge-number": (lambda m: "1" * 10_000, ": not valid JSON: Exceeds the limit"),
}


@pytest.mark.parametrize("case", MANIFEST_CASES, ids=str)
def test_a_malformed_manifest_is_a_located_problem_and_a_clear_error(
    case: str, tmp_path: Path, manifest: dict[str, Any]
) -> None:
    change, expected = MANIFEST_CASES[case]
    releases_dir = releases(tmp_path, change(manifest))
    problems = check_manifests(tmp_path / "standards")
    assert problems and all(p.file == "standards/releases/1.0.0.json" for p in problems)
    assert expected in str(problems[0])
    assert problems[0].message.endswith("restore the file from git: released manifests are "
                                        "never edited")
    with pytest.raises(PmoError) as caught:
        read_manifest(releases_dir, "1.0.0")
    assert str(caught.value).startswith("standards/releases/1.0.0.json")
    assert expected in str(caught.value)
    assert str(caught.value).endswith("Not a valid release manifest: restore the file from git: "
                                      "released manifests are never edited.")


@pytest.mark.parametrize("version", ["../../x", "1.0.0\n", "/etc/passwd", "1.0", ""])
def test_a_release_version_is_checked_before_it_becomes_a_path(version: str,
                                                               tmp_path: Path) -> None:
    with pytest.raises(PmoError, match=r"is not a release version: write MAJOR.MINOR.PATCH"):
        read_manifest(tmp_path, version)


def test_a_manifest_that_is_not_a_regular_file_is_refused_without_blocking(
    tmp_path: Path, manifest: dict[str, Any]
) -> None:
    releases_dir = tmp_path / "standards" / "releases"
    releases_dir.mkdir(parents=True)
    os.mkfifo(releases_dir / "1.0.0.json")
    (releases_dir / "1.1.0.json").symlink_to("/dev/zero")
    problems = check_manifests(tmp_path / "standards")
    assert [(p.file, p.message.split(":")[0]) for p in problems] == [
        ("standards/releases/1.0.0.json", "not a regular file (a named pipe)"),
        ("standards/releases/1.1.0.json", "not a regular file (a symbolic link)")]


EXPORT_CASES = {
    "a-list": (lambda e: [], ": expected an object, found a list"),
    "another-format": (lambda e: _with(e, "other/2", "format"),
                       ": format: expected 'pmo-handbook-export/1', found 'other/2'"),
    "standard-missing-history": (lambda e: _without(e, "standards", 0, "history"),
                                 ": standards[0].history: required field is missing"),
    "requirements-an-object": (lambda e: _with(e, {}, "standards", 0, "requirements"),
                               ": standards[0].requirements: expected a list, found an object"),
    "artefact-without-tiers": (
        lambda e: _without(e, "standards", next(i for i, s in enumerate(e["standards"])
                                                if s["kind"] == "artefact"), "tiers"),
        ".tiers: required field is missing"),
    "manifest-entry-missing-a-key": (
        lambda e: _without(e, "manifests", "1.0.0", "standards", "risk", "history"),
        ": manifests.1.0.0.standards.risk.history: required field is missing"),
}


@pytest.mark.parametrize("case", EXPORT_CASES, ids=str)
def test_a_malformed_export_is_a_clear_error(case: str, tmp_path: Path,
                                             export: dict[str, Any]) -> None:
    change, expected = EXPORT_CASES[case]
    path = write(tmp_path / "handbook.json", change(export))
    with pytest.raises(PmoError) as caught:
        read_export(path)
    assert str(caught.value).startswith(str(path))
    assert expected in str(caught.value)
    assert "use the handbook.json of a release bundle" in str(caught.value)


def test_an_export_named_through_a_link_is_read(tmp_path: Path, export: dict[str, Any]) -> None:
    link = tmp_path / "latest.json"
    link.symlink_to(write(tmp_path / "handbook.json", export))
    assert read_export(link) == export


KIT_CASES = {
    "a-list": (lambda k: [], ": expected an object, found a list"),
    "missing-keys": (lambda k: {"kit_version": "1.0.0"},
                     ": pmo_type: required field is missing\n"),
    "wrong-types": (lambda k: _with(_with(k, "2", "tier"), 1, "kit_version"),
                    ": kit_version: expected a string, found a number\n"),
    "standards-a-list": (lambda k: _with(k, ["risk"], "standards"),
                         ": standards: expected an object, found a list"),
    "unknown-pmo-type": (lambda k: _with(k, "strict", "pmo_type"),
                         ": pmo_type: 'strict' is not one of"),
    "version-not-semver": (lambda k: _with(k, "latest", "standards", "risk"),
                           ": standards.risk: 'latest' is not a semantic version"),
}


@pytest.mark.parametrize("case", KIT_CASES, ids=str)
def test_a_malformed_kit_file_is_a_clear_error(case: str, tmp_path: Path,
                                               kit_record: dict[str, Any]) -> None:
    change, expected = KIT_CASES[case]
    path = write(tmp_path / ".pmo-kit.json", change(kit_record))
    with pytest.raises(PmoError) as caught:
        read_kit_file(tmp_path)
    assert str(caught.value).startswith(str(path))
    assert expected in str(caught.value)
    assert str(caught.value).endswith("restore the file the kit wrote from the project's "
                                      "history.")


def test_a_bom_is_accepted_and_invalid_utf8_refused(tmp_path: Path,
                                                    kit_record: dict[str, Any]) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(kit_record).encode())
    assert read_json_input(path, "x.json", json_validator("kit_record"),
                           check_text=False)[0] == kit_record
    path.write_bytes(b'{"a": "\xff"}')
    data, problems = read_json_input(path, "x.json", json_validator("kit_record"))
    assert data is None and [str(p) for p in problems] == [
        "x.json: not UTF-8 text (byte 0xff at offset 7)"]


def test_the_shipped_handbooks_manifest_and_export_pass_their_schemas(handbook: Handbook) -> None:
    manifest = json.loads(dump_json(build_manifest(handbook, "1.0.0", date(2026, 1, 10))))
    export = json.loads(dump_json(export_handbook(handbook)))
    export["manifests"] = {"1.0.0": manifest}
    assert list(json_validator("manifest").iter_errors(manifest)) == []
    assert list(json_validator("export").iter_errors(export)) == []


def test_a_kit_file_that_is_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / ".pmo-kit.json")
    with pytest.raises(PmoError, match=r"\.pmo-kit\.json: not a regular file \(a named pipe\)"):
        read_kit_file(tmp_path)
