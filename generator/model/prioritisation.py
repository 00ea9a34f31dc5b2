"""The prioritisation policy's rules as data: criteria with weights and scales, the tie
rule, the constrained skills and the worked examples.

The weighted score is the sum of score times weight, with weights in whole per cent that
add up to 100 (checked by the validator), so it is exact in hundredths: 4, 3, 2, 5, 4 on
weights 30, 25, 20, 15, 10 give 350, shown as 3.50. A criterion marked `inverse` is
scored the other way round by the person scoring (for risk, 5 means the least risk); the
score is used as given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.model.funding import Candidate, Capacity, Decision, fund


@dataclass(frozen=True, slots=True, kw_only=True)
class PriorityCriterion:
    id: str
    name: str
    weight: int                   # per cent; the weights of a policy add up to 100
    inverse: bool                 # scored the other way round: a 5 is the least of it
    highest: str                  # what the highest score looks like
    lowest: str                   # what the lowest score looks like


@dataclass(frozen=True, slots=True, kw_only=True)
class Scale:
    lowest: int = 1
    highest: int = 5


@dataclass(frozen=True, slots=True, kw_only=True)
class Skill:
    id: str
    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ExampleCandidate:
    """A line of the funding-line worked example."""

    name: str
    score: float | None           # its weighted score; left out for a mandatory item
    mandatory: bool
    cost: float
    skills: Mapping[str, float]


@dataclass(frozen=True, slots=True, kw_only=True)
class FundingExample:
    budget: float
    skills: Mapping[str, float]
    candidates: tuple[ExampleCandidate, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Prioritisation:
    """The `prioritisation:` block of a policy."""

    tiers: tuple[int, ...]        # the tiers whose candidates are ranked
    currency: str = "EUR"
    scale: Scale
    criteria: tuple[PriorityCriterion, ...]
    tie_break: tuple[str, ...]    # criteria whose higher score ranks first on a tie
    skills: tuple[Skill, ...]     # the constrained skills the capacity rule counts
    mandatory_test: str           # when an item counts as mandatory
    example_scores: Mapping[str, int]
    funding_example: FundingExample | None

    @property
    def total_weight(self) -> int:
        return sum(c.weight for c in self.criteria)

    def weighted(self, scores: Mapping[str, int]) -> int:
        """The weighted score in hundredths (350 is 3.50)."""
        return sum(scores[c.id] * c.weight for c in self.criteria)

    def tie_scores(self, scores: Mapping[str, int]) -> tuple[int, ...]:
        return tuple(scores[c] for c in self.tie_break)

    def criterion(self, criterion_id: str) -> PriorityCriterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def skill_name(self, skill_id: str) -> str:
        return next((s.name for s in self.skills if s.id == skill_id), skill_id)

    def tie_rule(self) -> str:
        """The tie rule in words."""
        names = [c.name.lower() for c in (self.criterion(i) for i in self.tie_break) if c]
        if not names:
            return "When two candidates tie, the portfolio board decides."
        order = " score, then the higher ".join(names)
        return (f"When two candidates tie, the one with the higher {order} score ranks first; "
                "if they still tie, the portfolio board decides.")

    def example_sum(self) -> str:
        """The worked example's sum: `4 × 0.30 + 3 × 0.25 + ... = 3.50`."""
        if not self.example_scores:
            return ""
        terms = " + ".join(f"{self.example_scores[c.id]} × {c.weight / 100:.2f}"
                           for c in self.criteria if c.id in self.example_scores)
        return f"{terms} = {self.weighted(self.example_scores) / 100:.2f}"

    def funding_example_decisions(self) -> tuple[Decision, ...]:
        """The funding-line example as the capacity rule decides it."""
        example = self.funding_example
        if example is None:
            return ()
        candidates = [Candidate(id=c.name, name=c.name,
                                score=None if c.score is None else round(c.score * 100),
                                cost=c.cost, skills=c.skills, mandatory=c.mandatory)
                      for c in example.candidates]
        return fund(candidates, Capacity(example.budget, example.skills), self.skill_name,
                    self.currency)
