"""The tier a project's answers put it in, from the handbook's tier criteria as plain data.

Standard library only: render_kit pastes this module into the kit's answer checks, which
run inside cookiecutter where only cookiecutter is installed. `rule` is
`TierCriteria.as_data()` (generator/model/tier_criteria.py) plus, under "deviation", per
tier the sentence saying who approves taking a lower tier and where it is recorded.

A project is in the highest tier any criterion puts it in: its budget (the first limit it
stays within; above every limit, the highest tier), its duration in months from the start
date to the planned end date (the same way, counting calendar months), and each choice
criterion by the tier of the level answered. The project manager may choose a higher
tier, never a lower one without the reference of an approved deviation.
"""

from __future__ import annotations

import calendar
import datetime
import re

AMOUNT = re.compile(r"^\d{1,3}(?:([,_ ])\d{3})?(?:\1\d{3})*$|^\d+$")


def amount(text: str) -> int | None:
    """A whole amount typed as `250000`, `250,000`, `250 000` or `250_000`; None otherwise."""
    text = text.strip()
    return int(re.sub(r"[,_ ]", "", text)) if AMOUNT.match(text) else None


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved `months` calendar months on (31 March + 1 month = 30 April)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def duration_text(start: datetime.date, end: datetime.date) -> str:
    """`12 months`, `5 months 28 days`: the time from `start` to `end` in calendar months."""
    months = 0
    while add_months(start, months + 1) <= end:
        months += 1
    days = (end - add_months(start, months)).days
    parts = [f"{months} month{'s' if months != 1 else ''}"] if months or not days else []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    return " ".join(parts)


def _within(limit: list[object], value: float) -> bool:
    _tier, kind, bound = limit
    return value < bound if kind == "under" else value <= bound  # type: ignore[operator]


def _duration_within(limit: list[object], start: datetime.date, end: datetime.date) -> bool:
    _tier, kind, bound = limit
    last = add_months(start, int(bound))  # type: ignore[call-overload]
    return end < last if kind == "under" else end <= last


def _date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        return None


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def criterion_tiers(rule: dict, answers: dict[str, str]) -> list[tuple[int, str]] | None:
    """(tier, why) for each criterion, e.g. (2, "budget 1,000,000 EUR"); None while an
    answer a criterion needs is missing or wrong."""
    top = max(rule["tiers"])
    found = []
    budget = amount(str(answers.get("budget", "")))
    start, end = _date(str(answers.get("start_date", ""))), _date(str(answers.get("end_date", "")))
    if budget is None or start is None or end is None or end < start:
        return None
    limits = rule["budget"]["limits"]
    tier = next((x[0] for x in limits if _within(x, budget)), top)
    found.append((tier, f"{rule['budget']['name'].lower()} {_number(budget)} "
                        f"{rule['budget']['unit']}"))
    limits = rule["duration"]["limits"]
    tier = next((x[0] for x in limits if _duration_within(x, start, end)), top)
    found.append((tier, f"{rule['duration']['name'].lower()} {duration_text(start, end)} "
                        f"({start.isoformat()} to {end.isoformat()})"))
    for choice in rule["choices"]:
        given = str(answers.get(choice["key"], "")).strip().lower()
        level = next((lv for lv in choice["levels"] if lv[0] == given), None)
        if level is None:
            return None
        found.append((level[1], f"{choice['name'].lower()} {given}"))
    return found


def derived_tier(rule: dict, answers: dict[str, str]) -> int | None:
    """The highest tier any criterion puts the project in; None while answers are missing."""
    found = criterion_tiers(rule, answers)
    return max(tier for tier, _ in found) if found else None


def why(rule: dict, answers: dict[str, str]) -> str:
    """`budget 1,000,000 EUR: tier 2; duration 12 months (...): tier 2; ...`"""
    return "; ".join(f"{text}: tier {tier}" for tier, text in criterion_tiers(rule, answers) or ())


def check_tier(rule: dict, answers: dict[str, str]) -> str | None:
    """A message when the tier chosen is lower than the answers give and no deviation is
    named; None when it is that tier or higher, or cannot be judged yet."""
    tier = derived_tier(rule, answers)
    chosen = str(answers.get("tier", "")).strip()
    if tier is None or not chosen.isdigit() or int(chosen) >= tier:
        return None
    if str(answers.get("tier_deviation", "")).strip():
        return None
    higher = [str(t) for t in rule["tiers"] if t >= tier]
    return (f"tier {chosen} is lower than tier {tier}, the tier your answers put the project "
            f"in ({why(rule, answers)}): choose tier {' or '.join(higher)}. "
            f"{rule['deviation'].get(str(tier), '')}".rstrip())
