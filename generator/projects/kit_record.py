"""`.pmo-kit.json`: the kit's record of a project, checked against kit-record.schema.json
and against the handbook (a known handbook version, a declared tier)."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from generator.errors import Problem
from generator.model import Handbook
from generator.model.convert import from_data
from generator.model.project import KitRecord
from generator.projects.yaml_file import load_checked

KIT_FILE = ".pmo-kit.json"
SCHEMA = "kit-record.schema.json"


def read_kit_record(folder: Path, display: str, handbook: Handbook,
                    known_versions: Collection[str]) -> tuple[KitRecord | None, list[Problem]]:
    """The record and its problems; None when it cannot be used."""
    path = folder / KIT_FILE
    if not path.is_file():
        return None, [Problem(display, 0, 0, "",
                              "not found: a project made from the project kit holds "
                              f"{KIT_FILE}; start the project from the kit, or restore the "
                              "file from the project's history")]
    document, problems = load_checked(path, display, "kit-record", "the kit record", SCHEMA)
    if document is None:
        return None, problems
    data = document.data
    version = data["handbook_version"]
    if version not in known_versions:
        line, column = document.locate(["handbook_version"])
        known = ", ".join(sorted(known_versions))
        problems.append(Problem(display, line, column, "handbook_version",
                                f"the kit comes from handbook {version}, which this handbook "
                                f"does not know (its versions: {known}); read it with the "
                                "handbook it came from, or record the version it follows"))
    tiers = [t.id for t in handbook.settings.tiers]
    if data["tier"] not in tiers:
        line, column = document.locate(["tier"])
        problems.append(Problem(display, line, column, "tier",
                                f"tier {data['tier']} is not a tier of this handbook "
                                f"({', '.join(map(str, tiers))})"))
    if problems:
        return None, problems
    return from_data(KitRecord, data), []
