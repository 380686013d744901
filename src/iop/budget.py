"""Budget arithmetic for an agreement: computed, never typed.

Each resource under ``ekonomi.resurser`` states an amount per agreement year
(``belopp_per_år``: exact, cirka, högst, a range or a formula), optionally a
schedule by year (``per_avtalsår``) and an indexation, and belongs to one party
(``part``) or is shared by several (``parter``; split equally). The term is split
into agreement years from ``tidsram.start``; a shorter last year is prorated by
days. Every cell is a :class:`~iop.money.Range` rounded to whole kronor and
totals are sums of the cells, so a printed table always adds up. The integer
fields (``per_period``, ``total`` ...) are the nominal (planning) figures.

For other modules: :func:`compute` gives the whole budget and
:func:`amounts_by_party_and_year` the per-party, per-year ranges.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from iop.dates import parse_date
from iop.money import NBSP, ZERO, Range, format_kr, format_range, parse_amount, total

__all__ = [
    "NBSP",
    "RESOURCE_KINDS",
    "Budget",
    "PartyBudget",
    "Period",
    "ResourceLine",
    "amounts_by_party_and_year",
    "compute",
    "format_kr",
    "format_range",
    "format_share",
    "periods",
    "resource_parties",
]

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
class ResourceLine:
    """One resource as the budget sees it."""

    index: int
    """Position under ``ekonomi › resurser`` (0-based)."""
    parties: tuple[str, ...]
    kind: str
    per_period: tuple[Range, ...]
    valued: bool
    """False for a resource stated without a value (``värderad: false`` or no amount)."""

    @property
    def total(self) -> Range:
        return total(self.per_period)


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
    per_period_range: tuple[Range, ...] = ()
    total_range: Range = ZERO
    per_year_range: Range = ZERO
    unvalued: tuple[int, ...] = ()
    """Indexes of this party's resources that have no value in kronor."""
    resources: tuple[int, ...] = ()
    """Indexes of every resource this party provides (alone or shared)."""


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
    lines: tuple[ResourceLine, ...] = ()
    total_range: Range = ZERO
    public_total_range: Range = ZERO
    total_per_period_range: tuple[Range, ...] = ()
    total_with_extensions_range: Range | None = None
    public_total_with_extensions_range: Range | None = None

    def party(self, part: str) -> PartyBudget | None:
        return next((p for p in self.parties if p.part == part), None)

    @property
    def approximate(self) -> bool:
        """True when some total is not an exact figure (ranges, cirka, formulas)."""
        return not self.total_range.is_exact


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


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def resource_parties(resource: Mapping[str, Any]) -> tuple[str, ...]:
    """The party ids a resource belongs to: ``part``, or every id under ``parter``."""
    shared = resource.get("parter")
    if isinstance(shared, list):
        ids = tuple(dict.fromkeys(p for p in shared if isinstance(p, str)))
        if ids:
            return ids
    part = resource.get("part")
    return (part,) if isinstance(part, str) else ()


def _schedule(resource: Mapping[str, Any]) -> dict[int, Range]:
    out: dict[int, Range] = {}
    raw = resource.get("per_avtalsår")
    for entry in raw if isinstance(raw, list) else []:
        if not isinstance(entry, Mapping):
            continue
        year = entry.get("år")
        amount = parse_amount(entry.get("belopp"))
        if isinstance(year, int) and not isinstance(year, bool) and amount is not None:
            out.setdefault(year, amount)
    return out


def _full_years(resource: Mapping[str, Any], spans: tuple[Period, ...]) -> tuple[Range | None, ...]:
    """The full-year amount of ``resource`` in each period (None where it states none)."""
    base = parse_amount(resource.get("belopp_per_år"))
    schedule = _schedule(resource)
    indexing = resource.get("indexering")
    raw_rate = _mapping(indexing).get("procent_per_år")
    rate = float(raw_rate) if isinstance(raw_rate, int | float) and not isinstance(raw_rate, bool) else None
    out: list[Range | None] = []
    for span in spans:
        if span.start.year in schedule:
            out.append(schedule[span.start.year])
            continue
        if base is None:
            out.append(None)
            continue
        value = base
        if isinstance(indexing, Mapping) and span.index > 1:
            if rate is not None:
                value = base.scaled((1 + rate / 100) ** (span.index - 1))
            else:
                value = Range(base.low, base.nominal, base.high, True)
        out.append(value)
    return tuple(out)


def _lines(
    resources: list[tuple[int, Mapping[str, Any]]], spans: tuple[Period, ...]
) -> list[tuple[ResourceLine, Range]]:
    """Each resource with its per-period ranges and its last full-year amount (for extensions)."""
    built: list[tuple[ResourceLine, Range]] = []
    for index, resource in resources:
        full = _full_years(resource, spans)
        valued = any(f is not None for f in full) and resource.get("värderad") is not False
        per_period = tuple(
            ZERO if f is None else f.scaled(s.fraction) for f, s in zip(full, spans, strict=True)
        )
        last = next((f for f in reversed(full) if f is not None), ZERO)
        slag = resource.get("slag")
        built.append(
            (
                ResourceLine(
                    index=index,
                    parties=resource_parties(resource),
                    kind=slag if isinstance(slag, str) else "okänt",
                    per_period=per_period if valued else tuple(ZERO for _ in spans),
                    valued=valued,
                ),
                last if valued else ZERO,
            )
        )
    return built


