"""Release notes from the manifests, and the CHANGELOG.md section of a release.

Both come from the manifests alone (each standard's version, status and history
as released), so What's new and the changelog read the same on every machine.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jinja2 import Environment

from generator.model import KINDS, ReleaseChange, ReleaseNote
from generator.release.diff import diff_snapshots
from generator.release.manifest import Manifest, list_releases, read_manifest
from generator.shared.semver import parse_semver

CHANGE_ORDER = ("added", "changed", "retired", "removed")
CHANGELOG_HEADER = ("# Changelog\n\nEvery release of the handbook, newest first. Written by "
                    "`pmo release` from the standards' history entries; do not edit by hand.\n")


def release_note(previous: Manifest | None, manifest: Manifest) -> ReleaseNote:
    """What release `manifest` changed since `previous` (None for the first release)."""
    diffs = diff_snapshots(previous["standards"] if previous else {}, manifest["standards"])
    changes = [
        ReleaseChange(standard_id=d.standard_id, title=d.title, kind=d.kind, change=d.change,
                      old_version=d.old_version, new_version=d.new_version or d.old_version or "",
                      summaries=_summaries(d.summaries, manifest, d.standard_id, d.change),
                      breaking=(d.breaking and d.change != "added")
                      or _declared_major(manifest, d.standard_id, d.old_version))
        for d in diffs
    ]
    changes.sort(key=lambda c: (CHANGE_ORDER.index(c.change), KINDS.order(c.kind),
                                not c.breaking, c.standard_id))
    return ReleaseNote(version=manifest["version"], date=date.fromisoformat(manifest["date"]),
                       changes=tuple(changes))


def _summaries(summaries: tuple[str, ...], manifest: Manifest, ident: str,
               change: str) -> tuple[str, ...]:
    history = manifest["standards"].get(ident, {}).get("history", [])
    if change == "added":
        return (history[0]["summary"],) if history else ()
    wanted = {s.split(": ", 1)[0] for s in summaries}
    return tuple(h["summary"] for h in history if h["version"] in wanted)


def _declared_major(manifest: Manifest, ident: str, since: str | None) -> bool:
    if since is None:
        return False
    floor = parse_semver(since)
    history = manifest["standards"].get(ident, {}).get("history", [])
    return any(h.get("change") == "major" and parse_semver(h["version"]) > floor for h in history)


def release_notes(releases_dir: Path, extra: Manifest | None = None) -> tuple[ReleaseNote, ...]:
    """A note per release under `releases_dir` (plus `extra`, one not yet written), newest first."""
    manifests = [read_manifest(releases_dir, v) for v in list_releases(releases_dir)]
    if extra is not None:
        manifests.append(extra)
    previous: list[Manifest | None] = [None, *manifests][: len(manifests)]
    notes = [release_note(prev, cur) for prev, cur in zip(previous, manifests, strict=True)]
    return tuple(reversed(notes))


def group_changes(note: ReleaseNote) -> list[tuple[str, list[tuple[str, list[ReleaseChange]]]]]:
    """[(change, [(kind heading, changes)])]: added, changed, retired; by kind; breaking first."""
    groups: list[tuple[str, list[tuple[str, list[ReleaseChange]]]]] = []
    for change in CHANGE_ORDER:
        of_change = [c for c in note.changes if c.change == change]
        if not of_change:
            continue
        by_kind = [(kind.changelog_heading, [c for c in of_change if c.kind == kind.name])
                   for kind in KINDS]
        groups.append((change, [(k, sorted(cs, key=lambda c: not c.breaking))
                                for k, cs in by_kind if cs]))
    return groups


def render_changelog_section(env: Environment, note: ReleaseNote) -> str:
    """The Markdown section of one release, from templates/release/changelog.md.j2."""
    template = env.get_template("release/changelog.md.j2")
    return template.render(note=note, groups=group_changes(note),
                           breaking=[c for c in note.changes if c.breaking]).strip() + "\n"


def prepend_changelog(text: str | None, section: str) -> str:
    """The new CHANGELOG.md text: the header, then `section`, then the earlier sections."""
    body = text or CHANGELOG_HEADER
    marker = "\n## "
    at = body.find(marker)
    if at == -1:
        return body.rstrip("\n") + "\n\n" + section
    return body[:at].rstrip("\n") + "\n\n" + section + "\n" + body[at + 1:]
