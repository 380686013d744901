"""How often something happens: meetings and follow-up as agreements state them.

A frequency (``styrgrupp.möten_per_år``, ``grupper › N › möten_per_år``,
``uppföljning.gånger_per_år``) is a whole number of times a year or a mapping
with ``minst``, ``vid_behov``, ``första_avtalsåret``, ``intervall_månader``,
``datum`` and ``beskrivning``. :func:`parse_frequency` reads either form;
:func:`follow_up` and :func:`meetings` find them in an agreement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from iop.datapath import value_at
from iop.dates import add_months, parse_date
from iop.diagnostics import PathPart


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


@dataclass(frozen=True)
class Frequency:
    """A stated frequency. Every field is optional; ``dates`` are fixed or latest dates."""

    per_year: int | None = None
    """The (minimum) number of times a year: the integer form or ``minst``."""
    as_needed: bool = False
    first_year: int | None = None
    interval_months: int | None = None
    dates: tuple[dt.date, ...] = ()
    description: str | None = None
    at_least: bool = False
    """The count was stated as a minimum (``minst``)."""

    def yearly_rate(self, term_years: float | None = None) -> float:
        """The steady minimum number of times a year (0 when only 'vid behov').

        Dates alone count as their number spread over ``term_years`` (one year when unknown).
        """
        if self.per_year is not None:
            return float(self.per_year)
        if self.interval_months:
            return 12 / self.interval_months
        if self.first_year is not None:
            return float(self.first_year) / max(term_years or 1.0, 1.0)
        if self.dates:
            return len(self.dates) / max(term_years or 1.0, 1.0)
        return 0.0

    def occasions(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """Latest dates for the occasions within ``start``..``end``: fixed dates plus evenly spaced ones.

        A year with ``n`` occasions gets one at the end of each ``12/n``-month slot;
        an interval gets one at the end of each interval; 'vid behov' adds none.
        """
        found = {d for d in self.dates if start <= d <= end}
        cursor, year = start, 0
        while cursor <= end and year < 100:
            if self.interval_months and self.per_year is None and not (year == 0 and self.first_year):
                step, count = self.interval_months, 1
            else:
                count = (self.first_year if year == 0 and self.first_year is not None else self.per_year) or 0
                step = 12 // count if count else 12
            slot_start = cursor
            for _ in range(count):
                due = add_months(slot_start, step) - dt.timedelta(days=1)
                if due <= end:
                    found.add(due)
                slot_start = add_months(slot_start, step)
            cursor = slot_start if count and step > 12 else add_months(cursor, 12)
            year += 1
        return sorted(found)

    def describe(self, lang: str = "sv") -> str:
        """``4 gånger per år``, ``minst 2 gånger per år och vid behov``, ``var 24:e månad`` ..."""
        sv = lang == "sv"
        parts: list[str] = []
        if self.first_year is not None:
            parts.append(
                f"{_times(self.first_year, sv)} det första avtalsåret"
                if sv
                else f"{_times(self.first_year, sv)} the first year"
            )
        if self.per_year is not None:
            minst = self.at_least or self.first_year is not None or self.as_needed or self.interval_months
            word = ("minst " if sv else "at least ") if minst else ""
            parts.append(
                f"{word}{_times(self.per_year, sv)} per år"
                if sv
                else f"{word}{_times(self.per_year, sv)} a year"
            )
        elif self.interval_months:
            n = self.interval_months
            if n == 24:
                parts.append("vartannat år" if sv else "every second year")
            elif n % 12 == 0 and n > 12:
                parts.append(f"vart {n // 12}:e år" if sv else f"every {n // 12} years")
            else:
                parts.append(f"var {n}:e månad" if sv else f"every {n} months")
        if self.dates:
            shown = ", ".join(d.isoformat() for d in self.dates)
            parts.append(f"senast {shown}" if sv else f"by {shown}")
        if self.as_needed:
            parts.append("vid behov" if sv else "as needed")
        if not parts:
            return self.description or ("inte angivet" if sv else "not stated")
        joiner = " och " if sv else " and "
        if len(parts) == 1:
            return parts[0]
        return ", ".join(parts[:-1]) + joiner + parts[-1]


def _times(n: int, sv: bool) -> str:
    if sv:
        return "en gång" if n == 1 else f"{n} gånger"
    return "once" if n == 1 else f"{n} times"


def parse_frequency(value: Any) -> Frequency | None:
    """The frequency ``value`` states (integer or mapping), or None when it states none."""
    count = _count(value)
    if count is not None:
        return Frequency(per_year=count)
    if not isinstance(value, Mapping):
        return None
    raw_dates = value.get("datum")
    dates = tuple(
        sorted(d for d in (parse_date(x) for x in (raw_dates if isinstance(raw_dates, list) else [])) if d)
    )
    interval = _count(value.get("intervall_månader"))
    description = value.get("beskrivning")
    return Frequency(
        per_year=_count(value.get("minst")),
        as_needed=value.get("vid_behov") is True,
        first_year=_count(value.get("första_avtalsåret")),
        interval_months=interval or None,
        dates=dates,
        description=description if isinstance(description, str) and description.strip() else None,
        at_least=_count(value.get("minst")) is not None,
    )


FOLLOW_UP_PATH: tuple[PathPart, ...] = ("uppföljning", "gånger_per_år")


def follow_up(data: Mapping[str, Any]) -> Frequency | None:
    """The joint follow-up frequency (``uppföljning.gånger_per_år``), or None when not stated."""
    return parse_frequency(value_at(data, FOLLOW_UP_PATH))


@dataclass(frozen=True)
class GroupMeetings:
    """Where a group's meeting frequency is stated, the group's name and the frequency."""

    path: tuple[PathPart, ...]
    name: str
    frequency: Frequency


def meetings(data: Mapping[str, Any]) -> list[GroupMeetings]:
    """The meeting frequency of the styrgrupp and of each further group that states one."""
    out: list[GroupMeetings] = []
    steering = parse_frequency(value_at(data, ("styrgrupp", "möten_per_år")))
    if steering is not None:
        out.append(GroupMeetings(("styrgrupp", "möten_per_år"), "Styrgruppen", steering))
    groups = data.get("grupper")
    for i, group in enumerate(groups if isinstance(groups, list) else []):
        if not isinstance(group, Mapping):
            continue
        found = parse_frequency(group.get("möten_per_år"))
        if found is not None:
            name = group.get("namn")
            out.append(
                GroupMeetings(("grupper", i, "möten_per_år"), name if isinstance(name, str) else "", found)
            )
    return out
