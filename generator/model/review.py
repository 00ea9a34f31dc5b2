"""Standards due for review: `review_by` passed (overdue) or coming up.

"Today" is always given, never read here (the pipeline takes it from PMO_TODAY or the
clock), so what counts as overdue is reproducible in tests and release bundles.
A retired standard is never due: it no longer applies.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from generator.model.standard import Standard


def days_to_review(standard: Standard, today: date) -> int:
    """Days left until the standard's review date; negative when it has passed."""
    return (standard.review_by - today).days


def overdue(standard: Standard, today: date | None) -> bool:
    """The review date has passed (never for a retired standard, or without a today)."""
    return today is not None and not standard.retired and standard.review_by < today


def due_for_review(standards: Iterable[Standard], today: date,
                   within: int) -> list[Standard]:
    """Standards overdue or due within `within` days of today, earliest review date first."""
    horizon = today + timedelta(days=within)
    return sorted((s for s in standards if not s.retired and s.review_by <= horizon),
                  key=lambda s: (s.review_by, s.id))
