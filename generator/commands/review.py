"""`pmo review`: standards whose review date has passed or comes within DAYS days.

Exit 1 when any is overdue, so a scheduled CI job fails until the owners have reviewed
them; 0 otherwise (standards due soon are listed, not failed).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from generator.model import KINDS, Handbook, Standard
from generator.model.review import days_to_review, due_for_review
from generator.pipeline.check import load_handbook
from generator.pipeline.workspace import Workspace
from generator.shared.clock import today

DEFAULT_WITHIN = 30


def owner_title(handbook: Handbook, standard: Standard) -> str:
    role = handbook.by_id.get(standard.owner)
    return role.title if role is not None else standard.owner


def review_entries(handbook: Handbook, on: date, within: int) -> list[dict[str, Any]]:
    """The standards due for review, as they are reported."""
    return [{"id": s.id, "kind": s.kind, "title": s.title, "owner": s.owner,
             "owner_title": owner_title(handbook, s), "review_by": s.review_by.isoformat(),
             "days_left": days_to_review(s, on), "overdue": days_to_review(s, on) < 0,
             "source": s.source}
            for s in due_for_review(handbook.standards, on, within)]


def format_entries(entries: list[dict[str, Any]], on: date, within: int) -> str:
    if not entries:
        return f"No standard is due for review within {within} days of {on.isoformat()}."
    overdue = sum(1 for e in entries if e["overdue"])
    head = (f"Standards due for review on {on.isoformat()} (overdue, or due within {within} "
            f"days): {len(entries)}, {overdue} overdue")
    rows = [("", "Standard", "Owner", "Review by", "")]
    for e in entries:
        days = e["days_left"]
        when = (f"{-days} day{'s' if days != -1 else ''} overdue" if days < 0
                else "due today" if days == 0 else f"{days} day{'s' if days != 1 else ''} left")
        rows.append(("OVERDUE" if e["overdue"] else "due",
                     f"{KINDS[e['kind']].label} {e['id']}: {e['title']}", e["owner_title"],
                     e["review_by"], when))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r[:4], widths, strict=True)) + "  " + r[4]
             for r in rows]
    return "\n".join([head, "", *(line.rstrip() for line in lines)])


def review_standards(workspace: Workspace, *, within: int = DEFAULT_WITHIN,
                     output_format: str = "text") -> int:
    """Print the standards due for review; 1 when any is overdue, else 0."""
    handbook = load_handbook(workspace.standards)
    on = handbook.as_of or today()
    entries = review_entries(handbook, on, within)
    if output_format == "json":
        print(json.dumps({"today": on.isoformat(), "within": within, "standards": entries},
                         indent=2, ensure_ascii=False))
    else:
        print(format_entries(entries, on, within))
    return 1 if any(e["overdue"] for e in entries) else 0
