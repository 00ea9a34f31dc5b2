"""The shipped standards with one text changed, loaded: for tests that change the standards
and compare what the renderers make of them."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.model import Handbook
from generator.pipeline.check import load_handbook
from tests.support.workspace import REPO

# The decision body of G3 on tiers 2 and 3, and the same gate decided by the portfolio board.
G3_DECIDER = "    decided_by:\n      - role: steering-committee\n        tiers: [2, 3]\n"
G3_BY_THE_BOARD = "    decided_by:\n      - role: portfolio-board\n        tiers: [2, 3]\n"


def edited_standards(tmp_path: Path, path: str, old: str, new: str) -> Handbook:
    """The shipped standards copied below `tmp_path` with `old` replaced by `new` once in
    `path` (below standards/), loaded and validated."""
    shutil.copytree(REPO / "standards", tmp_path / "standards",
                    ignore=shutil.ignore_patterns("releases"))
    target = tmp_path / "standards" / path
    text = target.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer holds the text this test changes"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_handbook(tmp_path / "standards")
