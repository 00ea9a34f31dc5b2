"""Today's date, which tests and CI can fix: PMO_TODAY=YYYY-MM-DD."""

from __future__ import annotations

import os
from datetime import date

from generator.errors import PmoError

TODAY_VARIABLE = "PMO_TODAY"


def today() -> date:
    """PMO_TODAY when set (YYYY-MM-DD), else the clock's date."""
    value = os.environ.get(TODAY_VARIABLE, "").strip()
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise PmoError(f"{TODAY_VARIABLE}={value!r} is not a date; write it as YYYY-MM-DD "
                       "(e.g. 2026-03-01) or unset it") from err
