"""What every standard has, whatever its kind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryEntry:
    version: str
    date: date
    summary: str
    change: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Approval:
    """Version `version` approved by the role `by` on `date`."""

    version: str
    by: str
    date: date


@dataclass(frozen=True, slots=True, kw_only=True)
class RaciRow:
    activity: str
    responsible: tuple[str, ...]
    accountable: str
    consulted: tuple[str, ...]
    informed: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Standard:
    """Fields every kind of standard has. `kind` is the name of its registry entry, `source`
    the file it came from (for edit links and messages), never the YAML itself."""

    kind: str
    id: str
    title: str
    version: str
    status: str
    owner: str
    effective: date
    review_by: date
    summary: str
    body: str
    pillar: str | None
    related: tuple[str, ...]
    raci: tuple[RaciRow, ...]
    history: tuple[HistoryEntry, ...]
    approved_by: str
    approvals: tuple[Approval, ...]
    source: str
    content_hash: str

    @property
    def retired(self) -> bool:
        return self.status == "retired"

    @property
    def in_force(self) -> bool:
        """Approved: a draft is not yet in force and a retired standard no longer is."""
        return self.status == "approved"

    @property
    def approval(self) -> Approval | None:
        """The approval of the current version, if it has one."""
        return next((a for a in self.approvals if a.version == self.version), None)
