"""The handbook versions a project's kit may come from: this handbook's own version and
every release it has published."""

from __future__ import annotations

from generator.model import Handbook
from generator.pipeline.workspace import Workspace
from generator.release.manifest import list_releases, manifests_dir


def known_versions(workspace: Workspace, handbook: Handbook) -> frozenset[str]:
    releases = list_releases(manifests_dir(workspace.standards))
    return frozenset({handbook.settings.version, *releases})
