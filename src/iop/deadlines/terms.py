"""The dates of one agreement's term, read from ``tidsram`` and checked.

A term that cannot give deadlines (no start or end, a decided extension that
does not extend, an early end outside the term, a follow-up date outside the
term) is reported as diagnostics with file, line and column, never guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from iop.dates import parse_date
from iop.deadlines.model import FollowUpSpec, follow_up_spec
from iop.diagnostics import Diagnostic, PathPart
from iop.i18n import Text, text
from iop.loader import Document


@dataclass(frozen=True)
class Extension:
    """A decided extension: the new end date and the decision."""

    end: dt.date
    decision: str


@dataclass(frozen=True)
class Term:
    """Everything the deadline commands need to know about one agreement."""

    id: str
    title: str
    status: str
    source: str
    start: dt.date
    end: dt.date
    """The original end date (``tidsram.slut``)."""
    extensions: tuple[Extension, ...]
    extension_months: int | None
    extension_max: int | None
    """Most extensions allowed; None means no upper limit."""
    decide_months: int | None
    notice_months: int | None
    ended_early: dt.date | None
    follow_up: FollowUpSpec
    parties: tuple[str, ...]
    version: int

    @property
    def effective_end(self) -> dt.date:
        """The end after every decided extension."""
        return self.extensions[-1].end if self.extensions else self.end

    @property
    def last_day(self) -> dt.date:
        """The last day the agreement applies: the early end if there is one."""
        return min(self.ended_early, self.effective_end) if self.ended_early else self.effective_end

    @property
    def extensions_left(self) -> int | None:
        """How many more extensions may be decided (None: no limit; 0 when it cannot be extended)."""
        if self.extension_months is None:
            return 0
        if self.extension_max is None:
            return None
        return max(0, self.extension_max - len(self.extensions))


class TermError(Exception):
    """The agreement's dates cannot give deadlines; ``diagnostics`` says why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(diagnostics[0].message["en"] if diagnostics else "term error")
        self.diagnostics = diagnostics


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def read_term(doc: Document) -> Term:
    """The term of ``doc``; raises :class:`TermError` when its dates cannot give deadlines."""
    data = doc.data
    problems: list[Diagnostic] = []

    def problem(path: tuple[PathPart, ...], code: str, message: Text, hint: Text) -> None:
        at: tuple[PathPart, ...] = ()
        node: Any = data
        for part in path:  # the longest prefix of ``path`` present in the file
            in_map = isinstance(node, Mapping) and part in node
            in_list = isinstance(node, list) and isinstance(part, int) and part < len(node)
            if not (in_map or in_list):
                break
            node = node[part]
            at = (*at, part)
        try:
            line, column = doc.locate(at, key=at != path) if at else (1, 1)
        except (KeyError, IndexError, TypeError, ValueError):
            line, column = 1, 1
        problems.append(Diagnostic(doc.display, line, column, code, "error", message, path, hint=hint))

    tidsram = data.get("tidsram") if isinstance(data.get("tidsram"), Mapping) else {}
    assert isinstance(tidsram, Mapping)
    start = parse_date(tidsram.get("start"))
    end = parse_date(tidsram.get("slut"))
    for key, day, what_sv, what_en in (
        ("start", start, "startdatum", "start date"),
        ("slut", end, "slutdatum", "end date"),
    ):
        if day is None:
            problem(
                ("tidsram", key) if "tidsram" in data else (),
                "TID001",
                text(
                    f"Överenskommelsen saknar {what_sv} (tidsram › {key}); utan det kan inga frister räknas fram.",
                    f"The agreement has no {what_en} (tidsram › {key}); no deadlines can be computed without it.",
                ),
                text(
                    f"Ange tidsram › {key} som ÅÅÅÅ-MM-DD, t.ex. {key}: 2025-01-01.",
                    f"Give tidsram › {key} as YYYY-MM-DD, e.g. {key}: 2025-01-01.",
                ),
            )
    if start and end and end < start:
        problem(
            ("tidsram", "slut"),
            "TID002",
            text(
                f"Slutdatum {end} ligger före startdatum {start}.",
                f"The end date {end} is before the start date {start}.",
            ),
            text("Rätta tidsram › start eller tidsram › slut.", "Correct tidsram › start or tidsram › slut."),
        )
    if problems or start is None or end is None:
        raise TermError(problems)

    ext = tidsram.get("förlängning") if isinstance(tidsram.get("förlängning"), Mapping) else None
    extensions: list[Extension] = []
    previous = end
    if ext is not None:
        decided = ext.get("beslutade")
        for i, item in enumerate(decided if isinstance(decided, list) else []):
            new_end = parse_date(item.get("slut")) if isinstance(item, Mapping) else None
            if new_end is None:
                continue
            if new_end <= previous:
                problem(
                    ("tidsram", "förlängning", "beslutade", i, "slut"),
                    "TID003",
                    text(
                        f"Förlängningen till {new_end} förlänger inte: överenskommelsen gäller redan till {previous}.",
                        f"The extension to {new_end} does not extend: the agreement already runs to {previous}.",
                    ),
                    text(
                        "Ange det nya slutdatumet efter förlängningen, senare än det förra.",
                        "Give the new end date after the extension, later than the previous one.",
                    ),
                )
            decision = item.get("beslut") if isinstance(item, Mapping) else None
            extensions.append(Extension(new_end, decision if isinstance(decision, str) else ""))
            previous = max(previous, new_end)
        most = _int(ext.get("högst_antal"))
        if most is not None and len(extensions) > most:
            problem(
                ("tidsram", "förlängning", "beslutade", most),
                "TID004",
                text(
                    f"{len(extensions)} förlängningar är beslutade men överenskommelsen tillåter högst {most}.",
                    f"{len(extensions)} extensions are decided but the agreement allows at most {most}.",
                ),
                text(
                    "Kontrollera tidsram › förlängning › högst_antal och de beslutade förlängningarna.",
                    "Check tidsram › förlängning › högst_antal and the decided extensions.",
                ),
            )
    ended = parse_date(tidsram.get("upphörde"))
    if ended is not None and not (start <= ended <= previous):
        problem(
            ("tidsram", "upphörde"),
            "TID005",
            text(
                f"Dagen då överenskommelsen upphörde, {ended}, ligger utanför avtalstiden {start}–{previous}.",
                f"The day the agreement ended, {ended}, is outside the term {start}–{previous}.",
            ),
            text(
                "Ange en dag inom avtalstiden, eller ta bort tidsram › upphörde.",
                "Give a day within the term, or remove tidsram › upphörde.",
            ),
        )
    spec = follow_up_spec(data)
    for day, path in spec.dates:
        if not (start <= day <= previous):
            problem(
                path,
                "TID006",
                text(
                    f"Uppföljningsdatumet {day} ligger utanför avtalstiden {start}–{previous}.",
                    f"The follow-up date {day} is outside the term {start}–{previous}.",
                ),
                text(
                    "Flytta uppföljningen till en dag inom avtalstiden, eller förläng avtalstiden först.",
                    "Move the follow-up to a day within the term, or extend the term first.",
                ),
            )
    if problems:
        raise TermError(problems)

    parties = tuple(
        str(p.get("namn") or p.get("id") or "") for p in data.get("parter") or [] if isinstance(p, Mapping)
    )
    return Term(
        id=str(data.get("id") or doc.path.stem),
        title=str(data.get("titel") or ""),
        status=str(data.get("status") or ""),
        source=doc.display,
        start=start,
        end=end,
        extensions=tuple(extensions),
        extension_months=_int(ext.get("längd_månader")) or 12 if ext is not None else None,
        extension_max=_int(ext.get("högst_antal")) if ext is not None else None,
        decide_months=_int(ext.get("beslut_månader_före_slut")) if ext is not None else None,
        notice_months=_int(tidsram.get("uppsägningstid_månader")),
        ended_early=ended,
        follow_up=spec,
        parties=parties,
        version=_int(data.get("version")) or 1,
    )
