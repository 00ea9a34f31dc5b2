"""Forecast tolerance breaches of a project's latest status, measured against the
tolerances policy's data, each with the route it takes.

- cost: the estimate at completion against the budget, in per cent of the budget, and in
  money against the cap where the tier has one; over and under both breach;
- time: the forecast handover against its baseline, in weeks; a regulatory or contractual
  milestone against the tier's milestone limit; early and late both breach;
- benefits: the forecast against the target; a shortfall of the limit or more breaches;
- risk: any top risk scored at the limit or more (without a funded response, where the
  tier says so).

A deviation beyond the project's tolerance breaches it; on a dimension the project
manager's share applies to, a smaller deviation beyond that share breaches the project
manager's tolerance. Scope and quality are rules in words: not measured.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.status import Status
from generator.model.tolerances import (
    Route,
    ToleranceDimension,
    Tolerances,
    amount,
    number,
    quantity,
)

MANAGER, PROJECT = "manager", "project"
LEVEL_WORDS = {MANAGER: "the project manager's tolerance", PROJECT: "the project's tolerance"}
RAG_DIMENSION = {"cost": "cost", "time": "schedule", "benefits": "benefits", "risk": "risk",
                 "scope": "scope", "quality": "scope"}


@dataclass(frozen=True, slots=True)
class Breach:
    """One forecast breach and where it goes."""

    dimension: str                # cost, time, benefits or risk
    measured: str                 # what the forecast shows, in words
    tolerance: str                # the tolerance breached, in words
    level: str                    # MANAGER or PROJECT
    route: Route | None           # the report, to whom, who decides
    informed: tuple[str, ...]     # roles also told
    rating: str                   # the rating the status gives the dimension

    @property
    def of(self) -> str:
        return LEVEL_WORDS[self.level]

    @property
    def understated(self) -> bool:
        """Rated Green although the forecast is outside tolerance."""
        return self.rating == "Green"


def forecast_breaches(tolerances: Tolerances, tier: int, status: Status) -> tuple[Breach, ...]:
    found: list[tuple[str, str, str, str]] = []  # dimension, measured, tolerance, level
    for dimension in tolerances.dimensions:
        if dimension.dimension == "cost":
            found += _cost(tolerances, dimension, tier, status)
        elif dimension.dimension == "time":
            found += _time(tolerances, dimension, tier, status)
        elif dimension.dimension == "benefits":
            found += _benefits(tolerances, dimension, tier, status)
        elif dimension.dimension == "risk":
            found += _risk(dimension, tier, status)
    escalation = tolerances.escalation_for(tier)
    return tuple(
        Breach(name, measured, tolerance, level,
               escalation.route(level) if escalation else None,
               escalation.informed if escalation else (),
               status.rag.of(RAG_DIMENSION[name]).rating)
        for name, measured, tolerance, level in found)


Found = list[tuple[str, str, str, str]]


def _level(deviation: float, project: float, share: float | None, *,
           inclusive: bool = False) -> str | None:
    def beyond(limit: float) -> bool:
        return deviation >= limit if inclusive else deviation > limit
    if beyond(project):
        return PROJECT
    if share is not None and beyond(share):
        return MANAGER
    return None


def _share(tolerances: Tolerances, dimension: str) -> float | None:
    return tolerances.manager_share.percent / 100 if tolerances.shared(dimension) else None


def _cost(t: Tolerances, d: ToleranceDimension, tier: int, status: Status) -> Found:
    limit = d.limit_for(tier)
    if limit is None or limit.limit is None or status.budget <= 0:
        return []
    allowed = status.budget * limit.limit / 100
    words = f"+/- {number(limit.limit)}%"
    if limit.cap is not None and limit.cap < allowed:
        allowed = limit.cap
        words += f", capped at {amount(limit.cap, t.currency)}"
    variance = status.variance
    share = _share(t, "cost")
    level = _level(abs(variance), allowed, allowed * share if share is not None else None)
    if level is None:
        return []
    tolerance = f"{words} = {amount(allowed, t.currency)}"
    if level == MANAGER and share is not None:
        tolerance = f"{amount(allowed * share, t.currency)} ({number(share * 100)}% of {tolerance})"
    sign = "+" if variance >= 0 else "-"
    measured = (f"EAC {amount(status.forecast_at_completion, t.currency)} against a budget of "
                f"{amount(status.budget, t.currency)}: {sign}{amount(abs(variance), t.currency)} "
                f"({sign}{abs(variance) / status.budget * 100:.1f}%)")
    return [("cost", measured, tolerance, level)]


def _time(t: Tolerances, d: ToleranceDimension, tier: int, status: Status) -> Found:
    limit = d.limit_for(tier)
    if limit is None or limit.limit is None:
        return []
    share = _share(t, "time")
    found: Found = []
    dates = [(status.key_dates.handover, limit.limit, "handover")]
    dates += [(m, limit.milestone_limit or limit.limit, m.name or "milestone")
              for m in status.key_dates.milestones if m.regulatory]
    for key_date, weeks, label in dates:
        slip = key_date.slip_days
        level = _level(abs(slip), weeks * 7, weeks * 7 * share if share is not None else None)
        if level is None:
            continue
        allowed = weeks * share if level == MANAGER and share is not None else weeks
        when = "late" if slip > 0 else "early"
        measured = (f"{label.capitalize()} forecast {key_date.forecast.isoformat()} against a "
                    f"baseline of {key_date.baseline.isoformat()}: {abs(slip)} days {when} "
                    f"({abs(slip) / 7:.1f} weeks)")
        found.append(("time", measured, f"+/- {quantity(allowed, 'weeks')}", level))
    return found


def _benefits(t: Tolerances, d: ToleranceDimension, tier: int, status: Status) -> Found:
    limit = d.limit_for(tier)
    benefits = status.benefits
    if limit is None or limit.limit is None or benefits is None or benefits.target <= 0:
        return []
    shortfall = (benefits.target - benefits.forecast) / benefits.target * 100
    share = _share(t, "benefits")
    level = _level(shortfall, limit.limit, limit.limit * share if share is not None else None,
                   inclusive=True)
    if level is None:
        return []
    allowed = limit.limit * share if level == MANAGER and share is not None else limit.limit
    measured = (f"Benefits forecast {amount(benefits.forecast, t.currency)} against a target of "
                f"{amount(benefits.target, t.currency)}: {shortfall:.1f}% below")
    return [("benefits", measured, f"{number(allowed)}% or more below", level)]


def _risk(d: ToleranceDimension, tier: int, status: Status) -> Found:
    limit = d.limit_for(tier)
    if limit is None or limit.limit is None:
        return []
    over = [r for r in status.top_risks if r.score >= limit.limit
            and not (limit.unfunded_only and r.funded_response)]
    if not over:
        return []
    names = "; ".join(f"{r.id} {r.title} ({r.score})" for r in over)
    tolerance = f"no risk scored {number(limit.limit)} or more" + (
        " without a funded response" if limit.unfunded_only else "")
    return [("risk", f"Risks over the limit: {names}", tolerance, PROJECT)]
