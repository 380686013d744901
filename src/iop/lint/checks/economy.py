"""Co-financing, public share and contract value against dated limits.

All money arithmetic is :func:`iop.budget.compute`; these checks only compare.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from iop.budget import NBSP, compute, format_kr, format_share
from iop.lint.checks import CheckContext, Hit, MessageArg, register
from iop.lint.checks.thresholds import in_force, sek_per_eur

RESOURCES = ("ekonomi", "resurser")


@register("party_contributes")
def party_contributes(ctx: CheckContext) -> Iterator[Hit]:
    """Every party of ``party_type`` has a resource with a value under ekonomi › resurser."""
    kind = ctx.params.get("party_type", "idéburen")
    budget = ctx.facts.budget
    for party in ctx.facts.parties():
        if party.get("typ") != kind:
            continue
        own = budget.party(party["id"])
        if own is None or own.per_year_amount <= 0:
            yield Hit(RESOURCES, {"party": party["id"], "name": ctx.facts.party_name(party["id"])})


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


@register("contract_value")
def contract_value(ctx: CheckContext) -> Iterator[Hit]:
    """The public parties' money over the term with extensions against a dated SEK limit."""
    limit = in_force(str(ctx.params.get("threshold")), _start(ctx.data))
    money = compute(_economic_only(ctx.data))
    bounded = money.public_total_with_extensions
    amount = money.public_total if bounded is None else bounded
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
    shown: MessageArg = format_kr(amount)
    unbounded = ctx.params.get("unbounded")
    if bounded is None:
        template = unbounded if isinstance(unbounded, dict) else {"sv": "{amount} + ∞", "en": "{amount} + ∞"}
        shown = {lang: str(t).format(amount=format_kr(amount)) for lang, t in template.items()}
    yield Hit(
        RESOURCES,
        {
            "value": shown,
            "relation": relation[0],
            "limit_name": limit.title,
            "limit": format_kr(limit.amount),
            "since": limit.since.isoformat(),
        },
        severity=relation[1],
    )


def _number(value: float) -> str:
    return f"{round(value):,}".replace(",", NBSP)


@register("de_minimis")
def de_minimis(ctx: CheckContext) -> Iterator[Hit]:
    """The public parties' resources over the worst run of consecutive years against the EUR ceiling."""
    limit = in_force(str(ctx.params.get("threshold", "de-minimis")), _start(ctx.data))
    years = limit.period_years or 3
    budget = ctx.facts.budget
    public = [p for p in budget.parties if p.typ == "offentlig"]
    per_period = [sum(p.per_period[i] for p in public) for i in range(len(budget.periods))]
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
