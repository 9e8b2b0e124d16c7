"""Which plan year a command works on when the user does not say."""

from __future__ import annotations

import datetime as dt


def default_year(today: dt.date | None = None) -> int:
    """Plans are prepared in the second half of the year before: from July, next year."""
    today = today or dt.date.today()
    return today.year + 1 if today.month >= 7 else today.year
