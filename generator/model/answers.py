"""The kit's built-in answers: the one list every stage uses.

The validator accepts these keys in artefact fields, Word templates show their
placeholders (`[Project name]`), and the kit asks, checks and fills them. `check` says
how an answer is checked: a non-empty name, a folder name (slug), a YYYY-MM-DD date, an
amount in whole units, or a declared tier. `default` is the kit's default as cookiecutter
writes it, and `shown_default` the same in words. `answer_checks` adds the handbook's own
required answers and its choice criteria (risk, reach).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.settings import Settings


@dataclass(frozen=True, slots=True)
class BuiltinAnswer:
    key: str
    label: str
    question: str
    check: str = ""  # name, slug, date, amount or tier; empty when any text will do
    default: str = ""
    shown_default: str = ""


BUILTIN_ANSWERS = (
    BuiltinAnswer("project_name", "Project name",
                  "Project name, as it will appear on every document", check="name"),
    BuiltinAnswer("project_slug", "Project slug",
                  "Folder name for the project (no spaces, / or ..)", check="slug",
                  default="{{ cookiecutter.project_name | slugify }}",
                  shown_default="the project name in lower case, words joined by -"),
    BuiltinAnswer("project_manager", "Project manager", "Project manager's full name",
                  check="name"),
    BuiltinAnswer("sponsor", "Sponsor",
                  "Sponsor's full name (accountable for the business case)", check="name"),
    BuiltinAnswer("start_date", "Start date", "Start date, YYYY-MM-DD", check="date",
                  default="{% now 'local', '%Y-%m-%d' %}", shown_default="today"),
    BuiltinAnswer("end_date", "Planned end date", "Planned end date, YYYY-MM-DD",
                  check="date after start_date",
                  default="{% now 'local' + 'days=180', '%Y-%m-%d' %}",
                  shown_default="180 days from today"),
    BuiltinAnswer("budget", "Budget",
                  "Approved budget in {unit}, total cost including internal effort "
                  "(a whole number, e.g. 250000)", check="amount"),
    BuiltinAnswer("tier", "Tier",
                  "Project tier ({tiers}): Enter takes the tier your answers give; you may "
                  "choose a higher one, a lower one only with an approved deviation",
                  check="tier", shown_default="the tier the answers give"),
)
BUILTIN_KEYS = tuple(a.key for a in BUILTIN_ANSWERS)
_LABELS = {a.key: a.label for a in BUILTIN_ANSWERS}


def answer_label(key: str) -> str:
    """Human label of an answer key: `budget_owner` -> `Budget owner`."""
    return _LABELS.get(key, key.replace("_", " ").capitalize())


def placeholder(key: str) -> str:
    """The text a template shows for answer `key`, e.g. `[Project name]`; the kit replaces
    each placeholder, whole, with the answer."""
    return f"[{answer_label(key)}]"


def answer_checks(settings: Settings) -> dict[str, str]:
    """Answer key -> how it is checked: the built-in answers that are checked, the
    handbook's required answers ("name": not empty) and its choice criteria
    ("choice low medium high")."""
    checks = {a.key: a.check for a in BUILTIN_ANSWERS if a.check and a.key != "tier"}
    checks |= {a.key: "name" for a in settings.answers if a.required}
    checks |= {c.key: f"choice {' '.join(c.ids)}" for c in settings.tier_criteria.choices}
    return {**checks, "tier": "tier"}  # the tier last: it is checked against the others
