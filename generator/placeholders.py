"""Placeholders that Word templates carry and the kit fills with a project's answers.

A template shows `[Project name]` where the project's name goes; the kit's
post-generation hook replaces each placeholder, whole, with the answer. The Word
renderer writes every placeholder as a run of its own so that it stays whole.
"""

from __future__ import annotations

BUILTIN_LABELS = {
    "project_name": "Project name",
    "project_slug": "Project slug",
    "project_manager": "Project manager",
    "sponsor": "Sponsor",
    "start_date": "Start date",
    "end_date": "Planned end date",
    "tier": "Tier",
}


def answer_label(key: str) -> str:
    """Human label of an answer key: `budget_owner` -> `Budget owner`."""
    return BUILTIN_LABELS.get(key, key.replace("_", " ").capitalize())


def placeholder(key: str) -> str:
    """The text a template shows for answer `key`, e.g. `[Project name]`."""
    return f"[{answer_label(key)}]"
