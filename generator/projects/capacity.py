"""The capacity file of a funding cycle (`pmo portfolio --capacity FILE`): the budget and
the people-days of each constrained skill of the prioritisation policy."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from generator.errors import Problem
from generator.model.funding import Capacity
from generator.model.prioritisation import Prioritisation
from generator.projects.yaml_file import load_checked
from generator.source.schema_check import suggest

SCHEMA = "capacity.schema.json"


def read_capacity(path: Path, display: str, policy: Prioritisation | None
                  ) -> tuple[Capacity | None, list[Problem]]:
    if not path.is_file():
        return None, [Problem(display, 0, 0, "", "not found: give the capacity file of the "
                              "cycle (budget and people-days per constrained skill)")]
    document, problems = load_checked(path, display, "capacity", "a capacity file", SCHEMA)
    if document is None:
        return None, problems
    data = document.data
    skills = [s.id for s in policy.skills] if policy else []
    for key in data["skills"]:
        if key not in skills:
            line, column = document.locate(["skills"], key=key)
            problems.append(Problem(display, line, column, f"skills.{key}",
                                    f"{key!r} is not a constrained skill of the prioritisation "
                                    f"policy{suggest(key, skills)}"))
    missing = [s for s in skills if s not in data["skills"]]
    if missing:
        line, column = document.locate(["skills"])
        problems.append(Problem(display, line, column, "skills",
                                f"no people-days for {', '.join(missing)}: give every "
                                "constrained skill of the prioritisation policy"))
    if problems:
        return None, problems
    return Capacity(budget=float(data["budget"]),
                    skills=MappingProxyType({k: float(v) for k, v in data["skills"].items()}),
                    label=str(data.get("cycle", ""))), []
