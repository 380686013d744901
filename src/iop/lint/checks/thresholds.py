"""Dated amount limits from ``lint/thresholds.yaml`` (data, not code; its form is
``lint/schemas/gransbelopp.schema.json``)."""

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
    """The file's data, held to ``lint/schemas/gransbelopp.schema.json`` (read once)."""
    from iop.i18n import text
    from iop.lint.schemas import THRESHOLDS, check, read

    doc = read(path, path.name, text("Gränsbeloppsfilen", "The limits file"), ThresholdError)
    assert doc is not None
    check(doc, THRESHOLDS, ThresholdError)
    return doc.data


def sek_per_eur(path: Path | None = None) -> float:
    """The planning exchange rate for limits given in euro."""
    return float(_load(path or thresholds_file())["sek_per_eur"])


def in_force(key: str, on: dt.date, path: Path | None = None) -> Limit:
    """The limit ``key`` in force on ``on``: the latest entry from on or before that day.

    A day before every entry gets the earliest entry (older limits are not recorded).
    ``until`` is the day before the next entry; ``amount`` is None when no limit existed.
    """
    file = path or thresholds_file()
    entry = _load(file)["thresholds"].get(key)
    dated = [(d, v) for v in entry["values"] if (d := parse_date(v["from"])) is not None] if entry else []
    if not dated:
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
    return Limit(
        key=key,
        title=entry["title"],
        currency=entry.get("currency", "SEK"),
        amount=value["amount"],
        since=since,
        source=value["source"],
        period_years=entry.get("period_years"),
        until=until,
    )
