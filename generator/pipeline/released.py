"""A released version of the handbook, taken from its git tag."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import PmoError
from generator.model import Handbook
from generator.pipeline.check import load_handbook
from generator.pipeline.workspace import Workspace
from generator.release.git import export_tree, git_root, release_tag

RELEASED_PATHS = ("standards", "docs", "mkdocs.yml", "overrides")


@contextmanager
def released_workspace(workspace: Workspace, version: str) -> Iterator[tuple[Workspace, Handbook]]:
    """A temporary workspace holding the handbook as tagged for `version`, and its model."""
    if git_root(workspace.root) is None:
        raise PmoError(f"{workspace.root} is not a git repository: released versions are "
                       "rebuilt from their git tags")
    with tempfile.TemporaryDirectory(prefix=f"pmo-release-{version}-") as tmp:
        old = Workspace(Path(tmp))
        export_tree(workspace.root, release_tag(version), RELEASED_PATHS, old.root)
        handbook = load_handbook(old.standards)
        if handbook.settings.version != version:
            raise PmoError(f"tag {release_tag(version)} holds handbook version "
                           f"{handbook.settings.version}, not {version}; re-tag the release "
                           "commit")
        yield old, handbook
