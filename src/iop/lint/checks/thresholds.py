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
    amount: int
    since: dt.date
    source: Text
    period_years: int | None


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
    chosen = dated[0]
    for since, value in dated:
        if since <= on:
            chosen = (since, value)
    since, value = chosen
    title = entry.get("title") or {"sv": key, "en": key}
    period = entry.get("period_years")
    return Limit(
        key=key,
        title=title,
        currency=str(entry.get("currency", "SEK")),
        amount=int(value.get("amount", 0)),
        since=since,
        source=value.get("source") or {},
        period_years=int(period) if isinstance(period, int) else None,
    )
