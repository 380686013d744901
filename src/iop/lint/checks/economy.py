"""Co-financing, public share and contract value against dated limits.

All money arithmetic is :func:`iop.budget.compute`; these checks only compare.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from iop.budget import NBSP, compute, format_kr, format_range, format_share
from iop.lint.checks import CheckContext, Hit, MessageArg, register
from iop.lint.checks.thresholds import Limit, in_force, sek_per_eur

RESOURCES = ("ekonomi", "resurser")


@register("party_contributes")
def party_contributes(ctx: CheckContext) -> Iterator[Hit]:
    """Every party of ``party_type`` provides a resource under ekonomi › resurser.

    Money counts when it has a value; premises, staff, time or knowledge count
    even when nobody valued them (those are flagged by ``valuation`` instead).
    """
    kind = ctx.params.get("party_type", "idéburen")
    budget = ctx.facts.budget
    lines = {line.index: line for line in budget.lines}
    for party in ctx.facts.parties():
        if party.get("typ") != kind:
            continue
        own = budget.party(party["id"])
        provides = own is not None and any(
            lines[i].kind != "ekonomiskt" or lines[i].total.high > 0 for i in own.resources if i in lines
        )
        if not provides:
            yield Hit(RESOURCES, {"party": party["id"], "name": ctx.facts.party_name(party["id"])})


@register("valuation")
def valuation(ctx: CheckContext) -> Iterator[Hit]:
    """Resources other than money that have no value in kronor (unvalued or 0 kr): value them."""
    budget = ctx.facts.budget
    for line in budget.lines:
        if line.kind == "ekonomiskt" or (line.valued and line.total.high > 0):
            continue
        names = ", ".join(ctx.facts.party_name(p) for p in line.parties) or "–"
        state = ctx.params.get("unvalued" if not line.valued else "zero") or {}
        yield Hit((*RESOURCES, line.index), {"name": names, "state": state}, key=True)


@register("public_share")
def public_share(ctx: CheckContext) -> Iterator[Hit]:
    """The public parties' share of the whole budget reaches ``warn_at``."""
    limit = float(ctx.params.get("warn_at", 0.9))
    budget = ctx.facts.budget
    if budget.total > 0 and budget.public_share >= limit:
        yield Hit(
            RESOURCES,
            {
                "share": format_share(budget.public_share),
                "public": format_kr(budget.public_total),
                "total": format_kr(budget.total),
                "limit": format_share(limit),
            },
        )


def _start(data: Mapping[str, Any]) -> dt.date:
    tidsram = data.get("tidsram")
    value = tidsram.get("start") if isinstance(tidsram, dict) else None
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else dt.date.today()
    except ValueError:
        return dt.date.today()


def _relation(ctx: CheckContext, value: float, limit: float) -> tuple[MessageArg, Any] | None:
    """(relation text, severity override) when ``value`` exceeds or nears ``limit``."""
    near = float(ctx.params.get("near", 0.8))
    texts = ctx.params.get("relation") or {}
    if value > limit:
        return texts.get("over", ">"), None
    if value >= near * limit:
        return texts.get("near", "~"), "info"
    return None


def _economic_only(data: Mapping[str, Any]) -> dict[str, Any]:
    """The agreement with only the money resources (slag: ekonomiskt) left."""
    ekonomi = data.get("ekonomi")
    if not isinstance(ekonomi, dict):
        return dict(data)
    resources = ekonomi.get("resurser")
    kept = (
        [r for r in resources if isinstance(r, dict) and r.get("slag") == "ekonomiskt"]
        if isinstance(resources, list)
        else []
    )
    return {**data, "ekonomi": {**ekonomi, "resurser": kept}}


def limit_text(amount: int, limit: Limit) -> MessageArg:
    """``615 312 kr, gällde 2020-01-01–2021-12-31`` or ``700 000 kr sedan 2024-01-01``."""
    period = limit.period()
    if limit.until is None:
        return {
            "sv": f"{format_kr(amount)} sedan {limit.since.isoformat()}",
            "en": f"{format_kr(amount)} since {limit.since.isoformat()}",
        }
    return {
        "sv": f"{format_kr(amount)}, gällde {period['sv']}",
        "en": f"{format_kr(amount)}, in force {period['en']}",
    }


@register("contract_value")
def contract_value(ctx: CheckContext) -> Iterator[Hit]:
    """The public parties' money over the term with extensions against a dated SEK limit.

    The highest possible value (ceilings, ranges) is compared; the message shows the
    range as the agreement states it.
    """
    limit = in_force(str(ctx.params.get("threshold")), _start(ctx.data))
    if limit.amount is None:
        return
    money = compute(_economic_only(ctx.data))
    bounded = money.public_total_with_extensions_range
    stated = money.public_total_range if bounded is None else bounded
    amount = stated.high
    if amount <= 0 and bounded is not None:
        return
    relation = (
        _relation(ctx, amount, limit.amount)
        if bounded is not None
        else (
            (ctx.params.get("relation") or {}).get("over", ">"),
            None,
        )
    )
    if relation is None:
        return
    shown: MessageArg = {lang: format_range(stated, lang) for lang in ("sv", "en")}
    unbounded = ctx.params.get("unbounded")
    if bounded is None:
        template = unbounded if isinstance(unbounded, dict) else {"sv": "{amount} + ∞", "en": "{amount} + ∞"}
        shown = {lang: str(t).format(amount=format_range(stated, lang)) for lang, t in template.items()}
    yield Hit(
        RESOURCES,
        {
            "value": shown,
            "relation": relation[0],
            "limit_name": limit.title,
            "limit": format_kr(limit.amount),
            "since": limit.since.isoformat(),
            "limit_period": limit_text(limit.amount, limit),
        },
        severity=relation[1],
    )


def _number(value: float) -> str:
    return f"{round(value):,}".replace(",", NBSP)


@register("de_minimis")
def de_minimis(ctx: CheckContext) -> Iterator[Hit]:
    """The public parties' resources over the worst run of consecutive years against the EUR ceiling."""
    limit = in_force(str(ctx.params.get("threshold", "de-minimis")), _start(ctx.data))
    if limit.amount is None:
        return
    years = limit.period_years or 3
    budget = ctx.facts.budget
    public = [p for p in budget.parties if p.typ == "offentlig"]
    per_period = [sum(p.per_period_range[i].high for p in public) for i in range(len(budget.periods))]
    window = min(years, len(per_period))
    if window == 0:
        return
    worst = max(sum(per_period[i : i + window]) for i in range(len(per_period) - window + 1))
    rate = sek_per_eur()
    value_eur = worst / rate
    relation = _relation(ctx, value_eur, limit.amount)
    if relation is None:
        return
    yield Hit(
        RESOURCES,
        {
            "years": window,
            "value": format_kr(worst),
            "value_eur": _number(value_eur),
            "relation": relation[0],
            "limit_name": limit.title,
            "limit_eur": _number(limit.amount),
            "since": limit.since.isoformat(),
        },
        severity=relation[1],
    )
