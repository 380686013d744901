"""One agreement as the register shows it: public data only, with the facts the list filters on."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from iop.dates import parse_date
from iop.personal import redact

LISTED_STATUSES = ("beslutad", "undertecknad", "gällande", "avslutad")
"""Statuses shown in the register: every agreement that has been decided. Drafts are not."""
STATUS_WORDS = {
    "beslutad": "Beslutad",
    "undertecknad": "Undertecknad",
    "gällande": "Gällande",
    "avslutad": "Avslutad",
}


@dataclass(frozen=True)
class Entry:
    """The public view of one agreement."""

    path: Path
    slug: str
    data: dict[str, Any]
    """The agreement without any field the schema marks as personal."""
    title: str
    parties: tuple[str, ...]
    areas: tuple[str, ...]
    """Who acts for each public party (a nämnd), which is the agreement's area of activity."""
    status: str
    start_year: int | None
    end_year: int | None
    period: str
    version: str


def _slug(value: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return slug or "overenskommelse"


def make_entry(path: Path, data: Mapping[str, Any]) -> Entry:
    """The register entry for an agreement's plain data."""
    from iop.render.document import swedish_date

    public = redact(dict(data))
    parties = [p for p in public.get("parter") or [] if isinstance(p, Mapping)]
    tidsram = public.get("tidsram") if isinstance(public.get("tidsram"), Mapping) else {}
    assert isinstance(tidsram, Mapping)
    start = parse_date(tidsram.get("start"))
    end = parse_date(tidsram.get("slut"))
    ext = tidsram.get("förlängning") if isinstance(tidsram.get("förlängning"), Mapping) else {}
    assert isinstance(ext, Mapping)
    decided = [parse_date(e.get("slut")) for e in ext.get("beslutade") or [] if isinstance(e, Mapping)]
    ends = [d for d in (end, *decided) if d is not None]
    last = max(ends) if ends else None
    ended = parse_date(tidsram.get("upphörde"))
    if ended and last and ended < last:
        last = ended
    period = (
        f"{swedish_date(start.isoformat())} – {swedish_date(last.isoformat())}" if start and last else "–"
    )
    areas = tuple(
        dict.fromkeys(
            str(p["företräds_av"]) for p in parties if p.get("typ") == "offentlig" and p.get("företräds_av")
        )
    )
    return Entry(
        path=path,
        slug=_slug(str(public.get("id") or path.stem)),
        data=public,
        title=str(public.get("titel") or public.get("id") or path.stem),
        parties=tuple(str(p.get("namn") or p.get("id") or "") for p in parties),
        areas=areas,
        status=str(public.get("status") or ""),
        start_year=start.year if start else None,
        end_year=last.year if last else None,
        period=period,
        version=str(public.get("version") or ""),
    )
