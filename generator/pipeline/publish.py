"""All-or-nothing outputs: render into a staging folder, then move into place.

Renderers write into a staging folder inside the workspace (same file system, so the
moves are cheap); only when every one of them succeeded are the outputs moved into
place, so a failed build leaves the previous ones as they were.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from generator.pipeline.workspace import Workspace


@contextmanager
def staging(workspace: Workspace, prefix: str = ".pmo-build-") -> Iterator[Path]:
    """A scratch folder inside the workspace, removed afterwards whatever happens."""
    workspace.root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=prefix, dir=workspace.root,
                                     ignore_cleanup_errors=True) as stage:
        yield Path(stage)


def publish(workspace: Workspace, stage: Path, targets: Sequence[str]) -> None:
    """Move the staged outputs of `targets` into place, replacing the previous ones."""
    moves: list[tuple[Path, Path]] = []
    staged = stage / "dist"
    if "site" in targets:
        moves.append((stage / "site", workspace.site))
    if "word" in targets:
        moves.append((staged / "word", workspace.dist / "word"))
    if "kit" in targets:
        moves += [(p, workspace.dist / p.name) for p in sorted(staged.glob("project-kit*"))]
        for old in workspace.dist.glob("project-kit-*.zip"):
            if not (staged / old.name).exists():
                old.unlink()
    workspace.dist.mkdir(parents=True, exist_ok=True)
    for source, target in moves:
        replace_path(source, target)


def replace_path(source: Path, target: Path) -> None:
    """Move `source` to `target`, replacing what was there (a file or a folder)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    if target.exists():
        target.rename(old)
    shutil.move(str(source), str(target))
    if old.exists():
        shutil.rmtree(old) if old.is_dir() else old.unlink()
