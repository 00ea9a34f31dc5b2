"""Fixtures shared by unit and acceptance tests."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from generator.model import Handbook
from generator.pipeline.check import load_handbook
from generator.pipeline.workspace import Workspace
from tests.support.portfolio_scenario import Scenario, build_scenario
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


@pytest.fixture(scope="session")
def portfolio_scenario(built: Workspace, tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    """Twelve project folders made by the real cookiecutter from the built kit."""
    return build_scenario(built.dist, tmp_path_factory.mktemp("portfolio"))


@pytest.fixture(scope="session")
def portfolio_board(built: Workspace, portfolio_scenario: Scenario,
                    tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any], int]:
    """`pmo portfolio` run once on the twelve projects: (out folder, JSON summary, exit code)."""
    out = tmp_path_factory.mktemp("board")
    result = pmo("--root", str(built.root), "portfolio", str(portfolio_scenario.projects),
                 "--capacity", str(portfolio_scenario.capacity), "--out", str(out),
                 "--format", "json", cwd=portfolio_scenario.projects.parent)
    assert "Traceback" not in result.stderr, result.stderr
    return out, json.loads(result.stdout), result.returncode
