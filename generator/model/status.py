"""A project's status for one report period, as its `status/<YYYY-MM>.yaml` says.

Fields follow the status-report standard: the RAG rating of each dimension with its
reason, the overall rating, the narrative and the decision asked for, the next gate, the
budget and the forecast at completion, the key dates (baseline against forecast), and for
a candidate the prioritisation scores and its demand on the budget and scarce skills.
Built from schema-checked data by the generic converter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

RAG = ("Green", "Amber", "Red")
DIMENSIONS = ("schedule", "cost", "scope", "risk", "benefits")


@dataclass(frozen=True, slots=True, kw_only=True)
class Rating:
    rating: str                   # Green, Amber or Red
    reason: str

    @property
    def rank(self) -> int:
        """0 Green, 1 Amber, 2 Red: a higher rank is worse."""
        return RAG.index(self.rating)


@dataclass(frozen=True, slots=True, kw_only=True)
class Ratings:
    overall: Rating
    schedule: Rating
    cost: Rating
    scope: Rating
    risk: Rating
    benefits: Rating

    def of(self, dimension: str) -> Rating:
        rating: Rating = getattr(self, dimension)
        return rating


@dataclass(frozen=True, slots=True, kw_only=True)
class KeyDate:
    name: str | None
    baseline: date
    forecast: date
    regulatory: bool              # a regulatory or contractual milestone

    @property
    def slip_days(self) -> int:
        """Forecast minus baseline in calendar days; positive is late."""
        return (self.forecast - self.baseline).days


@dataclass(frozen=True, slots=True, kw_only=True)
class KeyDates:
    handover: KeyDate             # the handover or go-live: the time tolerance is measured on it
    milestones: tuple[KeyDate, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Benefits:
    target: float
    forecast: float


@dataclass(frozen=True, slots=True, kw_only=True)
class TopRisk:
    id: str
    title: str
    score: int                    # probability times impact, 1 to 25
    funded_response: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Mandatory:
    cites: str                    # the law, regulation or contract
    date: date


@dataclass(frozen=True, slots=True, kw_only=True)
class Demand:
    budget: float
    skills: Mapping[str, float]   # people-days by constrained skill


@dataclass(frozen=True, slots=True, kw_only=True)
class CandidateScores:
    """A candidate's proposed (or moderated) scores and its demand on capacity."""

    scores: Mapping[str, int]
    mandatory: Mandatory | None
    demand: Demand


@dataclass(frozen=True, slots=True, kw_only=True)
class Status:
    period: str                   # YYYY-MM
    next_gate: str
    rag: Ratings
    narrative: str
    decision_needed: str | None
    budget: float
    forecast_at_completion: float
    key_dates: KeyDates
    benefits: Benefits | None
    top_risks: tuple[TopRisk, ...]
    prioritisation: CandidateScores | None
    source: str                   # the file, as messages show it

    @property
    def variance(self) -> float:
        """Forecast at completion minus budget; positive is over."""
        return self.forecast_at_completion - self.budget
