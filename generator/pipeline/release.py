"""`pmo release` and `pmo diff`: release manifests, the changelog and release bundles.

A release is refused unless the standards are valid (version rules included), every
earlier manifest is as released (generator.release.records: in git, as its release
tag holds it), the version is above every release on record and not released yet,
and, in git, the standards are committed. One release or build runs at a time in a
workspace (generator.pipeline.lock). Then it writes `standards/releases/X.Y.Z.json`,
a CHANGELOG.md section and sets handbook.yaml's version to X.Y.Z, builds the bundle
`dist/releases/X.Y.Z/` (site, Word zip, kit zip, handbook.json and, against the previous
release's tag, the redlines and review pack of generator.pipeline.redlines), and in git commits
those files and tags the commit `handbook-X.Y.Z`. Nothing is written unless the
bundle was built.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from datetime import date
from pathlib import Path

from jinja2 import Environment

from generator.errors import PmoError, ReleaseError, StandardsError
from generator.model import Handbook
from generator.pipeline.check import load_handbook
from generator.pipeline.lock import workspace_lock
from generator.pipeline.outputs import TARGETS, render_outputs
from generator.pipeline.publish import replace_path, staging
from generator.pipeline.redlines import release_redlines
from generator.pipeline.released import RELEASED_PATHS, released_workspace
from generator.pipeline.workspace import Progress, Workspace, print_progress
from generator.release.changelog import (
    prepend_changelog,
    release_notes,
    render_changelog_section,
)
from generator.release.diff import diff_snapshots, format_diff
from generator.release.git import commit_and_tag, git_root, release_tag, tag_exists
from generator.release.git import uncommitted as uncommitted_files
from generator.release.manifest import (
    Manifest,
    build_manifest,
    dump_json,
    export_handbook,
    list_releases,
    manifests_dir,
    read_manifest,
    snapshot_handbook,
)
from generator.release.records import Records, read_records
from generator.shared.archives import normalise_file, zip_folder
from generator.shared.clock import today as clock_today
from generator.shared.semver import is_semver, parse_semver
from generator.shared.templating import TEMPLATES_DIR, create_environment

_TOP_VERSION = re.compile(r"^version:[ \t]*(\S[^\n#]*?)[ \t]*(#.*)?$", re.MULTILINE)


def release_environment() -> Environment:
    """The Jinja environment of release texts (the changelog)."""
    return create_environment(TEMPLATES_DIR)


def bundle_dir(workspace: Workspace, version: str) -> Path:
    return workspace.dist / "releases" / version


def require_version(text: str, what: str) -> str:
    """`text` if it is a full version X.Y.Z; else PmoError, before it names any path."""
    if not is_semver(text):
        raise PmoError(f"{what} {text!r} is not a version: write MAJOR.MINOR.PATCH, e.g. 1.2.0")
    return text


def verified_records(workspace: Workspace, progress: Progress) -> Records:
    """The release records, refusing manifests that are not as released (StandardsError)
    and warning about the ones that cannot be checked."""
    records = read_records(workspace.standards)
    if records.problems:
        raise StandardsError(list(records.problems))
    for warning in records.warnings():
        progress(f"pmo: warning: {warning}")
    return records


_SET_BY_RELEASE = "handbook.yaml's version, which `pmo release` sets"


def recorded_releases(workspace: Workspace, records: Records,
                      current: str) -> dict[str, list[str]]:
    """Each version something records as released, with what records it.

    Besides the manifests, CHANGELOG.md, the release tags and the release bundles in
    dist/releases/ record releases, and so does handbook.yaml's version (`current`),
    which only `pmo release` sets: once anything records a release, a handbook.yaml
    version above it was set by a release whose records are gone.
    """
    bundles = [p.name for p in (workspace.dist / "releases").glob("*")
               if p.is_dir() and is_semver(p.name)]
    where: dict[str, list[str]] = {}
    for source, versions in (("its manifest", records.manifests),
                             ("CHANGELOG.md", records.changelog),
                             ("its git tag", records.tagged or ()),
                             ("its bundle in dist/releases/", bundles)):
        for found in versions:
            where.setdefault(found, []).append(source)
    last = max(where, key=parse_semver, default=None)
    if last is not None and is_semver(current) and parse_semver(current) > parse_semver(last):
        where[current] = [_SET_BY_RELEASE]
    return where


def _refuse_version(workspace: Workspace, version: str, records: Records,
                    current: str) -> None:
    """Refuse a version already released, or not above every release on record, so that
    deleting a manifest does not let a version be released twice."""
    releases_dir = manifests_dir(workspace.standards)
    if version in records.manifests:
        raise ReleaseError(f"release {version} already exists ({releases_dir / version}.json); "
                           "released manifests are never rewritten: release a higher version")
    where = recorded_releases(workspace, records, current)
    if version in where:
        by_hand = (f" (if you set handbook.yaml's version to {version} by hand, set it back: "
                   "`pmo release` sets it)" if where[version] == [_SET_BY_RELEASE] else "")
        raise ReleaseError(
            f"release {version} was made already (recorded by {' and '.join(where[version])}) "
            f"but {releases_dir / version}.json is missing; restore it, then release a higher "
            f"version{by_hand}")
    last = max(where, key=parse_semver, default=None)
    if last is not None and parse_semver(version) <= parse_semver(last):
        raise ReleaseError(f"{version} is not above the last release {last} (recorded by "
                           f"{' and '.join(where[last])}); release a higher version")


def _refuse_git(workspace: Workspace, version: str, records: Records) -> Path | None:
    repo = git_root(workspace.root)
    if repo is None:
        return None
    if tag_exists(workspace.root, release_tag(version)):
        raise ReleaseError(f"git tag {release_tag(version)} already exists; release a higher "
                           "version")
    if records.untagged:
        raise ReleaseError("; ".join(map(str, records.warnings()))
                           + ". A release is refused until every earlier manifest can be "
                           "checked against its tag")
    pending = uncommitted_files(workspace.root, [p for p in (*RELEASED_PATHS, "CHANGELOG.md")
                                                 if (workspace.root / p).exists()])
    if pending:
        shown = ", ".join(pending[:5]) + (" ..." if len(pending) > 5 else "")
        raise ReleaseError(f"uncommitted changes in the handbook ({shown}): commit them first, "
                           "so that the release tag holds exactly what was released")
    return repo


def set_handbook_version(text: str, version: str) -> str:
    """handbook.yaml's text with its top-level version set to `version`, the rest untouched."""
    match = _TOP_VERSION.search(text)
    if match is None:
        raise ReleaseError("handbook.yaml has no top-level `version:` line to update")
    return text[: match.start(1)] + version + text[match.end(1):]


