"""Checks on a project's kit answers, shared by `pmo new` and the kit's pre-generation hook.

Standard library only: render_kit copies this module's source into the kit's
answer checks and pre-generation hook, which run where only cookiecutter is installed.
Which answer gets which check comes from the model (`checks`: key -> name, slug, date,
"date after <key>", amount, "choice <level> <level> ..." or tier), handed in by the
caller; the tier is then held against the tier criteria (kit.hooks.tiers).
"""

from __future__ import annotations

import datetime
import re
import unicodedata

from generator.kit.hooks.tiers import amount, check_tier

DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FORBIDDEN_SLUG_CHARS = '/\\:<>"|?*'
# Characters a Word or Excel file (XML 1.0) cannot hold: control characters but tab and
# line breaks, lone surrogates (bytes that were not UTF-8), U+FFFE and U+FFFF. The
# validator refuses the same in standards; fill.UNHOLDABLE is this pattern too.
UNHOLDABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def slug_is_safe(slug: str) -> bool:
    """True when `slug` is one plain folder name: no separators, `..`, drive or blank.

    The kit's cookiecutter.json applies the path part of this rule (blank, `/`,
    `\\`, `..`, `:`) in Jinja to choose the folder cookiecutter creates before
    the hooks run; keep the two in step.
    """
    return bool(slug.strip()) and slug == slug.strip() and slug != "." \
        and ".." not in slug and not any(c in slug for c in FORBIDDEN_SLUG_CHARS) \
        and not any(ord(c) < 32 for c in slug)


def check_slug(slug: str) -> str | None:
    """A message saying what is wrong with the project slug, or None."""
    if not slug.strip():
        return ("project_slug is empty: give the project folder a name, e.g. "
                "project_slug=warehouse-scanners")
    if slug != slug.strip():
        return f"project_slug {slug!r} starts or ends with a space: remove it"
    if "/" in slug or "\\" in slug:
        return (f"project_slug {slug!r} holds a path separator: the slug is one folder "
                "name, e.g. warehouse-scanners")
    if ".." in slug or slug == ".":
        return f"project_slug {slug!r} holds '..' or is '.': use a plain folder name"
    if ":" in slug:
        return (f"project_slug {slug!r} holds ':' (a drive or absolute path): "
                "use a plain folder name")
    bad = sorted({c for c in slug if c in FORBIDDEN_SLUG_CHARS or ord(c) < 32})
    if bad:
        return (f"project_slug {slug!r} holds characters a folder name cannot have: "
                f"{' '.join(repr(c) for c in bad)}")
    return None


def check_date(key: str, value: str) -> str | None:
    """A message when `value` is not a real YYYY-MM-DD date, or None."""
    if not DATE_PATTERN.match(value):
        return f"{key} {value!r} is not a date written as YYYY-MM-DD, e.g. 2026-03-01"
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return f"{key} {value!r} is not a real date (check the month and day)"
    return None


def check_holdable(key: str, value: str) -> str | None:
    """A message when `value` holds a character no Word or Excel file can hold, or None."""
    bad = UNHOLDABLE.search(value)
    if bad is None:
        return None
    char = bad.group()
    what = ("a byte that is not UTF-8 text" if "\ud800" <= char <= "\udfff"
            else f"the {'control ' if unicodedata.category(char) == 'Cc' else ''}character "
                 f"U+{ord(char):04X}")
    return (f"{key} holds {what} (character {bad.start() + 1}), which Word and Excel files "
            "cannot hold: remove it")


def check_answer(key: str, value: str, answers: dict[str, str], checks: dict[str, str],
                 tiers: tuple[str, ...] = ()) -> str | None:
    """Check one answer, given the answers before it; a message or None."""
    unholdable = check_holdable(key, value)
    if unholdable:
        return unholdable
    kind, _, after = checks.get(key, "").partition(" after ")
    if kind == "name" and not value.strip():
        return f"{key} is empty: give the {key.replace('_', ' ')}"
    if kind == "amount":
        return check_amount(key, value)
    if kind.startswith("choice "):
        levels = kind.split()[1:]
        if value.strip().lower() not in levels:
            said = "is empty" if not value.strip() else f"{value!r} is not one of the answers"
            return f"{key} {said}: answer {', '.join(levels[:-1])} or {levels[-1]}"
    if kind == "slug":
        return check_slug(value)
    if kind == "date":
        problem = check_date(key, value)
        if problem:
            return problem
        start = answers.get(after, "")
        if after and check_date(after, start) is None and value < start:
            return (f"{key} {value} is before {after} {start}: "
                    "the project must end after it starts")
    if kind == "tier" and tiers and value.strip() and value.strip() not in tiers:
        return (f"tier {value!r} is not one of {', '.join(tiers)}: choose one, or leave it "
                "empty for the tier your answers give")
    return None


def check_amount(key: str, value: str) -> str | None:
    """A message when `value` is not a whole amount such as 250000 or 250,000, or None."""
    if not value.strip():
        return f"{key} is empty: give it as a whole number, e.g. 250000"
    if amount(value) is None:
        return (f"{key} {value!r} is not a whole amount: write it in digits, e.g. 250000 or "
                "250,000 (no currency, no decimals)")
    return None


def check_answers(answers: dict[str, str], checks: dict[str, str],
                  tiers: tuple[str, ...] = (), rule: dict | None = None) -> list[str]:
    """Every problem in a full set of answers: the checked ones in the order of `checks`,
    then the others (any answer may hold a character no Office file can hold), then a tier
    lower than the tier criteria give (`rule`), once the answers they need are right."""
    given = {key: str(value) for key, value in answers.items()}
    keys = [*(k for k in checks if k in given), *(k for k in given if k not in checks)]
    problems = [problem for key in keys
                if (problem := check_answer(key, given[key], given, checks, tiers))]
    lower = check_tier(rule, given) if rule else None
    return [*problems, lower] if lower else problems
