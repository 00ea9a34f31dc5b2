"""Review dates: overdue standards and those due soon, as of a given day."""

from __future__ import annotations

import dataclasses
from datetime import date

from generator.model import Handbook
from generator.model.review import days_to_review, due_for_review, overdue


def test_overdue_from_the_day_after_the_review_date(minimal_handbook: Handbook) -> None:
    risk = minimal_handbook.get("risk")  # review by 2027-01-05
    assert not overdue(risk, date(2027, 1, 5)) and days_to_review(risk, date(2027, 1, 5)) == 0
    assert overdue(risk, date(2027, 1, 6)) and days_to_review(risk, date(2027, 1, 6)) == -1
    assert not overdue(risk, None)
    assert not overdue(dataclasses.replace(risk, status="retired"), date(2030, 1, 1))


def test_handbook_marks_overdue_as_of_its_day(minimal_handbook: Handbook) -> None:
    risk = minimal_handbook.get("risk")
    assert not dataclasses.replace(minimal_handbook, as_of=date(2026, 6, 1)).overdue(risk)
    assert dataclasses.replace(minimal_handbook, as_of=date(2027, 2, 1)).overdue(risk)


def test_due_for_review_lists_overdue_and_due_soon_earliest_first(
        minimal_handbook: Handbook) -> None:
    risk = dataclasses.replace(minimal_handbook.get("risk"), review_by=date(2026, 5, 1))
    raid = dataclasses.replace(minimal_handbook.get("raid-log"), review_by=date(2026, 6, 20))
    retired = dataclasses.replace(minimal_handbook.get("sponsor"), review_by=date(2026, 1, 1),
                                  status="retired")
    others = [s for s in minimal_handbook.standards
              if s.id not in ("risk", "raid-log", "sponsor")]
    due = due_for_review([*others, raid, retired, risk], date(2026, 6, 1), 30)
    assert [s.id for s in due] == ["risk", "raid-log"]
    assert due_for_review([*others, raid, risk], date(2026, 6, 1), 10) == [risk]
