"""The capacity rule: mandatory items first, then rank order while budget and skills last.

Pure functions on plain values, used alike by the prioritisation policy's worked example
(the site and Word show what this code decides) and by `pmo portfolio`:

1. mandatory items are funded first, outside the ranking, and their demand is taken off
   the budget and every constrained skill;
2. ranked candidates follow in order of weighted score (ties: the tie-break criteria's
   scores, highest first; a tie that remains is marked for the portfolio board);
3. a candidate whose demand does not fit what is left is skipped, with the reason, and
   the next one is tried. The last ranked candidate funded marks the funding line.

Scores are kept in hundredths (a weighted score of 3.50 is 350), so ranking and ties are
exact; money and people-days are numbers as given.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

FUNDED, MANDATORY, SKIPPED = "funded", "mandatory", "skipped"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One item competing for capacity."""

    id: str
    name: str
    score: int | None                  # weighted score in hundredths; None for a mandatory item
    cost: float
    skills: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    mandatory: bool = False
    tie_scores: tuple[int, ...] = ()   # the tie-break criteria's scores, in order
    mandatory_reason: str = ""         # what it cites, and its date


@dataclass(frozen=True, slots=True)
class Capacity:
    """What the cycle can fund: the budget and the people-days of each constrained skill."""

    budget: float
    skills: Mapping[str, float]
    label: str = ""                    # the cycle, e.g. `2027 Q1`


@dataclass(frozen=True, slots=True)
class Decision:
    """What the capacity rule decided for one candidate, and what was left after it."""

    candidate: Candidate
    outcome: str                       # funded, mandatory or skipped
    rank: int | None                   # place in the ranking; None for a mandatory item
    reasons: tuple[str, ...]           # why it was skipped (or the mandatory citation)
    budget_left: float
    skills_left: Mapping[str, float]
    tied: bool = False                 # ties with a neighbour on every tie-break: the board decides
    funding_line: bool = False         # the last ranked candidate funded

    @property
    def funded(self) -> bool:
        return self.outcome in (FUNDED, MANDATORY)


SkillName = Callable[[str], str]


def rank(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Ranked candidates (mandatory items left out), best first."""
    ranked = [c for c in candidates if not c.mandatory]
    return sorted(ranked, key=lambda c: (-(c.score or 0), *(-s for s in c.tie_scores),
                                         c.name.casefold(), c.id))


def fund(candidates: Sequence[Candidate], capacity: Capacity | None,
         skill_name: SkillName = str, currency: str = "EUR") -> tuple[Decision, ...]:
    """Apply the capacity rule; without a capacity, rank only (nothing is skipped)."""
    budget = capacity.budget if capacity else 0.0
    left = dict(capacity.skills) if capacity else {}
    decisions: list[Decision] = []
    mandatory = sorted((c for c in candidates if c.mandatory), key=lambda c: (c.name, c.id))
    for item in mandatory:
        budget -= item.cost
        for skill, days in item.skills.items():
            left[skill] = left.get(skill, 0.0) - days
        decisions.append(Decision(item, MANDATORY, None,
                                  (item.mandatory_reason,) if item.mandatory_reason else (),
                                  budget, MappingProxyType(dict(left))))
    ranked = rank(candidates)
    keys = [(c.score, c.tie_scores) for c in ranked]
    last_funded = None
    for position, item in enumerate(ranked, start=1):
        tied = keys.count((item.score, item.tie_scores)) > 1
        reasons = _shortfalls(item, budget, left, skill_name, currency) if capacity else ()
        if reasons:
            outcome = SKIPPED
        else:
            outcome = FUNDED
            if capacity:
                budget -= item.cost
                for skill, days in item.skills.items():
                    left[skill] = left.get(skill, 0.0) - days
            last_funded = len(decisions)
        decisions.append(Decision(item, outcome, position, reasons, budget,
                                  MappingProxyType(dict(left)), tied=tied))
    if capacity and last_funded is not None:
        line = decisions[last_funded]
        decisions[last_funded] = Decision(line.candidate, line.outcome, line.rank, line.reasons,
                                          line.budget_left, line.skills_left, line.tied, True)
    return tuple(decisions)


def _shortfalls(item: Candidate, budget: float, left: Mapping[str, float],
                skill_name: SkillName, currency: str) -> tuple[str, ...]:
    reasons = []
    if item.cost > budget:
        reasons.append(f"not enough budget: needs {_money(item.cost, currency)}, "
                       f"{_money(max(budget, 0), currency)} left")
    for skill, days in item.skills.items():
        if days > left.get(skill, 0.0):
            reasons.append(f"not enough {skill_name(skill).lower()}: needs {days:g} days, "
                           f"{max(left.get(skill, 0.0), 0):g} left")
    return tuple(reasons)


def _money(value: float, currency: str) -> str:
    return f"{value:,.0f} {currency}"


def score_text(hundredths: int | None) -> str:
    """`3.50` for 350; `–` when there is no score."""
    return "–" if hundredths is None else f"{hundredths / 100:.2f}"
