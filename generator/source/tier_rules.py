"""Rules of handbook.yaml's `tier_criteria:`, beyond what the schema can say.

- budget and duration give one limit for each tier but the highest (which takes
  everything above), from the lowest tier up, each limit higher than the one before;
- a choice criterion's key is a new answer (not a built-in one, nor one of `answers:`,
  nor another criterion's); its levels are unique, name declared tiers and run from the
  lowest tier up.
"""

from __future__ import annotations

from generator.model.answers import BUILTIN_KEYS
from generator.source.checker import Checker
from generator.source.loader import Document, PathItem


def check_tier_criteria(checker: Checker, document: Document) -> None:
    data = document.data["tier_criteria"]
    tiers = sorted(t["id"] for t in document.data["tiers"])
    for name in ("budget", "duration"):
        _check_limits(checker, document, ["tier_criteria", name], data[name]["limits"], tiers)
    answers = {a["key"] for a in document.data.get("answers", ())}
    seen: set[str] = set()
    for i, choice in enumerate(data.get("choices", ())):
        path: list[PathItem] = ["tier_criteria", "choices", i]
        key = choice["key"]
        if key in BUILTIN_KEYS or key in answers or key in seen:
            where = ("a built-in answer" if key in BUILTIN_KEYS else
                     "declared under answers" if key in answers else "another criterion's key")
            checker.add(document, [*path, "key"],
                        f"{key!r} is {where}: give the criterion a key of its own")
        seen.add(key)
        _check_levels(checker, document, [*path, "levels"], choice["levels"], tiers)


def _check_limits(checker: Checker, document: Document, path: list[PathItem],
                  limits: list[dict[str, float]], tiers: list[int]) -> None:
    wanted = tiers[:-1]
    given = [x["tier"] for x in limits]
    checker.tier_refs(document, [*path, "limits"], given)
    if given != wanted:
        listed = ", ".join(map(str, wanted)) or "none"
        checker.add(document, [*path, "limits"],
                    f"limits are given for tiers {', '.join(map(str, given))}: give one for "
                    f"each tier but the highest, from the lowest up ({listed}); the highest "
                    "tier takes everything above")
        return
    for i in range(1, len(limits)):
        before = limits[i - 1].get("under", limits[i - 1].get("up_to"))
        value = limits[i].get("under", limits[i].get("up_to"))
        if value is not None and before is not None and value <= before:
            checker.add(document, [*path, "limits", i],
                        f"tier {given[i]}'s limit {value:g} is not above tier {given[i - 1]}'s "
                        f"({before:g}): each tier's limit is higher than the one below")


def _check_levels(checker: Checker, document: Document, path: list[PathItem],
                  levels: list[dict[str, object]], tiers: list[int]) -> None:
    checker.tier_refs(document, path, [level["tier"] for level in levels])
    seen: set[object] = set()
    for i, level in enumerate(levels):
        if level["id"] in seen:
            checker.add(document, [*path, i, "id"], f"level {level['id']!r} is declared twice")
        seen.add(level["id"])
        if i and level["tier"] < levels[i - 1]["tier"]:  # type: ignore[operator]
            checker.add(document, [*path, i, "tier"],
                        f"tier {level['tier']} comes after tier {levels[i - 1]['tier']}: "
                        "list the levels from the lowest tier up")
