"""Fixtures shared by unit and acceptance tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.model import Handbook
from generator.pipeline.check import load_handbook
from generator.pipeline.workspace import Workspace
from tests.support.workspace import ARTIFACTS, MINIMAL, REPO, copy_workspace, pmo

# One "today" for the whole run, the `pmo` processes included: review dates (overdue
# warnings and marks) and release dates do not depend on the day the tests run. No
# example standard is due for review on it; tests about review dates set their own.
os.environ.setdefault("PMO_TODAY", "2026-06-01")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Folder for files a person reviews after the run (screenshots, rendered pages)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def handbook() -> Handbook:
    """The model of the shipped example standards."""
    return load_handbook(REPO / "standards")


@pytest.fixture(scope="session")
def minimal_handbook() -> Handbook:
    return load_handbook(MINIMAL)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A copy of the repository on which the real `pmo build` has run once."""
    workspace = copy_workspace(tmp_path_factory.mktemp("built"))
    result = pmo("--root", str(workspace.root), "build")
    assert result.returncode == 0, result.stderr
    return workspace
