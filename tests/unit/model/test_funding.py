"""The capacity rule on plain values, and the policy's worked examples."""

from __future__ import annotations

from types import MappingProxyType

from generator.model import Handbook, Policy
from generator.model.funding import FUNDED, MANDATORY, SKIPPED, Candidate, Capacity, fund, rank


def candidate(name: str, score: int | None, cost: float, days: float, **options: object
              ) -> Candidate:
    return Candidate(id=name, name=name, score=score, cost=cost,
                     skills=MappingProxyType({"de": days}), **options)  # type: ignore[arg-type]


def test_mandatory_first_then_rank_order_skipping_what_does_not_fit() -> None:
    decisions = fund([candidate("low", 250, 100, 10), candidate("big", 400, 900, 10),
                      candidate("law", None, 300, 50, mandatory=True),
                      candidate("mid", 300, 200, 10)],
                     Capacity(budget=1000, skills={"de": 100}))
    assert [(d.candidate.id, d.outcome, d.rank, d.budget_left, d.skills_left["de"])
            for d in decisions] == [
        ("law", MANDATORY, None, 700, 50), ("big", SKIPPED, 1, 700, 50),
        ("mid", FUNDED, 2, 500, 40), ("low", FUNDED, 3, 400, 30)]
    assert decisions[1].reasons == ("not enough budget: needs 900 EUR, 700 EUR left",)
    assert [d.candidate.id for d in decisions if d.funding_line] == ["low"]


def test_ties_go_to_the_tie_break_scores_and_else_are_marked_for_the_board() -> None:
    a = candidate("a", 300, 1, 0, tie_scores=(3,))
    b = candidate("b", 300, 1, 0, tie_scores=(4,))
    c = candidate("c", 300, 1, 0, tie_scores=(4,))
    assert [x.id for x in rank([a, b, c])] == ["b", "c", "a"]
    decisions = fund([a, b, c], None)
    assert [(d.candidate.id, d.tied) for d in decisions] == [("b", True), ("c", True),
                                                             ("a", False)]
    assert all(d.outcome == FUNDED and not d.funding_line for d in decisions)  # ranked only


def test_the_policy_worked_example_is_decided_by_the_rule(handbook: Handbook) -> None:
    policy = handbook.get("portfolio-prioritisation")
    assert isinstance(policy, Policy) and policy.prioritisation is not None
    p = policy.prioritisation
    assert p.total_weight == 100
    assert p.example_sum() == "4 × 0.30 + 3 × 0.25 + 2 × 0.20 + 5 × 0.15 + 4 × 0.10 = 3.50"
    rows = [(d.candidate.name, d.outcome, d.budget_left, d.skills_left["data-engineering"])
            for d in p.funding_example_decisions()]
    assert rows == [("M1 Regulatory reporting change", MANDATORY, 2_400_000, 280),
                    ("A", FUNDED, 1_400_000, 180), ("B", SKIPPED, 1_400_000, 180),
                    ("C", FUNDED, 600_000, 120), ("D", SKIPPED, 600_000, 120),
                    ("E", FUNDED, 200_000, 70)]
