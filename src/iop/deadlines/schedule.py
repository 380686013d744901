"""What is due for one agreement, and when: follow-ups, notice, extension decisions, expiry.

Date rules (hand-checkable):

- Follow-ups come from the model's frequency (:mod:`iop.frequency`): N times a
  year (or every M months) are due on the last day of each interval counted
  from the start, so a term from 1 January followed up twice a year gives 30
  June and 31 December of every year; explicit dates are due on those dates.
  Numbering runs over the whole term, extensions included, so a follow-up keeps
  its number (and its calendar UID) when dates move.
- A deadline "M months before the end" of a term running to and including
  ``end`` is (end + 1 day) − M months − 1 day: six months before 31 December
  is 30 June.
- After an early end (``tidsram.upphörde``), or for an ended agreement, what
  falls later is cancelled, not dropped, so a calendar can remove it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from iop.dates import months_before_end
from iop.deadlines.terms import Term

Kind = Literal["uppföljning", "uppsägning", "förlängning", "slut"]
KIND_LABELS: dict[str, str] = {
    "uppföljning": "Uppföljning",
    "uppsägning": "Sista dag för uppsägning",
    "förlängning": "Sista dag för beslut om förlängning",
    "slut": "Överenskommelsen upphör",
}


@dataclass(frozen=True)
class Due:
    """One dated item for one agreement."""

    kind: Kind
    key: str
    """Stable within the agreement (``uppfoljning-3``, ``uppsagning``, ``forlangning-1``, ``slut``)."""
    day: dt.date
    summary: str
    description: str
    cancelled: bool = False
    done: bool = False


def follow_up_days(term: Term) -> list[dt.date]:
    """Every follow-up due date from the start to the (extended) end, in order."""
    return term.follow_up.occasions(term.start, term.effective_end)


def _sv(day: dt.date) -> str:
    from iop.render.document import swedish_date

    return swedish_date(day.isoformat())


def schedule(term: Term, as_of: dt.date) -> list[Due]:
    """Every item due for ``term``, by date; ended agreements get cancelled items after their end."""
    cut = term.ended_early or (as_of if term.status == "avslutad" else None)
    items: list[Due] = []

    def add(kind: Kind, key: str, day: dt.date, summary: str, description: str, done: bool = False) -> None:
        cancelled = cut is not None and day > cut and not done
        note = ""
        if cancelled:
            note = (
                f"\n\nInställd: överenskommelsen upphörde {_sv(term.ended_early)}."
                if term.ended_early
                else "\n\nInställd: överenskommelsen är avslutad."
            )
        items.append(Due(kind, key, day, summary, description + note, cancelled, done))

    days = follow_up_days(term)
    for n, day in enumerate(days, start=1):
        add(
            "uppföljning",
            f"uppfoljning-{n}",
            day,
            f"Uppföljning {n}",
            f"Senast denna dag ska parterna gemensamt ha följt upp partnerskapet (uppföljning {n} under "
            f"avtalstiden, {term.follow_up.describe()} enligt {' › '.join(map(str, term.follow_up.path))}).",
        )
    if term.notice_months:
        day = months_before_end(term.effective_end, term.notice_months)
        add(
            "uppsägning",
            "uppsagning",
            day,
            KIND_LABELS["uppsägning"],
            f"Sista dag att skriftligen säga upp överenskommelsen så att den upphör vid periodens slut "
            f"{_sv(term.effective_end)} ({term.notice_months} månaders uppsägningstid enligt "
            "tidsram › uppsägningstid_månader).",
        )
    months = term.decide_months if term.decide_months is not None else term.notice_months
    if term.extension_months is not None and months is not None:
        ends = [term.end, *(e.end for e in term.extensions)]
        count = len(term.extensions) + (1 if term.extensions_left != 0 else 0)
        for k in range(1, count + 1):
            before = ends[k - 1]
            day = months_before_end(before, months)
            limit = f", högst {term.extension_max} gånger" if term.extension_max else ""
            text = (
                f"Sista dag för parternas beslut om förlängning {k} ({term.extension_months} månader"
                f"{limit}) före periodens slut {_sv(before)}."
            )
            done = k <= len(term.extensions)
            if done:
                decided = term.extensions[k - 1]
                text += f" Beslutad: förlängd till {_sv(decided.end)}" + (
                    f" ({decided.decision})." if decided.decision else "."
                )
            add("förlängning", f"forlangning-{k}", day, f"{KIND_LABELS['förlängning']} ({k})", text, done)
    last = term.last_day
    if term.ended_early:
        text = f"Överenskommelsen upphörde i förtid {_sv(last)} (tidsram › upphörde)."
    else:
        text = f"Sista dag överenskommelsen gäller: {_sv(last)}."
        if term.extensions:
            text += f" Förlängd från {_sv(term.end)}."
        left = term.extensions_left
        if left != 0:
            text += " Den kan förlängas" + (f" högst {left} gång(er) till." if left else ".")
    add("slut", "slut", last, KIND_LABELS["slut"], text, done=term.ended_early is not None)
    order = {kind: i for i, kind in enumerate(KIND_LABELS)}
    return sorted(items, key=lambda d: (d.day, order[d.kind], d.key))
