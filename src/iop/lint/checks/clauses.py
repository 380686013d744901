"""Follow-up, clauses that must be present and substantive, term and extension, initiative."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from iop.dates import parse_date
from iop.diagnostics import PathPart, format_path
from iop.frequency import FOLLOW_UP_PATH, Frequency, follow_up, meetings
from iop.lint.checks import CheckContext, Hit, iter_params_list, register, words


def term_years(ctx: CheckContext) -> float:
    """The initial term in years (1 when undated), to two decimals so that a leap day does not
    make two calendar years longer than two years."""
    start = parse_date(ctx.facts.get("tidsram", "start"))
    end = parse_date(ctx.facts.get("tidsram", "slut"))
    if start is None or end is None or end < start:
        return 1.0
    return max(round(((end - start).days + 1) / 365.25, 2), 1.0)


def too_seldom(frequency: Frequency, minimum: float, years: float) -> bool:
    """True when ``frequency`` happens fewer than ``minimum`` times a year."""
    return frequency.yearly_rate(years) + 1e-9 < minimum


@register("follow_up_frequency")
def follow_up_frequency(ctx: CheckContext) -> Iterator[Hit]:
    """``uppföljning.gånger_per_år`` happens at least ``min_per_year`` times a year (any stated form)."""
    minimum = float(ctx.params.get("min_per_year", 1))
    found = follow_up(ctx.data)
    if found is None:
        return
    if too_seldom(found, minimum, term_years(ctx)):
        yield Hit(
            FOLLOW_UP_PATH,
            {
                "count": {lang: found.describe(lang) for lang in ("sv", "en")},
                "minimum": _shown_number(minimum),
            },
        )


def _shown_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


@register("meeting_frequency")
def meeting_frequency(ctx: CheckContext) -> Iterator[Hit]:
    """The styrgrupp and every further group meet at least ``min_per_year`` times a year."""
    minimum = float(ctx.params.get("min_per_year", 1))
    years = term_years(ctx)
    for found in meetings(ctx.data):
        if too_seldom(found.frequency, minimum, years):
            yield Hit(
                found.path,
                {
                    "group": found.name,
                    "count": {lang: found.frequency.describe(lang) for lang in ("sv", "en")},
                    "minimum": _shown_number(minimum),
                },
            )


def _split(glob: str) -> tuple[PathPart, ...]:
    return tuple(p for p in glob.split(".") if p)


@register("clause_present")
def clause_present(ctx: CheckContext) -> Iterator[Hit]:
    """Each field named in the rule's ``fields`` holds a text of at least ``min_words`` words."""
    minimum = int(ctx.params.get("min_words", 5))
    for glob in ctx.rule.fields:
        if "*" in glob:
            continue
        path = _split(glob)
        count = words(ctx.facts.get(*path))
        if count < minimum:
            shown = {lang: format_path(path, lang) for lang in ("sv", "en")}
            yield Hit(path, {"field": shown, "words": count, "minimum": minimum})


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end`` inclusive (2025-01-01..2025-12-31 is 12)."""
    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + (after.month - start.month)
    return months - (1 if after.day < start.day else 0)


@register("term_length")
def term_length(ctx: CheckContext) -> Iterator[Hit]:
    """The initial term lasts at least ``min_months`` months."""
    minimum = int(ctx.params.get("min_months", 12))
    start = parse_date(ctx.facts.get("tidsram", "start"))
    end = parse_date(ctx.facts.get("tidsram", "slut"))
    if start is None or end is None or end < start:
        return
    months = months_between(start, end)
    if months < minimum:
        yield Hit(
            ("tidsram", "slut"),
            {"months": months, "minimum": minimum, "start": start.isoformat(), "end": end.isoformat()},
        )


@register("open_extension")
def open_extension(ctx: CheckContext) -> Iterator[Hit]:
    """An extension (``tidsram.förlängning``) states ``högst_antal``."""
    extension = ctx.facts.get("tidsram", "förlängning")
    if isinstance(extension, dict) and extension.get("högst_antal") is None:
        yield Hit(("tidsram", "förlängning"), key=True)


@register("initiative")
def initiative(ctx: CheckContext) -> Iterator[Hit]:
    """The ``initiativ`` text points to a non-profit party (by name, id or ``organisation_words``)."""
    field = str(ctx.rule.fields[0]) if ctx.rule.fields else "initiativ"
    path = _split(field)
    shown = {lang: format_path(path, lang) for lang in ("sv", "en")}
    value = ctx.facts.get(*path)
    if not isinstance(value, str) or not value.strip():
        if ctx.params.get("required"):
            anchor = _split(str(ctx.params.get("anchor") or ""))
            if anchor and ctx.facts.get(*anchor) is not None:
                yield Hit(anchor, {"field": shown}, key=True)
            else:
                yield Hit(path, {"field": shown})
        return
    low = value.lower()
    markers = set(iter_params_list(ctx.params, "organisation_words"))
    for party in ctx.facts.parties():
        if party.get("typ") == "idéburen":
            markers.add(str(party["id"]).lower())
            if isinstance(party.get("namn"), str):
                markers.add(party["namn"].lower())
    if not any(marker and marker in low for marker in markers):
        yield Hit(path, {"field": shown})


@register("clause_mentions")
def clause_mentions(ctx: CheckContext) -> Iterator[Hit]:
    """A text present in each of the rule's ``fields`` contains one of ``words`` (lower-case substrings).

    A missing or empty field is left to the rule that requires it (``clause_present``).
    """
    wanted = tuple(iter_params_list(ctx.params, "words"))
    for glob in ctx.rule.fields:
        if "*" in glob:
            continue
        path = _split(glob)
        value = ctx.facts.get(*path)
        if not isinstance(value, str) or not value.strip():
            continue
        low = " ".join(value.lower().split())
        if not any(word in low for word in wanted):
            shown = {lang: format_path(path, lang) for lang in ("sv", "en")}
            yield Hit(path, {"field": shown})