def compute(data: Mapping[str, Any]) -> Budget:
    """Compute the budget of agreement ``data`` (plain data from the loader).

    Tolerates incomplete or invalid data (the linter runs on drafts): unknown
    amounts count as zero and a missing term counts as one year.
    """
    tidsram = _mapping(data.get("tidsram"))
    spans = periods(parse_date(tidsram.get("start")), parse_date(tidsram.get("slut")))

    parties_raw = data.get("parter") if isinstance(data.get("parter"), list) else []
    assert isinstance(parties_raw, list)
    declared = [p for p in parties_raw if isinstance(p, Mapping) and isinstance(p.get("id"), str)]
    raw_resources = _mapping(data.get("ekonomi")).get("resurser")
    listed = raw_resources if isinstance(raw_resources, list) else []
    indexed = [(i, r) for i, r in enumerate(listed) if isinstance(r, Mapping)]
    lines = _lines(indexed, spans)

    order = [p["id"] for p in declared]
    for line, _ in lines:
        order += [p for p in line.parties if p not in order]
    info = {p["id"]: p for p in declared}

    # Per party: its share of every resource it provides.
    shares: dict[str, list[tuple[ResourceLine, tuple[Range, ...], Range]]] = {p: [] for p in order}
    for line, last in lines:
        n = len(line.parties)
        if n == 0:
            continue
        split_periods = [r.split(n) for r in line.per_period]
        split_last = last.split(n)
        for k, part in enumerate(line.parties):
            shares[part].append((line, tuple(sp[k] for sp in split_periods), split_last[k]))

    grand = total(total(line.per_period) for line, _ in lines if line.parties)
    parties: list[PartyBudget] = []
    for part in order:
        own = shares[part]
        per_period_range = tuple(total(cells[i] for _, cells, _ in own) for i in range(len(spans)))
        total_r = total(per_period_range)
        yearly = total(last for _, _, last in own)
        kinds: dict[str, int] = {}
        for line, _, last in own:
            kinds[line.kind] = kinds.get(line.kind, 0) + last.nominal
        meta = info.get(part, {})
        parties.append(
            PartyBudget(
                part=part,
                namn=str(meta.get("namn", part)),
                typ=str(meta.get("typ", "")),
                per_year_amount=yearly.nominal,
                per_period=tuple(r.nominal for r in per_period_range),
                by_kind=kinds,
                total=total_r.nominal,
                share=(total_r.nominal / grand.nominal) if grand.nominal else 0.0,
                per_period_range=per_period_range,
                total_range=total_r,
                per_year_range=yearly,
                unvalued=tuple(line.index for line, _, _ in own if not line.valued),
                resources=tuple(line.index for line, _, _ in own),
            )
        )
    total_per_period_range = tuple(total(p.per_period_range[i] for p in parties) for i in range(len(spans)))
    public = [p for p in parties if p.typ == "offentlig"]
    public_range = total(p.total_range for p in public)

    extension = tidsram.get("förlängning")
    ext_months: int | None = 0
    if isinstance(extension, Mapping):
        length = extension.get("längd_månader")
        count = extension.get("högst_antal")
        if isinstance(count, int) and not isinstance(count, bool):
            ext_months = (length if isinstance(length, int) and not isinstance(length, bool) else 12) * count
        else:
            ext_months = None

    def with_extensions(base: Range, yearly: Range) -> Range | None:
        return None if ext_months is None else base + yearly.scaled(ext_months / 12)

    all_ext = with_extensions(grand, total(p.per_year_range for p in parties))
    public_ext = with_extensions(public_range, total(p.per_year_range for p in public))
    return Budget(
        periods=spans,
        parties=tuple(parties),
        total_per_period=tuple(r.nominal for r in total_per_period_range),
        total=grand.nominal,
        public_total=public_range.nominal,
        public_share=(public_range.nominal / grand.nominal) if grand.nominal else 0.0,
        extension_months=ext_months,
        total_with_extensions=None if all_ext is None else all_ext.nominal,
        public_total_with_extensions=None if public_ext is None else public_ext.nominal,
        lines=tuple(line for line, _ in lines),
        total_range=grand,
        public_total_range=public_range,
        total_per_period_range=total_per_period_range,
        total_with_extensions_range=all_ext,
        public_total_with_extensions_range=public_ext,
    )


def amounts_by_party_and_year(data: Mapping[str, Any]) -> dict[str, dict[str, Range]]:
    """Party id → period label (``2025`` or ``2024-07-01–2025-06-30``) → the party's amount that year."""
    budget = compute(data)
    return {
        p.part: {span.label: p.per_period_range[i] for i, span in enumerate(budget.periods)}
        for p in budget.parties
    }
