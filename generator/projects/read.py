"""Reading project folders: which folders, and each one's record, statuses and evidence."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from pathlib import Path

from generator.errors import Problem
from generator.model import Handbook
from generator.model.project import EvidenceFile, Project
from generator.model.readiness import checked_step
from generator.model.status import Status
from generator.projects.evidence import answer_placeholders, inspect
from generator.projects.kit_record import KIT_FILE, read_kit_record
from generator.projects.status_files import read_statuses
from generator.shared.parallel import gc_paused, map_halves

PARALLEL_FROM = 100  # projects; below that a second process costs more than it saves


def project_folders(roots: Iterable[Path]) -> list[Path]:
    """The project folders given: a folder holding .pmo-kit.json is one; any other folder
    is a folder of projects, each visible sub-folder one project (read or reported)."""
    folders: list[Path] = []
    for root in roots:
        if (root / KIT_FILE).is_file():
            folders.append(root)
        elif root.is_dir():
            folders += sorted(p for p in root.iterdir()
                              if p.is_dir() and not p.name.startswith((".", "_")))
        else:
            folders.append(root)  # reported as not found
    return folders


def read_project(folder: Path, handbook: Handbook, known_versions: Collection[str], *,
                 base: Path | None = None, gate: str | None = None,
                 marks: tuple[bytes, ...] | None = None) -> Project:
    """Everything about one project folder; problems are collected, never raised.

    `gate` is the gate whose evidence is looked at (the latest status's next gate if None).
    Paths in messages are shown relative to `base` (the folder's parent by default).
    """
    root = (base or folder.resolve().parent).resolve()

    def display(path: Path) -> str:
        try:
            return path.resolve().relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()

    if not folder.is_dir():
        return Project(folder=display(folder), slug=folder.name, record=None, statuses=(),
                       periods=(), problems=(Problem(display(folder), 0, 0, "",
                                                     "not found: give a project folder"),))
    record, problems = read_kit_record(folder, display(folder / KIT_FILE), handbook,
                                       known_versions)
    statuses: tuple[Status, ...] = ()
    periods: tuple[str, ...] = ()
    evidence: dict[str, EvidenceFile] = {}
    if record is not None:
        statuses, periods, found = read_statuses(folder, display, handbook, record.tier)
        problems += found
        wanted = gate or (statuses[-1].next_gate if statuses else None)
        step = checked_step(handbook, record.tier, wanted)[0] if wanted else None
        if step is not None:
            found_marks = marks if marks is not None else answer_placeholders(handbook)
            evidence = {a.id: inspect(folder, a, found_marks) for a in step.evidence}
    return Project(folder=display(folder), slug=folder.name, record=record, statuses=statuses,
                   periods=periods, evidence=evidence,
                   problems=tuple(sorted(problems)))


def read_projects(roots: Iterable[Path], handbook: Handbook, known_versions: Collection[str]
                  ) -> list[Project]:
    """Every project folder under `roots`; a large portfolio is read on two processes."""
    folders = project_folders(roots)
    marks = answer_placeholders(handbook)

    def read(part: Sequence[Path]) -> list[Project]:
        return [read_project(f, handbook, known_versions, base=_base(f), marks=marks)
                for f in part]

    with gc_paused():
        return map_halves(read, folders, minimum=PARALLEL_FROM)


def _base(folder: Path) -> Path:
    """Messages name files from the folder that holds the projects' folder."""
    return folder.resolve().parent.parent


def problems_of(projects: Iterable[Project]) -> list[Problem]:
    return sorted(p for project in projects for p in project.problems)
