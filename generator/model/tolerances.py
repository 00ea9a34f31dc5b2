"""The tolerances policy's rules as data: what each tier may deviate, how a forecast breach
is measured, the project manager's share, and who is told and who decides.

The YAML (`tolerances:` of a policy) is read by the generic converter; the wording the
site and the Word document show for a limit is made here, once, from the same numbers
`pmo gate check` and `pmo portfolio` measure against.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

MEASURED_UNITS = ("percent", "weeks", "score")


def amount(value: float, currency: str = "") -> str:
    """`100,000 EUR`: whole amounts with thousands separators."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return f"{text} {currency}".strip()


def number(value: float) -> str:
    """`10`, `7.5`: a limit as a reader writes it."""
    return f"{value:g}"


@dataclass(frozen=True, slots=True, kw_only=True)
class ToleranceLimit:
    """One tier's tolerance on one dimension."""

    tier: int
    limit: float | None           # in the dimension's unit; None for a rule in words
    cap: float | None             # never more than this amount (cost), in the currency
    milestone_limit: float | None  # stricter limit on a regulatory or contractual milestone
    unfunded_only: bool           # risk: only risks without a funded response count
    also: str | None              # a further breach, stated in words and not measured
    rule: str | None              # the whole tolerance in words (scope, quality)


@dataclass(frozen=True, slots=True, kw_only=True)
class ToleranceDimension:
    """One dimension (cost, time, scope, quality, risk, benefits) across the tiers."""

    dimension: str
    measure: str                  # what is compared: the forecast against its baseline
    unit: str | None              # percent, weeks or score; None: a rule in words
    direction: str = "both"       # both: over and under breach; below: a shortfall breaches
    limits: tuple[ToleranceLimit, ...]

    @property
    def name(self) -> str:
        return self.dimension.capitalize()

    @property
    def measured(self) -> bool:
        return self.unit in MEASURED_UNITS

    def limit_for(self, tier: int) -> ToleranceLimit | None:
        return next((t for t in self.limits if t.tier == tier), None)

    def describe(self, tier: int, currency: str) -> str:
        """The tier's tolerance in words, e.g. `+/- 10%, and never more than 100,000 EUR`."""
        limit = self.limit_for(tier)
        if limit is None:
            return "–"
        if limit.limit is None:
            text = limit.rule or "–"
        elif self.unit == "score":
            text = f"Any risk scored {number(limit.limit)} or more"
            if limit.unfunded_only:
                text += " without a funded response"
        elif self.direction == "below":
            text = f"{quantity(limit.limit, self.unit)} or more below"
        else:
            text = f"+/- {quantity(limit.limit, self.unit)}"
        if limit.cap is not None:
            text += f", and never more than {amount(limit.cap, currency)}"
        if limit.milestone_limit is not None:
            text += (f"; +/- {quantity(limit.milestone_limit, self.unit)} on a regulatory "
                     "or contractual milestone")
        if limit.also:
            text += f"; or {limit.also}"
        if limit.rule and limit.limit is not None:
            text += f" ({limit.rule})"
        return text


def quantity(value: float, unit: str | None) -> str:
    """`10%`, `2 weeks`, `1 week`, `15`."""
    if unit == "percent":
        return f"{number(value)}%"
    if unit == "weeks":
        return f"{number(value)} week{'' if value == 1 else 's'}"
    return number(value)


@dataclass(frozen=True, slots=True, kw_only=True)
class ManagerShare:
    """The part of the project's tolerance the project manager may use when the charter
    is silent, and the dimensions it applies to (the others go up whole)."""

    percent: float
    applies_to: tuple[str, ...]

    def describe(self) -> str:
        """`half (50%)`."""
        words = {50: "half", 25: "a quarter", 75: "three quarters", 100: "all"}
        word = words.get(int(self.percent)) if float(self.percent).is_integer() else None
        return f"{word} ({number(self.percent)}%)" if word else f"{number(self.percent)}%"


@dataclass(frozen=True, slots=True, kw_only=True)
class Route:
    """Where a forecast breach goes: the report, to whom, and who decides."""

    report: str                   # "email" or the id of the artefact that carries it
    to: str                       # the role that receives it
    decided_by: str               # the role that decides
    note: str | None

    def words(self, title_of: Callable[[str], str]) -> str:
        """`Exception Report to Steering Committee; decided by Portfolio Board, <note>`,
        with `title_of` naming the artefact and roles (Handbook.title_of)."""
        report = "Email" if self.report == "email" else title_of(self.report)
        text = f"{report} to {title_of(self.to)}; decided by {title_of(self.decided_by)}"
        return f"{text}, {self.note}" if self.note else text


@dataclass(frozen=True, slots=True, kw_only=True)
class Escalation:
    """The routes of the tiers listed: a breach of the project manager's tolerance and a
    breach of the project's tolerance, and who else is told."""

    tiers: tuple[int, ...]
    manager: Route
    project: Route
    informed: tuple[str, ...]
    informed_note: str | None

    def route(self, level: str) -> Route:
        route: Route = getattr(self, level)
        return route


@dataclass(frozen=True, slots=True, kw_only=True)
class Tolerances:
    """The `tolerances:` block of a policy."""

    currency: str = "EUR"
    manager_share: ManagerShare
    dimensions: tuple[ToleranceDimension, ...]
    escalation: tuple[Escalation, ...]

    def dimension(self, name: str) -> ToleranceDimension | None:
        return next((d for d in self.dimensions if d.dimension == name), None)

    def escalation_for(self, tier: int) -> Escalation | None:
        return next((e for e in self.escalation if tier in e.tiers), None)

    def shared(self, dimension: str) -> bool:
        """Whether the project manager's share applies to `dimension`."""
        return dimension in self.manager_share.applies_to

    def direction_text(self) -> str:
        """Which way a forecast breaches, in words."""
        below = [d.dimension for d in self.dimensions if d.measured and d.direction == "below"]
        text = ("A forecast breaches a tolerance when it falls outside it, over or under: a "
                "forecast underspend or an early finish beyond the tolerance is a breach too")
        if below:
            text += f"; on {_join(below)} only a shortfall breaches"
        return text + "."

    def share_text(self) -> str:
        """The project manager's default share in words."""
        others = [d.dimension for d in self.dimensions if not self.shared(d.dimension)]
        text = (f"When the charter is silent, the project manager's tolerance is "
                f"{self.manager_share.describe()} of the project's on "
                f"{_join(self.manager_share.applies_to)}.")
        if others:
            text += (f" On {_join(others)} there is no share: a forecast breach there is a "
                     "breach of the project's tolerance.")
        return text

    def manager_example(self, tier: int) -> str:
        """The project manager's default tolerance on the shared measured dimensions of
        `tier`, in words: `5% on cost, 2 weeks on time`."""
        parts = []
        factor = self.manager_share.percent / 100
        for dimension in self.dimensions:
            limit = dimension.limit_for(tier)
            if not (self.shared(dimension.dimension) and dimension.measured and limit
                    and limit.limit is not None):
                continue
            text = quantity(limit.limit * factor, dimension.unit)
            if limit.cap is not None:
                text += f" (at most {amount(limit.cap * factor, self.currency)})"
            parts.append(f"{text} on {dimension.dimension}")
        return ", ".join(parts)


def _join(words: tuple[str, ...] | list[str]) -> str:
    """`cost, time and benefits`."""
    items = list(words)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
