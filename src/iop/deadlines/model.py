"""Adapter to the agreement model: the follow-up specification and the value over a term.

Everything the deadline commands need from fields whose shape belongs to the
agreement model is read here, through the model's own functions:
:func:`iop.frequency.follow_up` (every form of ``uppföljning.gånger_per_år``:
a number, ``minst`` + ``vid_behov``, ``första_avtalsåret``,
``intervall_månader``, ``datum``) and :func:`iop.budget.compute` (amounts as
ranges: cirka, högst, spann, schedules per year).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from iop.dates import parse_date
from iop.diagnostics import PathPart
from iop.frequency import FOLLOW_UP_PATH, Frequency, follow_up
from iop.money import Range, format_range


@dataclass(frozen=True)
class FollowUpSpec:
    """How often the parties follow up, and where the explicit dates stand in the file."""

    frequency: Frequency | None
    dates: tuple[tuple[dt.date, tuple[PathPart, ...]], ...] = ()
    path: tuple[PathPart, ...] = FOLLOW_UP_PATH

    def describe(self) -> str:
        """Swedish phrase for a description: ``2 gånger per år``, ``minst en gång per år och vid behov``."""
        return self.frequency.describe("sv") if self.frequency else "inte angivet"

    def occasions(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """Every follow-up due date from ``start`` to ``end`` (the model's rule), in order."""
        return self.frequency.occasions(start, end) if self.frequency else []


def follow_up_spec(data: Mapping[str, Any]) -> FollowUpSpec:
    """The follow-up specification of an agreement."""
    section = data.get("uppföljning")
    raw = section.get("gånger_per_år") if isinstance(section, Mapping) else None
    listed = raw.get("datum") if isinstance(raw, Mapping) else None
    dates = tuple(
        (day, (*FOLLOW_UP_PATH, "datum", i))
        for i, value in enumerate(listed if isinstance(listed, list) else [])
        if (day := parse_date(value)) is not None
    )
    return FollowUpSpec(follow_up(data), dates)


def value_range(data: Mapping[str, Any], end: dt.date | None) -> Range:
    """The total value (kronor, a range where amounts are approximate or capped) over the term to ``end``."""
    from iop.budget import compute

    data = dict(data)
    tidsram = data.get("tidsram")
    if end is not None and isinstance(tidsram, Mapping):
        data["tidsram"] = {**tidsram, "slut": end.isoformat()}
    return compute(data).total_range


def format_value(value: Range) -> str:
    """``3 583 500 kr``, ``cirka 3 700 000 kr``, ``1 923 900–3 723 900 kr`` (the model's wording)."""
    return format_range(value)
