"""The tier a project's answers give, against the shipped handbook's tier criteria."""

from __future__ import annotations

import datetime

import pytest

from generator.kit.hooks.tiers import amount, check_tier, derived_tier, duration_text, why
from generator.kit.questions import kit_checks
from generator.model import Handbook
from generator.model.tier_criteria import number


@pytest.fixture(scope="module")
def rule(handbook: Handbook) -> dict:
    return kit_checks(handbook)["tier_rule"]


SMALL = {"budget": "50000", "start_date": "2026-03-02", "end_date": "2026-07-31",
         "risk": "low", "reach": "one-team"}


@pytest.mark.parametrize(("change", "tier"), [
    ({}, 1),
    ({"budget": "99,999"}, 1),
    ({"budget": "100000"}, 2),               # tier 1 is under 100,000
    ({"budget": "1 000 000"}, 2),            # tier 2 is up to 1,000,000
    ({"budget": "1000001"}, 3),
    ({"end_date": "2026-09-01"}, 1),         # 5 months 30 days: under 6 months
    ({"end_date": "2026-09-02"}, 2),         # 6 months
    ({"end_date": "2027-09-02"}, 2),         # 18 months: up to 18
    ({"end_date": "2027-09-03"}, 3),
    ({"risk": "high"}, 3),
    ({"reach": "cross-team"}, 2),
])
def test_the_highest_tier_any_criterion_gives(rule: dict, change: dict, tier: int) -> None:
    assert derived_tier(rule, {**SMALL, **change}) == tier


def test_a_one_million_twelve_month_project_is_never_tier_1(rule: dict) -> None:
    answers = {**SMALL, "budget": "1,000,000", "start_date": "2026-03-02",
               "end_date": "2027-03-02"}
    assert derived_tier(rule, answers) == 2
    assert "budget 1,000,000 EUR: tier 2" in why(rule, answers)
    assert "duration 12 months (2026-03-02 to 2027-03-02): tier 2" in why(rule, answers)
    refused = check_tier(rule, {**answers, "tier": "1"})
    assert refused is not None
    assert refused.startswith("tier 1 is lower than tier 2, the tier your answers put the "
                              "project in")
    assert "choose tier 2 or 3" in refused
    assert "A lower tier needs a deviation approved by the" in refused
    assert check_tier(rule, {**answers, "tier": "2"}) is None
    assert check_tier(rule, {**answers, "tier": "3"}) is None  # higher is the PM's choice
    assert check_tier(rule, {**answers, "tier": "1", "tier_deviation": "DEV-2026-014"}) is None


def test_no_tier_while_an_answer_it_needs_is_missing_or_wrong(rule: dict) -> None:
    assert derived_tier(rule, {**SMALL, "budget": ""}) is None
    assert derived_tier(rule, {**SMALL, "risk": "unsure"}) is None
    assert derived_tier(rule, {**SMALL, "end_date": "2026-01-01"}) is None
    assert check_tier(rule, {**SMALL, "budget": "", "tier": "1"}) is None


@pytest.mark.parametrize(("text", "value"), [
    ("250000", 250000), ("250,000", 250000), ("1 000 000", 1000000), ("1_000", 1000),
    (" 7 ", 7), ("250,00", None), ("1,000 000", None), ("-5", None), ("1e6", None),
    ("", None), ("12.5", None)])
def test_amounts(text: str, value: int | None) -> None:
    assert amount(text) == value


def test_durations_count_calendar_months() -> None:
    day = datetime.date
    assert duration_text(day(2026, 3, 31), day(2026, 4, 30)) == "1 month"
    assert duration_text(day(2026, 3, 2), day(2026, 9, 1)) == "5 months 30 days"
    assert duration_text(day(2026, 3, 2), day(2026, 3, 2)) == "0 months"
    assert number(1000000) == "1,000,000" and number(1.5) == "1.5"


def test_the_criteria_read_as_sentences_from_the_data(handbook: Handbook) -> None:
    tiers = {t.id: t.criteria for t in handbook.settings.tiers}
    assert tiers[1][:2] == ("Budget: under 100,000 EUR (total cost, including internal effort)",
                            "Duration: under 6 months (from the start date to the planned end "
                            "date)")
    assert tiers[2][0].startswith("Budget: 100,000 to 1,000,000 EUR")
    assert tiers[3][:2] == ("Budget: over 1,000,000 EUR (total cost, including internal effort)",
                            "Duration: over 18 months (from the start date to the planned end "
                            "date)")
    assert tiers[3][2] == "Risk: high, or any regulatory, legal or safety obligation"
