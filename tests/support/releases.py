"""Helpers of the release unit tests: a minimal handbook with a release, and YAML edits."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from generator.pipeline.check import load_handbook
from generator.pipeline.workspace import Workspace
from generator.release.manifest import build_manifest, dump_json

RISK = Path("standards/policies/risk.yaml")


def write_release(workspace: Workspace, version: str,
                  released_on: date = date(2026, 1, 10)) -> Path:
    """Record the current standards as release `version` (the manifest only)."""
    handbook = load_handbook(workspace.standards)
    path = workspace.standards / "releases" / f"{version}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_json(build_manifest(handbook, version, released_on)), encoding="utf-8")
    return path


def edit(workspace: Workspace, relative: Path, old: str, new: str, count: int = 1) -> None:
    path = workspace.root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def bump(workspace: Workspace, relative: Path, old: str, new: str, change: str | None,
         summary: str = "Changed.") -> None:
    """Set the standard's version to `new`, add a history entry on top and approve it."""
    edit(workspace, relative, f"version: {old}\n", f"version: {new}\n")
    entry = f"history:\n  - version: {new}\n    date: 2026-02-01\n    summary: {summary}\n"
    if change:
        entry += f"    change: {change}\n"
    edit(workspace, relative, "history:\n", entry)
    text = (workspace.root / relative).read_text(encoding="utf-8")
    approver = re.search(r"^approved_by: (\S+)$", text, re.M)
    if approver and "\napprovals:\n" in text:
        edit(workspace, relative, "\napprovals:\n",
             f"\napprovals:\n  - version: {new}\n    by: {approver.group(1)}\n"
             "    date: 2026-02-01\n")
