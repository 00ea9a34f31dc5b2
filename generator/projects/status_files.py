"""A project's status files, `status/<YYYY-MM>.yaml`: one per report period, all kept.

The latest two are read (the latest is the project's status; the one before gives the
trend and what changed since the last report); every file name is checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from generator.errors import Problem
from generator.model import Handbook
from generator.model.convert import from_data
from generator.model.status import Status
from generator.projects.status_rules import check_status
from generator.projects.yaml_file import load_checked

STATUS_DIR = "status"
SCHEMA = "status.schema.json"
PERIOD_FILE = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])\.yaml$")
READ = 2  # the latest period and the one before it

Display = Callable[[Path], str]


def read_statuses(folder: Path, display: Display, handbook: Handbook, tier: int
                  ) -> tuple[tuple[Status, ...], tuple[str, ...], list[Problem]]:
    """(the latest statuses read, oldest first; every period; problems)."""
    status_dir = folder / STATUS_DIR
    files = sorted(status_dir.glob("*.y*ml")) if status_dir.is_dir() else []
    problems = [Problem(display(p), 0, 0, "", "not a status file name: name it after the "
                        "period it covers, <YYYY-MM>.yaml (e.g. 2026-11.yaml)")
                for p in files if not PERIOD_FILE.match(p.name)]
    periods = [p for p in files if PERIOD_FILE.match(p.name)]
    if not periods:
        problems.append(Problem(display(status_dir), 0, 0, "",
                                "no status file: every project keeps status/<YYYY-MM>.yaml "
                                "for each report period (the kit wrote the first one)"))
        return (), (), problems
    statuses = []
    for path in periods[-READ:]:
        status, found = read_status(path, display(path), handbook, tier)
        problems += found
        if status is not None:
            statuses.append(status)
    return tuple(statuses), tuple(p.stem for p in periods), problems


def read_status(path: Path, display: str, handbook: Handbook, tier: int
                ) -> tuple[Status | None, list[Problem]]:
    document, problems = load_checked(path, display, "status", "a status file", SCHEMA)
    if document is None:
        return None, problems
    problems += check_status(document, handbook, tier)
    if problems:
        return None, problems
    return from_data(Status, document.data, source=display), []
