"""The release manifests of a standards tree: where they are, which there are, reading one.

`pmo release` writes `standards/releases/X.Y.Z.json` once; validate, build, diff and kit
check read them back. A manifest is read only through `read_manifest_file`: a regular
file that passes the manifest schema (generator.source.json_schemas) and is the release
its name says, so no reader meets a missing key or a wrong type. `pmo validate` checks
every manifest (the build's release notes read them all).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.errors import Problem
from generator.shared.semver import is_semver, parse_semver
from generator.source.json_input import read_json_input
from generator.source.json_schemas import json_validator

RESTORE = "restore the file from git: released manifests are never edited"


def manifests_dir(standards_dir: Path) -> Path:
    return standards_dir / "releases"


def list_releases(releases_dir: Path) -> list[str]:
    """Released versions (manifest file names), oldest first."""
    if not releases_dir.is_dir():
        return []
    versions = [p.stem for p in releases_dir.glob("*.json") if is_semver(p.stem)]
    return sorted(versions, key=parse_semver)


def manifest_display(releases_dir: Path, version: str) -> str:
    """A manifest as messages name it: `standards/releases/1.0.0.json`."""
    return f"{releases_dir.parent.name}/{releases_dir.name}/{version}.json"


def read_manifest_file(releases_dir: Path, version: str) -> tuple[dict[str, Any] | None,
                                                                  list[Problem]]:
    """The manifest of release `version` (a version already checked with is_semver), or None
    and its problems."""
    display = manifest_display(releases_dir, version)
    data, problems = read_json_input(releases_dir / f"{version}.json", display,
                                     json_validator("manifest"))
    if data is not None and data["version"] != version:
        message = f"{data['version']!r} is not the release this file is named for ({version})"
        return None, [Problem(display, 0, 0, "version", message)]
    return data, problems


def check_manifests(standards_dir: Path) -> list[Problem]:
    """The problems of every release manifest under `standards_dir`, each saying what to do."""
    releases_dir = manifests_dir(standards_dir)
    problems = []
    for version in list_releases(releases_dir):
        for problem in read_manifest_file(releases_dir, version)[1]:
            problems.append(Problem(problem.file, problem.line, problem.column, problem.field,
                                    f"{problem.message}; {RESTORE}"))
    return problems
