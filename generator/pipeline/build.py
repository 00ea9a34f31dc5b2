"""`pmo build`: validate, build the model, render the chosen outputs, publish them; one build
at a time per workspace (generator.pipeline.lock)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from generator.pipeline.check import load_handbook
from generator.pipeline.lock import workspace_lock
from generator.pipeline.outputs import TARGETS, render_outputs
from generator.pipeline.publish import publish, staging
from generator.pipeline.workspace import Progress, Workspace, print_progress


def build_handbook(
    workspace: Workspace, targets: Sequence[str] = TARGETS, progress: Progress = print_progress,
    *, engine: str = "mkdocs",
) -> list[Path]:
    """Validate and build the chosen outputs (the site with the site `engine`); return the
    paths written."""
    with workspace_lock(workspace, progress):
        started = time.perf_counter()
        progress(f"Validating {workspace.standards} ...")
        handbook = load_handbook(workspace.standards)
        progress(f"  {len(handbook.standards)} standards, handbook {handbook.settings.version}")
        with staging(workspace) as stage:
            written = render_outputs(handbook, workspace, stage, targets, progress,
                                     site_engine=engine)
            publish(workspace, stage, targets)
    progress(f"Built {', '.join(targets)} in {time.perf_counter() - started:.1f} s")
    return [workspace.root / p.relative_to(stage) for t in targets for p in written[t]]
