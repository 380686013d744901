"""Budget arithmetic for an agreement: computed, never typed.

Amounts in the agreement are ``belopp_per_år`` per resource. The term is split
into agreement years from ``tidsram.start``; a shorter last year is prorated by
days. Every cell is rounded to whole kronor and totals are sums of the cells, so
a printed table always adds up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from iop.dates import parse_date

NBSP = "\u00a0"
RESOURCE_KINDS = ("ekonomiskt", "materiellt", "immateriellt")


@dataclass(frozen=True)
class Period:
    """One agreement year (the last may be shorter)."""

    index: int
    start: dt.date
    end: dt.date
    fraction: float

    @property
    def label(self) -> str:
        """``2025`` for a calendar year, else ``2025-07-01–2026-06-30``."""
        if self.start.month == 1 and self.start.day == 1 and self.end == dt.date(self.start.year, 12, 31):
            return str(self.start.year)
        return f"{self.start.isoformat()}–{self.end.isoformat()}"


@dataclass(frozen=True)
class PartyBudget:
    """What one party contributes, per period and in all."""

    part: str
    namn: str
    typ: str
    per_year_amount: int
    per_period: tuple[int, ...]
    by_kind: Mapping[str, int]
    total: int
    share: float


@dataclass(frozen=True)
class Budget:
    """The computed budget of an agreement."""

    periods: tuple[Period, ...]
    parties: tuple[PartyBudget, ...]
    total_per_period: tuple[int, ...]
    total: int
    public_total: int
    public_share: float
    extension_months: int | None
    """Months of possible extension; None when extension has no upper bound."""
    total_with_extensions: int | None
    public_total_with_extensions: int | None

    def party(self, part: str) -> PartyBudget | None:
        return next((p for p in self.parties if p.part == part), None)


def format_kr(amount: float, *, sign: bool = False) -> str:
    """``1 194 500 kr`` with no-break spaces; ``sign=True`` gives ``+46 800 kr`` / ``−46 800 kr``."""
    rounded = round(amount)
    digits = f"{abs(rounded):,}".replace(",", NBSP)
    prefix = ("+" if rounded > 0 else "−" if rounded < 0 else "±") if sign else ("−" if rounded < 0 else "")
    return f"{prefix}{digits}{NBSP}kr"


def format_share(share: float) -> str:
    """``46,3 %`` (Swedish decimal comma)."""
    return f"{share * 100:.1f}".replace(".", ",") + f"{NBSP}%"


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def periods(start: dt.date | None, end: dt.date | None) -> tuple[Period, ...]:
    """Agreement years from ``start`` to ``end`` inclusive; one full year if undated."""
    if start is None or end is None or end < start:
        today = start or dt.date(2000, 1, 1)
        return (Period(1, today, _add_years(today, 1) - dt.timedelta(days=1), 1.0),)
    out: list[Period] = []
    cursor, index = start, 1
    while cursor <= end and index <= 100:
        full_end = _add_years(start, index) - dt.timedelta(days=1)
        period_end = min(full_end, end)
        full_days = (full_end - cursor).days + 1
        fraction = ((period_end - cursor).days + 1) / full_days
        out.append(Period(index, cursor, period_end, fraction))
        cursor, index = period_end + dt.timedelta(days=1), index + 1
    return tuple(out)


def _amount(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0
    return max(0, round(value))


def compute(data: Mapping[str, Any]) -> Budget:
    """Compute the budget of agreement ``data`` (plain data from the loader).

    Tolerates incomplete or invalid data (the linter runs on drafts): unknown
    amounts count as zero and a missing term counts as one year.
    """
    tidsram = data.get("tidsram") if isinstance(data.get("tidsram"), Mapping) else {}
    assert isinstance(tidsram, Mapping)
    spans = periods(parse_date(tidsram.get("start")), parse_date(tidsram.get("slut")))

    parties_raw = data.get("parter") if isinstance(data.get("parter"), list) else []
    assert isinstance(parties_raw, list)
    declared = [p for p in parties_raw if isinstance(p, Mapping) and isinstance(p.get("id"), str)]
    ekonomi = data.get("ekonomi") if isinstance(data.get("ekonomi"), Mapping) else {}
    assert isinstance(ekonomi, Mapping)
    raw_resources = ekonomi.get("resurser")
    resources = (
        [r for r in raw_resources if isinstance(r, Mapping)] if isinstance(raw_resources, list) else []
    )

    order = [p["id"] for p in declared]
    order += [r["part"] for r in resources if isinstance(r.get("part"), str) and r["part"] not in order]
    info = {p["id"]: p for p in declared}

    built: list[tuple[str, str, str, int, tuple[int, ...], dict[str, int]]] = []
    for part in order:
        own = [r for r in resources if r.get("part") == part]
        yearly = sum(_amount(r.get("belopp_per_år")) for r in own)
        per_period = tuple(round(yearly * s.fraction) for s in spans)
        kinds: dict[str, int] = {}
        for r in own:
            slag = r.get("slag")
            kind = slag if isinstance(slag, str) else "okänt"
            kinds[kind] = kinds.get(kind, 0) + _amount(r.get("belopp_per_år"))
        meta = info.get(part, {})
        built.append((part, str(meta.get("namn", part)), str(meta.get("typ", "")), yearly, per_period, kinds))

    total = sum(sum(b[4]) for b in built)
    parties = tuple(
        PartyBudget(
            part=part,
            namn=namn,
            typ=typ,
            per_year_amount=yearly,
            per_period=per_period,
            by_kind=kinds,
            total=sum(per_period),
            share=(sum(per_period) / total) if total else 0.0,
        )
        for part, namn, typ, yearly, per_period, kinds in built
    )
    total_per_period = tuple(sum(p.per_period[i] for p in parties) for i in range(len(spans)))
    public = [p for p in parties if p.typ == "offentlig"]
    public_total = sum(p.total for p in public)

    extension = tidsram.get("förlängning")
    ext_months: int | None = 0
    if isinstance(extension, Mapping):
        length = extension.get("längd_månader")
        count = extension.get("högst_antal")
        if isinstance(count, int) and not isinstance(count, bool):
            ext_months = (length if isinstance(length, int) and not isinstance(length, bool) else 12) * count
        else:
            ext_months = None

    def with_extensions(base: int, yearly: int) -> int | None:
        return None if ext_months is None else base + round(yearly * ext_months / 12)

    return Budget(
        periods=spans,
        parties=parties,
        total_per_period=total_per_period,
        total=total,
        public_total=public_total,
        public_share=(public_total / total) if total else 0.0,
        extension_months=ext_months,
        total_with_extensions=with_extensions(total, sum(p.per_year_amount for p in parties)),
        public_total_with_extensions=with_extensions(public_total, sum(p.per_year_amount for p in public)),
    )
