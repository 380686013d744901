"""Dated amount limits from ``lint/thresholds.yaml`` (data, not code)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from iop.dates import parse_date
from iop.i18n import MessageError, Text


class ThresholdError(MessageError):
    """``lint/thresholds.yaml`` is malformed or lacks an entry."""


@dataclass(frozen=True)
class Limit:
    """One limit in force from a date."""

    key: str
    title: Text
    currency: str
    amount: int | None
    """None when no such limit existed in the period."""
    since: dt.date
    source: Text
    period_years: int | None
    until: dt.date | None = None
    """The last day the value applied (the day before the next entry), None while in force."""

    def period(self) -> Text:
        """``2020-01-01–2021-12-31`` or ``från 2024-01-01`` / ``from 2024-01-01``."""
        if self.until is None:
            return {"sv": f"från {self.since.isoformat()}", "en": f"from {self.since.isoformat()}"}
        span = f"{self.since.isoformat()}–{self.until.isoformat()}"
        return {"sv": span, "en": span}


def thresholds_file() -> Path:
    from iop.assets import asset

    return asset("lint", "thresholds.yaml")


@cache
def _load(path: Path) -> dict[str, Any]:
    from iop.lint.profiles import parse_yaml

    data = parse_yaml(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("thresholds"), dict):
        raise ThresholdError(
            {
                "sv": f"{path.name}: 'thresholds' saknas eller är inte en samling nycklar.",
                "en": f"{path.name}: 'thresholds' is missing or not a mapping.",
            }
        )
    return data


def sek_per_eur(path: Path | None = None) -> float:
    """The planning exchange rate for limits given in euro."""
    value = _load(path or thresholds_file()).get("sek_per_eur")
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ThresholdError(
            {"sv": "sek_per_eur saknas eller är ogiltig.", "en": "sek_per_eur is missing or invalid."}
        )
    return float(value)


def in_force(key: str, on: dt.date, path: Path | None = None) -> Limit:
    """The limit ``key`` in force on ``on``: the latest entry from on or before that day.

    A day before every entry gets the earliest entry (older limits are not recorded).
    ``until`` is the day before the next entry; ``amount`` is None when no limit existed.
    """
    file = path or thresholds_file()
    entry = _load(file)["thresholds"].get(key)
    values = entry.get("values") if isinstance(entry, dict) else None
    dated = [
        (d, v) for v in values or [] if isinstance(v, dict) and (d := parse_date(v.get("from"))) is not None
    ]
    if not isinstance(entry, dict) or not dated:
        raise ThresholdError(
            {
                "sv": f"{file.name}: gränsen '{key}' saknas eller har inga daterade värden.",
                "en": f"{file.name}: the limit '{key}' is missing or has no dated values.",
            }
        )
    dated.sort(key=lambda item: item[0])
    position = 0
    for i, (since, _) in enumerate(dated):
        if since <= on:
            position = i
    since, value = dated[position]
    until = dated[position + 1][0] - dt.timedelta(days=1) if position + 1 < len(dated) else None
    title = entry.get("title") or {"sv": key, "en": key}
    period = entry.get("period_years")
    amount = value.get("amount")
    return Limit(
        key=key,
        title=title,
        currency=str(entry.get("currency", "SEK")),
        amount=int(amount) if isinstance(amount, int | float) and not isinstance(amount, bool) else None,
        since=since,
        source=value.get("source") or {},
        period_years=int(period) if isinstance(period, int) else None,
        until=until,
    )
