"""The test suite's places and tools: the repository, examples, the real `pmo` command."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from generator.pipeline.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLES = REPO / "tests" / "examples"
MINIMAL = EXAMPLES / "valid" / "minimal" / "standards"
ARTIFACTS = REPO / "tests" / "artifacts"
IN_CI = os.environ.get("CI") == "true"


def require_tool(name: str) -> str:
    """Path of an external tool; skip the test without it, but fail under CI=true."""
    path = shutil.which(name)
    if path is None:
        if IN_CI:
            pytest.fail(f"{name} is required under CI=true; .ci/run must install it")
        pytest.skip(f"{name} is not installed (run `make test` to install it)")
    return path


def require_module(name: str) -> ModuleType:
    """An installed Python module; skip the test without it, but fail under CI=true."""
    try:
        return importlib.import_module(name)
    except ImportError as error:
        if IN_CI:
            pytest.fail(f"{name} is required under CI=true; `make test` must install it "
                        f"({error})")
        pytest.skip(f"{name} is not installed (run `make test` to install it)",
                    allow_module_level=True)


def pmo(
    *args: str, cwd: Path | None = None, check: bool = False, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run the real `pmo` command line (as `python -m generator`)."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd or REPO,
        capture_output=True,
        text=True,
        check=check,
        timeout=timeout,
    )


def run_build(root: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    """`pmo build` from inside the repository, with no --root, as the README says."""
    return subprocess.run([sys.executable, "-m", "generator", "build"], cwd=root,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, **environment})


def copy_workspace(target: Path, standards: Path = REPO / "standards") -> Workspace:
    """A throw-away handbook repository: the given standards plus docs/ and mkdocs.yml."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(standards, target / "standards", ignore=shutil.ignore_patterns("releases"))
    if not (target / "standards" / "schemas").exists():
        shutil.copytree(REPO / "standards" / "schemas", target / "standards" / "schemas")
    if (REPO / "docs").exists():
        shutil.copytree(REPO / "docs", target / "docs")
    if (REPO / "mkdocs.yml").exists():
        shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return Workspace(target)
