"""Forecast breaches measured against the tolerances policy's data."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from generator.model import Handbook, Policy
from generator.model.breaches import MANAGER, PROJECT, forecast_breaches
from generator.model.convert import from_data
from generator.model.status import Status
from generator.model.tolerances import Tolerances


@pytest.fixture(scope="module")
def tolerances(handbook: Handbook) -> Tolerances:
    policy = handbook.get("tolerances-escalation")
    assert isinstance(policy, Policy) and policy.tolerances is not None
    return policy.tolerances


def status(budget: float, eac: float, baseline: str = "2027-06-30",
           forecast: str = "2027-06-30", **extra: Any) -> Status:
    green = {"rating": "Green", "reason": "fine"}
    data = {"period": "2026-11", "next_gate": "G2", "narrative": "n",
            "rag": {d: green for d in ("overall", "schedule", "cost", "scope", "risk",
                                       "benefits")},
            "budget": budget, "forecast_at_completion": eac,
            "key_dates": {"handover": {"baseline": baseline, "forecast": forecast}}, **extra}
    return from_data(Status, data, source="s.yaml")


@pytest.mark.parametrize(("tier", "budget", "eac", "expected"), [
    (2, 800_000, 840_000, []),                        # +5%: at the manager's half, not over
    (2, 800_000, 880_000, [("cost", MANAGER)]),       # +10%: the project's limit, not over
    (2, 800_000, 880_001, [("cost", PROJECT)]),
    (2, 800_000, 841_000, [("cost", MANAGER)]),       # over half of 80,000
    (2, 800_000, 759_000, [("cost", MANAGER)]),       # an underspend breaches too
    (2, 2_000_000, 2_150_000, [("cost", PROJECT)]),   # 7.5% but over the 100,000 EUR cap
    (1, 50_000, 57_000, [("cost", MANAGER)]),         # tier 1: 15%, half is 3,750 EUR
])
def test_cost(tolerances: Tolerances, tier: int, budget: float, eac: float,
              expected: list[tuple[str, str]]) -> None:
    found = forecast_breaches(tolerances, tier, status(budget, eac))
    assert [(b.dimension, b.level) for b in found] == expected


def test_time_regulatory_milestone_benefits_and_risk(tolerances: Tolerances) -> None:
    s = status(1, 1, baseline="2027-06-30", forecast="2027-07-19",  # 19 days late
               key_dates={"handover": {"baseline": date(2027, 6, 30).isoformat(),
                                       "forecast": "2027-07-19"},
                          "milestones": [{"name": "Regulator filing", "baseline": "2027-03-01",
                                          "forecast": "2027-03-16", "regulatory": True}]},
               benefits={"target": 1_000_000, "forecast": 940_000},
               top_risks=[{"id": "R1", "title": "Vendor", "score": 16,
                           "funded_response": True},
                          {"id": "R2", "title": "Data", "score": 15,
                           "funded_response": False}])
    found = [(b.dimension, b.level, b.tolerance) for b in forecast_breaches(tolerances, 3, s)]
    assert found == [
        ("time", MANAGER, "+/- 2 weeks"),          # 19 days: over 14, within 28
        ("time", PROJECT, "+/- 2 weeks"),          # a regulatory milestone: 15 days > 14
        ("risk", PROJECT, "no risk scored 15 or more without a funded response"),
        ("benefits", PROJECT, "5% or more below"),  # 6% short; tier 3 allows 5
    ]


def test_breach_is_routed_by_tier_and_level(tolerances: Tolerances) -> None:
    (breach,) = forecast_breaches(tolerances, 2, status(800_000, 900_000))
    assert breach.route is not None
    assert (breach.route.report, breach.route.to, breach.route.decided_by) == (
        "exception-report", "steering-committee", "portfolio-board")
    assert breach.understated  # rated Green
    (tier_1,) = forecast_breaches(tolerances, 1, status(50_000, 60_000))
    assert tier_1.route is not None and tier_1.route.report == "email"
    assert tier_1.informed == ("pmo-analyst",)
