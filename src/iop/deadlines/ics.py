"""An iCalendar file of every agreement's follow-ups, notice and extension deadlines and expiry.

UIDs are built from the agreement id and the item's stable key
(``linkoping-brottsofferjouren.uppfoljning-3@iop``), so exporting again after
a date has moved updates the event in a calendar instead of adding a second
one. When the previous export is given, an event that is no longer produced
for an agreement still in the export comes back as ``STATUS:CANCELLED``, and
``SEQUENCE`` goes up for every event whose content changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from icalendar import Calendar, Component, Event

from iop.deadlines.schedule import Due, schedule
from iop.deadlines.terms import Term

PRODID = "-//iop//Tidsfrister för IOP//SV"
AGREEMENT_PROP = "X-IOP-OVERENSKOMMELSE"
UID_DOMAIN = "iop"


def uid(term: Term, due: Due) -> str:
    """The stable UID of one item."""
    return f"{term.id}.{due.key}@{UID_DOMAIN}"


@dataclass(frozen=True)
class Previous:
    """What the previous export said about one event."""

    sequence: int
    fingerprint: tuple[str, ...]
    event: Component


def _fingerprint(event: Component) -> tuple[str, ...]:
    return tuple(
        str(event.get(name).to_ical() if hasattr(event.get(name), "to_ical") else event.get(name))
        for name in ("DTSTART", "SUMMARY", "DESCRIPTION", "STATUS")
    )


def read_previous(raw: bytes) -> dict[str, Previous]:
    """Events of an earlier export by UID; an unreadable file counts as no earlier export."""
    try:
        calendar = Calendar.from_ical(raw)
    except (ValueError, IndexError, KeyError):
        return {}
    out: dict[str, Previous] = {}
    for event in calendar.walk("VEVENT"):
        key = str(event.get("UID", ""))
        if key:
            sequence = event.get("SEQUENCE", 0)
            out[key] = Previous(int(sequence) if str(sequence).isdigit() else 0, _fingerprint(event), event)
    return out


def _event(term: Term, due: Due, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("UID", uid(term, due))
    event.add("DTSTAMP", stamp)
    event.add("DTSTART", due.day)
    event.add("DTEND", due.day + dt.timedelta(days=1))
    event.add("SUMMARY", f"{due.summary}: {term.id}")
    event.add(
        "DESCRIPTION",
        f"{term.title}\nÖverenskommelse {term.id}, version {term.version}, status {term.status}.\n\n"
        f"{due.description}\n\nKälla: {term.source}",
    )
    event.add("CATEGORIES", ["IOP", due.kind])
    event.add("STATUS", "CANCELLED" if due.cancelled else "CONFIRMED")
    event.add("TRANSP", "TRANSPARENT")
    event.add(AGREEMENT_PROP, term.id)
    return event


def build_calendar(
    terms: Sequence[Term],
    as_of: dt.date,
    *,
    previous: dict[str, Previous] | None = None,
    stamp: dt.datetime | None = None,
) -> Calendar:
    """The calendar for ``terms``, continuing the sequence numbers of ``previous``."""
    previous = previous or {}
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.add("X-WR-CALNAME", "IOP – uppföljningar och frister")
    produced: set[str] = set()
    for term in terms:
        for due in schedule(term, as_of):
            event = _event(term, due, stamp)
            key = str(event["UID"])
            produced.add(key)
            old = previous.get(key)
            sequence = 0 if old is None else old.sequence + (old.fingerprint != _fingerprint(event))
            event.add("SEQUENCE", sequence)
            calendar.add_component(event)
    ids = {term.id for term in terms}
    for key, old in sorted(previous.items()):
        if key in produced or str(old.event.get(AGREEMENT_PROP, "")) not in ids:
            continue
        gone = Event()
        for name in ("UID", "DTSTART", "DTEND", "SUMMARY", "CATEGORIES", AGREEMENT_PROP, "TRANSP"):
            if name in old.event:
                gone[name] = old.event[name]
        gone.add("DTSTAMP", stamp)
        gone.add(
            "DESCRIPTION",
            f"{old.event.get('DESCRIPTION', '')}\n\nInställd: överenskommelsen ger inte längre den här fristen.",
        )
        gone.add("STATUS", "CANCELLED")
        was_cancelled = str(old.event.get("STATUS", "")).upper() == "CANCELLED"
        gone.add("SEQUENCE", old.sequence + (0 if was_cancelled else 1))
        if was_cancelled:
            gone["DESCRIPTION"] = old.event["DESCRIPTION"]
        calendar.add_component(gone)
    return calendar
