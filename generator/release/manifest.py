"""Release manifests and the handbook export.

A manifest (`standards/releases/X.Y.Z.json`) records, for one release, every
standard's version, content hash and what diffs and kit checks need: its
requirements with their obligations and tiers, its section titles and history.
It is written once, when the release is made, and never rewritten. Reading one goes
through generator.source.releases: a version that is not X.Y.Z never becomes a path, and
a manifest that is not a regular file or does not pass its schema is a PmoError naming
the file and the field.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from generator.errors import PmoError
from generator.model import Handbook, Standard
from generator.shared.regular_files import is_present
from generator.shared.semver import is_semver
from generator.source.json_input import input_error, read_json_input
from generator.source.json_schemas import EXPORT_FORMAT as EXPORT_FORMAT
from generator.source.json_schemas import MANIFEST_FORMAT as MANIFEST_FORMAT
from generator.source.json_schemas import json_validator
from generator.source.releases import RESTORE, list_releases, read_manifest_file
from generator.source.releases import manifests_dir as manifests_dir

Snapshot = dict[str, Any]
Manifest = dict[str, Any]


def check_release_version(version: str, releases_dir: Path) -> str:
    """`version` when it is X.Y.Z; a PmoError naming the releases otherwise (it is never used
    in a path before this check)."""
    if not is_semver(version):
        known = ", ".join(list_releases(releases_dir)) or "none yet"
        raise PmoError(f"{version!r} is not a release version: write MAJOR.MINOR.PATCH, "
                       f"e.g. 1.2.0 (releases: {known})")
    return version


def read_manifest(releases_dir: Path, version: str) -> Manifest:
    """The manifest of release `version`; PmoError if it is missing or not a valid manifest."""
    check_release_version(version, releases_dir)
    if releases_dir.is_symlink():
        raise PmoError(f"{releases_dir} is a symbolic link: release manifests are read only from "
                       "the folder itself; put the files there")
    path = releases_dir / f"{version}.json"
    if not is_present(path):
        known = ", ".join(list_releases(releases_dir)) or "none yet"
        raise PmoError(f"no release {version} in {releases_dir} (releases: {known})")
    data, problems = read_manifest_file(releases_dir, version)
    if data is None:
        raise input_error(problems, f"Not a valid release manifest: {RESTORE}.")
    return data


def read_export(path: Path) -> dict[str, Any]:
    """A handbook.json export (a file named on the command line: a link to it is followed);
    PmoError naming the file and the field unless it passes the export schema."""
    data, problems = read_json_input(path, str(path), json_validator("export"), follow_links=True)
    if data is None:
        raise input_error(problems, "Not a valid handbook export: use the handbook.json of a "
                          "release bundle (dist/releases/X.Y.Z/handbook.json), unedited.")
    export: dict[str, Any] = data
    return export


def dump_json(data: Any) -> str:
    """Stable JSON text: sorted keys, two-space indent, final newline."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def export_standard(standard: Standard) -> dict[str, Any]:
    """Every field of a standard as JSON-safe data (dates as YYYY-MM-DD)."""
    data: dict[str, Any] = _jsonable(dataclasses.asdict(standard))
    return data


def export_handbook(handbook: Handbook) -> dict[str, Any]:
    """The machine-readable export written as handbook.json in a release bundle."""
    return {
        "format": EXPORT_FORMAT,
        "version": handbook.settings.version,
        "settings": _jsonable(dataclasses.asdict(handbook.settings)),
        "standards": [export_standard(s) for s in handbook.standards],
        "releases": _jsonable([dataclasses.asdict(r) for r in handbook.releases]),
    }


def snapshot_standard(export: Mapping[str, Any]) -> Snapshot:
    """The manifest entry of one exported standard."""
    snapshot: Snapshot = {
        "version": export["version"],
        "content_hash": export["content_hash"],
        "kind": export["kind"],
        "title": export["title"],
        "status": export["status"],
        "source": export["source"],
        "requirements": {
            r["id"]: _requirement(r["text"], dict(r["obligation"]), r["tiers"],
                                  r.get("scope", "project"))
            for r in export.get("requirements", ())
        },
        "sections": [s["title"] for s in export.get("sections", ())],
        "history": [{"version": h["version"], "date": h["date"], "summary": h["summary"],
                     "change": h.get("change")} for h in export["history"]],
    }
    if export["kind"] == "artefact":
        snapshot["tiers"] = list(export["tiers"])
    return snapshot


def _requirement(text: str, obligation: dict[str, str], tiers: Iterable[int],
                 scope: str) -> dict[str, Any]:
    """A requirement's manifest entry; "scope" is written only for a duty of the PMO or board
    (a project's duty, the default, keeps the entry of manifests written before scopes)."""
    entry: dict[str, Any] = {"text": text, "obligation": obligation, "tiers": list(tiers)}
    if scope != "project":
        entry["scope"] = scope
    return entry


def snapshot_model_standard(standard: Standard) -> Snapshot:
    """The manifest entry of one standard of the model (as `snapshot_standard` of its export,
    without exporting every field first)."""
    snapshot: Snapshot = {
        "version": standard.version, "content_hash": standard.content_hash,
        "kind": standard.kind, "title": standard.title, "status": standard.status,
        "source": standard.source,
        "requirements": {
            r.id: _requirement(r.text, {"supportive": r.obligation.supportive,
                                        "controlling": r.obligation.controlling,
                                        "directive": r.obligation.directive}, r.tiers, r.scope)
            for r in getattr(standard, "requirements", ())
        },
        "sections": [s.title for s in getattr(standard, "sections", ())],
        "history": [{"version": h.version, "date": h.date.isoformat(), "summary": h.summary,
                     "change": h.change} for h in standard.history],
    }
    if standard.kind == "artefact":
        snapshot["tiers"] = list(getattr(standard, "tiers", ()))
    return snapshot


def snapshot_handbook(handbook: Handbook) -> dict[str, Snapshot]:
    """Manifest entries of every standard in the model, by id."""
    return {s.id: snapshot_model_standard(s) for s in handbook.standards}


def snapshot_export(export: Mapping[str, Any]) -> dict[str, Snapshot]:
    """Manifest entries of every standard in a handbook.json export."""
    if export.get("format") != EXPORT_FORMAT:
        raise PmoError(f"not a handbook export (format {export.get('format')!r}, expected "
                       f"{EXPORT_FORMAT!r}); use the handbook.json of a release bundle")
    return {s["id"]: snapshot_standard(s) for s in export["standards"]}


def build_manifest(handbook: Handbook, version: str, released_on: date) -> Manifest:
    """The manifest of a release of `handbook` as `version` on `released_on`."""
    return {
        "format": MANIFEST_FORMAT,
        "version": version,
        "date": released_on.isoformat(),
        "standards": snapshot_handbook(handbook),
    }
