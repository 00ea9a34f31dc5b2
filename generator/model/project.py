"""A project folder made from the kit, as read: its kit record, its status files, the state
of the gate evidence looked at, and every problem found reading it (generator/projects/
reads it; the calculations take it from here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.errors import Problem
from generator.model.status import Status

# States of a piece of evidence.
FILLED, MISSING, PLACEHOLDERS, GUIDANCE, EMPTY, UNREADABLE = (
    "filled in", "missing", "kit placeholders left", "guidance left", "no rows", "unreadable")


@dataclass(frozen=True, slots=True, kw_only=True)
class KitRecord:
    """`.pmo-kit.json`: what the kit recorded when the project was started."""

    kit_version: str
    handbook_version: str
    pmo_type: str
    tier: int
    standards: Mapping[str, str]
    artefacts: Mapping[str, str]
    answers: Mapping[str, str]

    @property
    def name(self) -> str:
        return self.answers.get("project_name", "")


@dataclass(frozen=True, slots=True, kw_only=True)
class EvidenceFile:
    """One piece of gate evidence as found in the project folder."""

    artefact: str                 # the artefact id
    path: str                     # where it is expected, relative to the project folder
    state: str                    # FILLED, MISSING, PLACEHOLDERS, GUIDANCE, EMPTY, UNREADABLE
    detail: str = ""              # what is left to do, in words

    @property
    def filled(self) -> bool:
        return self.state == FILLED


@dataclass(frozen=True, slots=True, kw_only=True)
class Project:
    folder: str                   # the folder as messages show it
    slug: str                     # the folder name
    record: KitRecord | None
    statuses: tuple[Status, ...]  # oldest first: the periods read (the last two)
    periods: tuple[str, ...]      # every period with a status file, oldest first
    evidence: Mapping[str, EvidenceFile] = field(
        default_factory=dict)  # by artefact id, for the gate looked at
    problems: tuple[Problem, ...] = ()

    @property
    def readable(self) -> bool:
        return not self.problems and self.record is not None and bool(self.statuses)

    @property
    def name(self) -> str:
        return (self.record.name if self.record else "") or self.slug

    @property
    def latest(self) -> Status | None:
        """The status of the latest period; None when that file could not be read (an
        older period is never shown in its place)."""
        if self.statuses and self.periods and self.statuses[-1].period == self.periods[-1]:
            return self.statuses[-1]
        return None

    @property
    def previous(self) -> Status | None:
        return self.statuses[-2] if self.latest is not None and len(self.statuses) > 1 else None
