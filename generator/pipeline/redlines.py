"""Redlines and the review pack: what changed between two handbook versions, as Word
documents with tracked changes, for `pmo release` and `pmo diff A B --word DIR`.

Both versions are full models: the old one from its release tag, the new one from its
tag or the working tree. generator.release.changes compares them at model level; the
Word renderer writes the documents from those changes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.model import Handbook
from generator.model.changes import REDLINED_KINDS, ChangeSet, review_pack_name
from generator.pipeline.check import load_handbook
from generator.pipeline.released import released_workspace
from generator.pipeline.workspace import Progress, Workspace, print_progress
from generator.release.changes import change_set
from generator.release.git import git_root, release_tag, tag_exists
from generator.release.manifest import list_releases, manifests_dir, read_manifest
from generator.shared.clock import today
from generator.shared.semver import parse_semver
from generator.word import render_redlines, write_review_pack

REDLINES = "redlines"  # their folder in a bundle, and their key prefix in RenderInputs.files


def changes_since(workspace: Workspace, old_version: str, new: Handbook, new_label: str,
                  day: date) -> ChangeSet:
    """The changes from release `old_version` (from its tag) to `new`."""
    with released_workspace(workspace, old_version) as (_, old):
        return change_set(old, new, old_label=old_version, new_label=new_label, day=day,
                          author=new.settings.pmo_name)


def write_redlines(changes: ChangeSet, redlines_dir: Path, pack: Path) -> dict[str, Path]:
    """The redlines (in `redlines_dir`) and the review pack `pack`; return them by the name
    the site is handed them under ("redlines/<id>-<old>-to-<new>.docx", the pack's name)."""
    written = {f"{REDLINES}/{p.name}": p for p in render_redlines(changes, redlines_dir)}
    written[pack.name] = write_review_pack(changes, pack)
    return written


def release_redlines(workspace: Workspace, version: str, handbook: Handbook, day: date,
                     out_dir: Path, progress: Progress = print_progress) -> dict[str, Path]:
    """Redlines and review pack of release `version` (`handbook`) against the release before
    it; nothing for a first release, or outside git (the old version is read from its tag)."""
    earlier = [v for v in list_releases(manifests_dir(workspace.standards))
               if parse_semver(v) < parse_semver(version)]
    if not earlier:
        return {}
    if git_root(workspace.root) is None or not tag_exists(workspace.root,
                                                            release_tag(earlier[-1])):
        progress(f"No git tag {release_tag(earlier[-1])}: no redlines from {earlier[-1]} (the "
                 "old version is read from its release tag)")
        return {}
    progress(f"Writing redlines from {earlier[-1]} to {version} ...")
    changes = changes_since(workspace, earlier[-1], handbook, version, day)
    return write_redlines(changes, out_dir / REDLINES, out_dir / review_pack_name(version))


def diff_redlines(workspace: Workspace, old: str, new: str, out_dir: Path,
                  progress: Progress = print_progress) -> list[Path]:
    """`pmo diff OLD NEW --word DIR`: the redlines from release `old` to release `new` or
    'current' (the working tree, dated today), and their review pack, in `out_dir`."""
    releases_dir = manifests_dir(workspace.standards)
    read_manifest(releases_dir, old)  # refuse an unknown release before reading tags
    if new == "current":
        changes = changes_since(workspace, old, load_handbook(workspace.standards), new, today())
    else:
        day = date.fromisoformat(read_manifest(releases_dir, new)["date"])
        with released_workspace(workspace, new) as (_, handbook):
            changes = changes_since(workspace, old, handbook, new, day)
    if not changes.standards:
        progress(f"No {' or '.join(REDLINED_KINDS)} changed from {old} to {new}: no redlines")
        return []
    written = write_redlines(changes, out_dir, out_dir / f"review-{old}-to-{new}.docx")
    progress(f"Wrote {len(written) - 1} redline{'s' if len(written) != 2 else ''} and "
             f"the review pack in {out_dir}")
    return sorted(written.values())
