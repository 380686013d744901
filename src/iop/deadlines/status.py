"""``iop status``: one row per agreement with its next deadlines, sorted by the nearest one."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from iop.deadlines.model import format_value, value_range
from iop.deadlines.schedule import schedule
from iop.deadlines.terms import Term
from iop.loader import Document

ACTIVE_STATUSES = ("beslutad", "undertecknad", "gällande")


@dataclass(frozen=True)
class Row:
    """The situation of one agreement on one day."""

    id: str
    title: str
    parties: tuple[str, ...]
    status: str
    start: dt.date
    end: dt.date
    value_low: int
    value_high: int
    value_text: str
    next_follow_up: dt.date | None
    days_to_expiry: int
    deadline: dt.date | None
    deadline_kind: str | None
    findings: dict[str, int]
    source: str
    overdue: tuple[str, ...] = field(default=())

    def sort_key(self, as_of: dt.date) -> tuple[int, dt.date, str]:
        upcoming = [d for d in (self.next_follow_up, self.deadline) if d is not None and d >= as_of]
        if self.days_to_expiry >= 0 and self.status != "avslutad":
            upcoming.append(self.end)
        return (0 if self.overdue else 1, min(upcoming, default=dt.date.max), self.id)


def build_row(term: Term, doc: Document, as_of: dt.date, findings: dict[str, int]) -> Row:
    """The row for ``term`` on day ``as_of``."""
    items = [d for d in schedule(term, as_of) if not d.cancelled]
    follow = next((d.day for d in items if d.kind == "uppföljning" and d.day >= as_of), None)
    running = term.status != "avslutad" and as_of <= term.last_day
    deadlines = [d for d in items if d.kind in ("uppsägning", "förlängning") and not d.done]
    coming = [d for d in deadlines if d.day >= as_of]
    passed = [d for d in deadlines if d.day < as_of]
    overdue: list[str] = []
    chosen = coming[0] if coming else None
    if running and passed:
        last = passed[-1]
        overdue.append(f"{last.summary.lower()} {last.day.isoformat()} har passerat")
        chosen = chosen or last
    if term.status != "avslutad" and term.last_day < as_of:
        overdue.append(f"avtalstiden slutade {term.last_day.isoformat()} men status är '{term.status}'")
    if term.status in ("utkast", "beslutad") and term.start <= as_of <= term.last_day:
        overdue.append(f"startdatumet {term.start.isoformat()} har passerat men status är '{term.status}'")
    value = value_range(doc.data, term.last_day)
    return Row(
        id=term.id,
        title=term.title,
        parties=term.parties,
        status=term.status,
        start=term.start,
        end=term.last_day,
        value_low=value.low,
        value_high=value.high,
        value_text=format_value(value),
        next_follow_up=follow,
        days_to_expiry=(term.last_day - as_of).days,
        deadline=chosen.day if chosen else None,
        deadline_kind=chosen.summary if chosen else None,
        findings=findings,
        source=term.source,
        overdue=tuple(overdue),
    )


def as_records(rows: Sequence[Row]) -> list[dict[str, Any]]:
    """Rows as plain data (JSON and CSV)."""
    return [
        {
            "id": r.id,
            "titel": r.title,
            "parter": list(r.parties),
            "status": r.status,
            "start": r.start.isoformat(),
            "slut": r.end.isoformat(),
            "värde_lägst": r.value_low,
            "värde_högst": r.value_high,
            "värde": r.value_text,
            "nästa_uppföljning": r.next_follow_up.isoformat() if r.next_follow_up else None,
            "dagar_till_slut": r.days_to_expiry,
            "sista_dag_besked": r.deadline.isoformat() if r.deadline else None,
            "besked_avser": r.deadline_kind,
            "fynd": {
                "fel": r.findings.get("error", 0),
                "varningar": r.findings.get("warning", 0),
                "info": r.findings.get("info", 0),
            },
            "försenat": list(r.overdue),
            "källa": r.source,
        }
        for r in rows
    ]


def to_json(rows: Sequence[Row], as_of: dt.date) -> str:
    return json.dumps(
        {"per": as_of.isoformat(), "överenskommelser": as_records(rows)}, ensure_ascii=False, indent=2
    )


def to_csv(rows: Sequence[Row]) -> str:
    """Semicolon-separated, as a spreadsheet in a Swedish locale expects."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    header = [
        "id",
        "parter",
        "status",
        "start",
        "slut",
        "värde_lägst",
        "värde_högst",
        "nästa_uppföljning",
        "dagar_till_slut",
        "sista_dag_besked",
        "besked_avser",
        "fel",
        "varningar",
        "info",
        "försenat",
        "källa",
    ]
    writer.writerow(header)
    for rec in as_records(rows):
        writer.writerow(
            [
                rec["id"],
                " | ".join(rec["parter"]),
                rec["status"],
                rec["start"],
                rec["slut"],
                rec["värde_lägst"],
                rec["värde_högst"],
                rec["nästa_uppföljning"] or "",
                rec["dagar_till_slut"],
                rec["sista_dag_besked"] or "",
                rec["besked_avser"] or "",
                rec["fynd"]["fel"],
                rec["fynd"]["varningar"],
                rec["fynd"]["info"],
                " | ".join(rec["försenat"]),
                rec["källa"],
            ]
        )
    return buffer.getvalue()


def _clip(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"


def to_text(rows: Sequence[Row], as_of: dt.date, *, colour: bool = False) -> str:
    """An aligned table; an overdue row starts with '!' and gets a line saying what is late."""
    import click

    header = [
        "",
        "id",
        "parter",
        "status",
        "period",
        "värde",
        "nästa uppf.",
        "dagar kvar",
        "sista dag besked",
        "fynd F/V/I",
    ]
    table = [header]
    for r in rows:
        table.append(
            [
                "!" if r.overdue else "",
                r.id,
                _clip(", ".join(r.parties), 40),
                r.status,
                f"{r.start.isoformat()}–{r.end.isoformat()}",
                r.value_text,
                r.next_follow_up.isoformat() if r.next_follow_up else "–",
                str(r.days_to_expiry),
                r.deadline.isoformat() if r.deadline else "–",
                f"{r.findings.get('error', 0)}/{r.findings.get('warning', 0)}/{r.findings.get('info', 0)}",
            ]
        )
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines = [f"Läget per {as_of.isoformat()} ({len(rows)} överenskommelser, närmaste frist först)"]
    for index, row in enumerate(table):
        line = "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
        source = rows[index - 1] if index else None
        if colour and source is not None and source.overdue:
            line = click.style(line, fg="red", bold=True)
        elif colour and index == 0:
            line = click.style(line, bold=True)
        lines.append(line)
        if source is not None:
            for what in source.overdue:
                note = f"   FÖRSENAT: {what}"
                lines.append(click.style(note, fg="red") if colour else note)
    return "\n".join(lines)
