"""The layout's import rules hold, and would catch a change that breaks them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.workspace import REPO

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=root, capture_output=True,
                          text=True, check=False, env={"PYTHONPATH": str(root), "PATH": ""})


def test_the_import_contracts_are_kept() -> None:
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 kept, 0 broken" in result.stdout


def test_a_back_import_breaks_a_contract(tmp_path: Path) -> None:
    shutil.copytree(REPO / "generator", tmp_path / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    model = tmp_path / "generator" / "model" / "handbook.py"
    model.write_text(model.read_text() + "\nimport generator.pipeline.check  # noqa\n")
    word = tmp_path / "generator" / "word" / "handbook.py"
    word.write_text(word.read_text() + "\nimport generator.kit  # noqa\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert "generator.model.handbook -> generator.pipeline.check" in result.stdout
    assert "The renderers are independent of each other BROKEN" in result.stdout
