"""The versioned site: every release browsable, with mkdocs-material's version selector.

Rebuilt from the repository alone: each release listed in standards/releases/ is
taken from its git tag (`handbook-X.Y.Z`) and rendered with the current tool into
`<site>/<X.Y.Z>/`, with its redlines against the release before it (What's new links
them). The newest release is copied to `<site>/latest/`, `versions.json`
lists them in mike's format, and the root index redirects to latest/. Old versions
show material's outdated banner, linking to the same page in the latest version.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from datetime import date
from pathlib import Path

from jinja2 import Environment

from generator.errors import PmoError
from generator.pipeline.lock import workspace_lock
from generator.pipeline.outputs import render_outputs
from generator.pipeline.publish import replace_path, staging
from generator.pipeline.redlines import release_redlines
from generator.pipeline.release import release_environment, verified_records
from generator.pipeline.released import released_workspace
from generator.pipeline.workspace import Progress, Workspace, print_progress
from generator.release.manifest import dump_json, manifests_dir, read_manifest

LATEST = "latest"


def versions_json(versions: list[str]) -> list[dict[str, object]]:
    """mike's versions.json: newest first, the newest aliased `latest`."""
    ordered = list(reversed(versions))
    return [{"version": v, "title": v, "aliases": [LATEST] if i == 0 else []}
            for i, v in enumerate(ordered)]


def render_redirect(env: Environment, target: str) -> str:
    return env.get_template("release/redirect.html.j2").render(target=target)


def build_versioned_site(workspace: Workspace, progress: Progress = print_progress,
                         target: Path | None = None) -> list[Path]:
    """Render every release from its tag into `target` (default: the workspace's site/)."""
    with workspace_lock(workspace, progress):
        return _build_versioned_site(workspace, progress, target)


def _build_versioned_site(workspace: Workspace, progress: Progress,
                          target: Path | None) -> list[Path]:
    records = verified_records(workspace, progress)
    releases_dir = manifests_dir(records.standards_dir)
    versions = list(records.manifests)
    if not versions:
        raise PmoError("no release yet: run `pmo release X.Y.Z` first (the versioned site "
                       "shows released versions)")
    out = target or workspace.site
    with staging(workspace, ".pmo-versions-") as stage:
        site = stage / "site"
        site.mkdir()
        for version in versions:
            progress(f"Rendering release {version} from its tag ...")
            with released_workspace(workspace, version) as (old, handbook), \
                    tempfile.TemporaryDirectory(prefix="pmo-render-") as tmp:
                day = date.fromisoformat(read_manifest(releases_dir, version)["date"])
                handbook = dataclasses.replace(handbook, as_of=day)
                redlines = release_redlines(workspace, version, handbook, day,
                                            Path(tmp) / "review", progress)
                render_outputs(handbook, old, Path(tmp), ("site",), progress, versioned=True,
                               extra=redlines)
                shutil.move(str(Path(tmp) / "site"), str(site / version))
        shutil.copytree(site / versions[-1], site / LATEST)
        (site / "versions.json").write_text(dump_json(versions_json(versions)), encoding="utf-8")
        (site / "index.html").write_text(render_redirect(release_environment(), f"{LATEST}/"),
                                         encoding="utf-8")
        replace_path(site, out)
    progress(f"Versioned site in {out}: {', '.join(versions)} (latest {versions[-1]})")
    return sorted(p for p in out.rglob("*") if p.is_file())
