"""Version rules, checked by `pmo validate` against the last release's manifest.

A standard whose content changed since the last release needs a higher version and
a history entry for it; the bump must fit the change (a new or stricter
must-requirement, or anything removed, is at least minor) and the history entry's
`change` field says which kind of change it is, without understating it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from generator.errors import PmoError, Problem
from generator.model import build_model, content_hash
from generator.release.diff import diff_standard
from generator.release.manifest import Snapshot, list_releases, read_manifest, snapshot_handbook
from generator.release.manifest import manifests_dir as releases_of
from generator.release.records import read_records
from generator.shared.semver import bump_level, level_rank, next_version, parse_semver
from generator.source.loader import Document, PathItem, field_name


def check_versions(documents: Sequence[Document], standards_dir: Path) -> list[Problem]:
    """Problems of schema-valid `documents` against the newest manifest under standards_dir.

    The manifests are first checked against their records (generator.release.records): a
    rewritten or deleted one is reported instead, never compared with.
    """
    records = read_records(standards_dir)
    if records.problems:
        return list(records.problems)
    releases_dir = releases_of(standards_dir)
    releases = list_releases(releases_dir)
    if not releases:
        return []
    last = releases[-1]
    try:
        manifest = read_manifest(releases_dir, last)
    except PmoError as err:
        return [Problem(f"standards/releases/{last}.json", 0, 0, "", str(err))]
    return _VersionCheck(documents, last, manifest["standards"]).run()


class _VersionCheck:
    def __init__(self, documents: Sequence[Document], release: str,
                 released: Mapping[str, Snapshot]) -> None:
        self.documents = documents
        self.release = release
        self.released = released
        self.problems: list[Problem] = []

    def add(self, document: Document, path: Sequence[PathItem], message: str) -> None:
        line, column = document.locate(path)
        self.problems.append(Problem(document.display, line, column, field_name(path),
                                     f"{message}"))

    def run(self) -> list[Problem]:
        by_id = {d.data["id"]: d for d in self.documents if d.kind != "handbook"}
        changed = [i for i, d in by_id.items() if i in self.released
                   and content_hash(d.data) != self.released[i]["content_hash"]]
        for ident, snapshot in self.released.items():
            if ident not in by_id:
                self.problems.append(Problem(
                    snapshot.get("source", ident), 0, 0, "",
                    f"{snapshot['kind']} {ident!r} was released in {self.release} but its file "
                    "is gone; restore it and set status: retired (released standards stay)"))
        for ident, document in by_id.items():
            old = self.released.get(ident)
            if old is not None and ident not in changed \
                    and document.data["version"] != old["version"]:
                self._check_entries(document, old["version"])
        if changed:
            current = self._current_snapshots({by_id[i].path for i in changed})
            for ident in changed:
                self._check_changed(by_id[ident], self.released[ident], current[ident])
        return self.problems

    def _current_snapshots(self, paths: set[Path]) -> dict[str, Snapshot]:
        """Snapshots of the changed standards, built through the model like the manifests."""
        settings = next(d.data for d in self.documents if d.kind == "handbook")
        model = build_model(settings, ((d.kind, d.display, d.data) for d in self.documents
                                       if d.kind != "handbook" and d.path in paths))
        return snapshot_handbook(model)

    def _check_changed(self, document: Document, old: Snapshot, new: Snapshot) -> None:
        version = document.data["version"]
        diff = diff_standard(document.data["id"], old, new)
        required, reasons = diff.required_level() if diff else ("patch", ["the content changed"])
        why = "; ".join(reasons)
        bump = bump_level(old["version"], version)
        if bump is None:
            self.add(document, ["version"],
                     f"content changed since release {self.release} ({why}) but the version is "
                     f"still {version}: set version to {next_version(old['version'], required)} "
                     f"and add a history entry for it with change: {required}")
            return
        if level_rank(bump) < level_rank(required):
            self.add(document, ["version"],
                     f"{why}: that is at least a {required} change, but {old['version']} -> "
                     f"{version} is a {bump} step; set version to "
                     f"{next_version(old['version'], required)} (history change: {required})")
        declared = self._check_entries(document, old["version"])
        if declared is not None and level_rank(declared[1]) < level_rank(required):
            index, level = declared
            self.add(document, ["history", index, "change"],
                     f"says {level}, but {why}: that is at least a {required} change; "
                     f"write change: {required}")

    def _check_entries(self, document: Document, released: str) -> tuple[int, str] | None:
        """Check the history entries newer than `released`; return the largest declared change."""
        history = document.data["history"]
        floor = parse_semver(released)
        new = [(i, h) for i, h in enumerate(history) if parse_semver(h["version"]) > floor]
        if not new:
            return None
        declared: tuple[int, str] | None = None
        for position, (index, entry) in enumerate(new):
            below = new[position + 1][1]["version"] if position + 1 < len(new) else released
            step = bump_level(below, entry["version"])
            change = entry.get("change")
            if change is None:
                self.add(document, ["history", index],
                         f"history entry {entry['version']} needs a change field (major, minor "
                         f"or patch) saying what kind of change it makes; {below} -> "
                         f"{entry['version']} is a {step} step")
                continue
            if step is not None and change != step:
                self.add(document, ["history", index, "change"],
                         f"says {change}, but {below} -> {entry['version']} is a {step} step; "
                         f"make them agree (a {change} change is version "
                         f"{next_version(below, change)})")
            if declared is None or level_rank(change) > level_rank(declared[1]):
                declared = (index, change)
        return declared
