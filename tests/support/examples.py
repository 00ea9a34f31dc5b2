"""The example standards trees: valid and invalid cases, laid out over the minimal tree."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.workspace import EXAMPLES, MINIMAL

INVALID = sorted(p for p in (EXAMPLES / "invalid").iterdir() if p.is_dir())
VALID = sorted(p / "standards" for p in (EXAMPLES / "valid").iterdir() if p.is_dir())


def lay_out_case(case: Path, target: Path) -> Path:
    """The minimal tree with the case's changes applied, under target/standards."""
    standards = target / "standards"
    shutil.copytree(MINIMAL, standards)
    delete = case / "delete.txt"
    for name in delete.read_text().split() if delete.exists() else ():
        (standards / name).unlink()
    if (case / "standards").exists():
        shutil.copytree(case / "standards", standards, dirs_exist_ok=True)
    return standards
