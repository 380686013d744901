"""Follow-up, clauses that must be present and substantive, term and extension, initiative."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from iop.dates import parse_date
from iop.diagnostics import PathPart, format_path
from iop.lint.checks import CheckContext, Hit, iter_params_list, register, words


@register("follow_up_frequency")
def follow_up_frequency(ctx: CheckContext) -> Iterator[Hit]:
    """``uppföljning.gånger_per_år`` is at least ``min_per_year``."""
    minimum = int(ctx.params.get("min_per_year", 1))
    count = ctx.facts.get("uppföljning", "gånger_per_år")
    if isinstance(count, bool) or not isinstance(count, int | float):
        return
    if count < minimum:
        yield Hit(("uppföljning", "gånger_per_år"), {"count": count, "minimum": minimum})


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