def with_version(handbook: Handbook, version: str) -> Handbook:
    return dataclasses.replace(handbook,
                               settings=dataclasses.replace(handbook.settings, version=version))


def release_handbook(workspace: Workspace, version: str, *, today: date | None = None,
                     progress: Progress = print_progress) -> list[Path]:
    """Release the current standards as `version`; return the files written."""
    try:
        parse_semver(version)
    except PmoError as err:
        raise ReleaseError(str(err)) from err
    with workspace_lock(workspace, progress):
        return _release(workspace, version, today or clock_today(), progress)


def _release(workspace: Workspace, version: str, today: date,
             progress: Progress) -> list[Path]:
    progress(f"Validating {workspace.standards} ...")
    handbook = load_handbook(workspace.standards)
    records = read_records(workspace.standards)
    if records.problems:  # load_handbook reported them, unless the standards changed since
        raise StandardsError(list(records.problems))
    _refuse_version(workspace, version, records, handbook.settings.version)
    repo = _refuse_git(workspace, version, records)
    released = list(records.manifests)
    releases_dir = manifests_dir(workspace.standards)
    manifest = build_manifest(with_version(handbook, version), version, today)
    all_manifests = {v: read_manifest(releases_dir, v) for v in released}
    all_manifests[version] = manifest
    handbook = dataclasses.replace(with_version(handbook, version),
                                   releases=release_notes(releases_dir, extra=manifest))
    changelog = workspace.root / "CHANGELOG.md"
    section = render_changelog_section(release_environment(), handbook.releases[0])
    changelog_text = prepend_changelog(
        changelog.read_text(encoding="utf-8") if changelog.exists() else None, section)
    settings_file = workspace.standards / "handbook.yaml"
    settings_text = set_handbook_version(settings_file.read_text(encoding="utf-8"), version)
    with staging(workspace, ".pmo-release-") as stage:
        bundle = build_bundle(handbook, workspace, manifest, all_manifests, stage, progress,
                              repository=workspace)
        manifest_file = releases_dir / f"{version}.json"
        releases_dir.mkdir(parents=True, exist_ok=True)
        with manifest_file.open("x", encoding="utf-8") as out:
            out.write(dump_json(manifest))
        changelog.write_text(changelog_text, encoding="utf-8")
        settings_file.write_text(settings_text, encoding="utf-8")
        target = bundle_dir(workspace, version)
        replace_path(bundle, target)
    written = [manifest_file, changelog, settings_file, target]
    if repo is not None:
        files = [p.resolve().relative_to(workspace.root.resolve()).as_posix()
                 for p in (manifest_file, changelog, settings_file)]
        commit_and_tag(workspace.root, files, f"Release handbook {version}", release_tag(version))
        progress(f"Committed and tagged {release_tag(version)}")
    else:
        progress("Not a git repository: the release is not tagged (the versioned site is "
                 "rebuilt from release tags)")
    progress(f"Released {version}: {manifest_file}, {changelog.name}, {target}")
    return written


