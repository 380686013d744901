"""Adapter to the agreement model: the follow-up specification and the value over a term.

Everything the deadline commands need from fields whose shape belongs to the
agreement model (follow-up frequency, amounts) is read here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from iop.diagnostics import PathPart


@dataclass(frozen=True)
class FollowUpSpec:
    """How often the parties follow up: N per year, every N months, or on given dates."""

    per_year: int | None = None
    interval_months: int | None = None
    dates: tuple[tuple[dt.date, tuple[PathPart, ...]], ...] = ()
    path: tuple[PathPart, ...] = ("uppföljning",)
    as_needed: bool = False

    def describe(self) -> str:
        """Swedish phrase for a calendar description: ``2 gånger per år``."""
        if self.dates:
            return "på datum som anges i överenskommelsen"
        if self.interval_months:
            if self.interval_months % 12 == 0:
                years = self.interval_months // 12
                return "varje år" if years == 1 else f"vart {years}:e år"
            return f"var {self.interval_months}:e månad"
        count = self.per_year or 0
        extra = " och vid behov" if self.as_needed else ""
        return ("en gång per år" if count == 1 else f"{count} gånger per år") + extra


def follow_up_spec(data: Mapping[str, Any]) -> FollowUpSpec:
    """The follow-up specification of an agreement (today: ``uppföljning.gånger_per_år``)."""
    section = data.get("uppföljning")
    if not isinstance(section, Mapping):
        return FollowUpSpec()
    count = section.get("gånger_per_år")
    if isinstance(count, int) and not isinstance(count, bool) and count > 0:
        return FollowUpSpec(per_year=count, path=("uppföljning", "gånger_per_år"))
    return FollowUpSpec(path=("uppföljning", "gånger_per_år"))


def value_range(data: Mapping[str, Any], end: dt.date | None) -> tuple[int, int]:
    """Lowest and highest total value over the term running to ``end`` (both kronor)."""
    from iop.budget import compute

    data = dict(data)
    tidsram = data.get("tidsram")
    if end is not None and isinstance(tidsram, Mapping):
        data["tidsram"] = {**tidsram, "slut": end.isoformat()}
    total = compute(data).total
    return total, total
