"""Released handbook versions and what each changed: the release history renderers show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True, kw_only=True)
class ReleaseChange:
    """One standard's change in a handbook release."""

    standard_id: str
    title: str
    kind: str
    change: str  # "added", "changed" or "retired"
    old_version: str | None
    new_version: str
    summaries: tuple[str, ...]  # history summaries between the two versions
    breaking: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class ReleaseNote:
    """A released handbook version and what it changed, newest release first in the model."""

    version: str
    date: date
    changes: tuple[ReleaseChange, ...]