def build_bundle(handbook: Handbook, workspace: Workspace, manifest: Manifest,
                 manifests: dict[str, Manifest], stage: Path, progress: Progress, *,
                 repository: Workspace) -> Path:
    """Render the release into `stage` and assemble the bundle folder; return it.

    `workspace` holds the release's sources, `repository` the git repository with the
    release tags (the redlines compare with the previous release's tag). Review dates
    are judged as of the release date, so a bundle is the same whenever it is built.
    """
    version = manifest["version"]
    when = date.fromisoformat(manifest["date"])
    handbook = dataclasses.replace(handbook, as_of=when)
    redlines = release_redlines(repository, version, handbook, when, stage / "review", progress)
    render_outputs(handbook, workspace, stage, TARGETS, progress, extra=redlines)
    bundle = stage / "bundle"
    bundle.mkdir()
    shutil.move(str(stage / "site"), str(bundle / "site"))
    for name, docx in sorted(redlines.items()):
        normalise_file(docx, when, bundle / name)
    word_dir = stage / "dist" / "word"
    for docx in sorted(word_dir.rglob("*.docx")):
        normalise_file(docx, when)
    zip_folder(word_dir, bundle / f"pmo-handbook-word-{version}.zip", when)
    kit_zip = stage / "dist" / f"project-kit-{version}.zip"
    normalise_file(kit_zip, when, bundle / kit_zip.name)
    _refresh_downloads(bundle / "site" / "downloads", word_dir, bundle / kit_zip.name)
    _refresh_redlines(bundle / "site" / "downloads", bundle, redlines)
    export = export_handbook(handbook)
    export["manifests"] = {v: manifests[v] for v in sorted(manifests, key=parse_semver)}
    (bundle / "handbook.json").write_text(dump_json(export), encoding="utf-8")
    progress(f"Bundle of {version} assembled")
    return bundle


def _refresh_downloads(downloads: Path, word_dir: Path, kit_zip: Path) -> None:
    """Put the reproducible Word files and kit zip in place of the site's download copies."""
    if not downloads.is_dir():
        return
    for docx in word_dir.rglob("*.docx"):
        copy = downloads / "word" / docx.relative_to(word_dir)
        if copy.exists():
            shutil.copyfile(docx, copy)
    if (downloads / kit_zip.name).exists():
        shutil.copyfile(kit_zip, downloads / kit_zip.name)


def _refresh_redlines(downloads: Path, bundle: Path, redlines: dict[str, Path]) -> None:
    """Put the bundle's reproducible redlines in place of the site's download copies."""
    for name in redlines:
        if (downloads / name).exists():
            shutil.copyfile(bundle / name, downloads / name)


def rebuild_bundle(workspace: Workspace, version: str,
                   progress: Progress = print_progress) -> Path:
    """Build dist/releases/X.Y.Z/ again from the release's git tag."""
    require_version(version, "release")
    with workspace_lock(workspace, progress):
        return _rebuild_bundle(workspace, version, progress)


def _rebuild_bundle(workspace: Workspace, version: str, progress: Progress) -> Path:
    verified_records(workspace, progress)
    releases_dir = manifests_dir(workspace.standards)
    manifest = read_manifest(releases_dir, version)
    with released_workspace(workspace, version) as (old, handbook):
        manifests = {v: read_manifest(manifests_dir(old.standards), v)
                     for v in list_releases(manifests_dir(old.standards))}
        with staging(workspace, ".pmo-release-") as stage:
            bundle = build_bundle(handbook, old, manifest, manifests, stage, progress,
                                  repository=workspace)
            target = bundle_dir(workspace, version)
            replace_path(bundle, target)
    progress(f"Rebuilt {target} from {release_tag(version)}")
    return target


def diff_releases(workspace: Workspace, old: str, new: str, *, output_format: str = "text",
                  progress: Progress = print_progress) -> str:
    """What changed from release `old` to release `new` (or 'current'), as text or JSON."""
    require_version(old, "release")
    if new != "current":
        require_version(new, "release")
    verified_records(workspace, progress)
    releases_dir = manifests_dir(workspace.standards)
    before = read_manifest(releases_dir, old)["standards"]
    if new == "current":
        after = snapshot_handbook(load_handbook(workspace.standards))
    else:
        after = read_manifest(releases_dir, new)["standards"]
    diffs = diff_snapshots(before, after)
    if output_format == "json":
        return json.dumps({"old": old, "new": new, "standards": [d.as_dict() for d in diffs]},
                          indent=2, ensure_ascii=False)
    return format_diff(old, new, diffs)
