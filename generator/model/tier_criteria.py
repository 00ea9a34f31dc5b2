"""The tier criteria kept as data (handbook.yaml `tier_criteria:`): budget and duration limits
per tier, and the choice criteria (risk, reach) whose levels each name a tier.

The rule is the same everywhere: a project is in the highest tier any criterion puts it in;
the project manager may choose a higher tier, never a lower one without an approved
deviation. The site, the Word handbook and the kit print the criteria as sentences made
here (`sentences`); the kit's questions check the answers against `as_data()` with the
standard-library code of generator/kit/hooks/tiers.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

RULE = ("A project is in the highest tier any criterion puts it in. You may choose a higher "
        "tier, never a lower one without an approved deviation.")


@dataclass(frozen=True, slots=True, kw_only=True)
class Limit:
    """The most a project of `tier` may have: less than `under`, or at most `up_to`."""

    tier: int
    under: float | None = None
    up_to: float | None = None

    @property
    def value(self) -> float:
        return self.under if self.under is not None else self.up_to  # type: ignore[return-value]


@dataclass(frozen=True, slots=True, kw_only=True)
class Measured:
    """A criterion measured as a number (budget in its unit, duration in months)."""

    name: str
    unit: str
    note: str | None = None
    limits: tuple[Limit, ...]

    def describe(self, tier: int) -> str | None:
        """The range of `tier` in words, e.g. `100,000 to 1,000,000 EUR`; None if no range."""
        below = [x for x in self.limits if x.tier < tier]
        own = next((x for x in self.limits if x.tier == tier), None)
        last = below[-1] if below else None
        if own is None and last is None:
            return None
        if own is None:
            assert last is not None
            text = (f"{number(last.value)} or more" if last.under is not None
                    else f"over {number(last.value)}")
        elif last is None:
            text = (f"under {number(own.value)}" if own.under is not None
                    else f"up to {number(own.value)}")
        else:
            start = number(last.value) if last.under is not None else f"over {number(last.value)}"
            end = number(own.value) if own.up_to is not None else f"under {number(own.value)}"
            text = f"{start} to {end}"
        return f"{text} {self.unit}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Level:
    """One answer of a choice criterion and the tier it puts a project in."""

    id: str
    tier: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Choice:
    """A criterion the project manager answers by choosing a level (risk, reach)."""

    key: str          # the kit answer
    name: str
    question: str
    levels: tuple[Level, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(level.id for level in self.levels)


@dataclass(frozen=True, slots=True, kw_only=True)
class TierCriteria:
    """Budget and duration limits per tier, and the choice criteria."""

    budget: Measured
    duration: Measured
    choices: tuple[Choice, ...] = ()

    def sentences(self, tier: int) -> tuple[str, ...]:
        """The criteria of `tier` as the site, Word and the kit print them."""
        lines = []
        for measured in (self.budget, self.duration):
            text = measured.describe(tier)
            if text:
                note = f" ({measured.note})" if measured.note else ""
                lines.append(f"{measured.name}: {text}{note}")
        for choice in self.choices:
            texts = [level.text for level in choice.levels if level.tier == tier]
            if texts:
                lines.append(f"{choice.name}: {'; or '.join(texts)}")
        return tuple(lines)

    def as_data(self, tiers: tuple[int, ...]) -> dict[str, Any]:
        """Plain data for the kit's checks (generator/kit/hooks/tiers.py)."""

        def measured(m: Measured) -> dict[str, Any]:
            return {"name": m.name, "unit": m.unit,
                    "limits": [[x.tier, "under" if x.under is not None else "up_to", x.value]
                               for x in m.limits]}

        return {"tiers": list(tiers), "budget": measured(self.budget),
                "duration": measured(self.duration),
                "choices": [{"key": c.key, "name": c.name,
                             "levels": [[lv.id, lv.tier] for lv in c.levels]}
                            for c in self.choices]}


def number(value: float) -> str:
    """100000 -> `100,000`; 6.0 -> `6`; 1.5 -> `1.5`."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
