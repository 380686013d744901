"""Agreement dates: the one parser every module uses."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: Any) -> dt.date | None:
    """A ``date``, or a YYYY-MM-DD string (the only form the schema accepts); else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months; the day is clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def months_before_end(end: dt.date, months: int) -> dt.date:
    """The last day to act ``months`` before a term that runs to and including ``end``.

    The term ends when ``end`` is over, so six months before a 31 December end
    is 30 June: (end + 1 day) − months − 1 day.
    """
    return add_months(end + dt.timedelta(days=1), -months) - dt.timedelta(days=1)
