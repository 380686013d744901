"""Joint governance and obligations on both sides."""

from __future__ import annotations

import re
from collections.abc import Iterator

from iop.lint.checks import CheckContext, Hit, iter_params_list, register

_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)


@register("steering_all_parties")
def steering_all_parties(ctx: CheckContext) -> Iterator[Hit]:
    """Every declared party has at least one member of the steering group."""
    members = ctx.facts.items("styrgrupp", "ledamöter")
    seated = {m.get("part") for _, m in members if isinstance(m.get("part"), str)}
    where = ("styrgrupp", "ledamöter")
    for party in ctx.facts.parties():
        if party["id"] not in seated:
            yield Hit(where, {"party": party["id"], "name": ctx.facts.party_name(party["id"])}, key=True)


def _is_capitalised(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) > 1 and letters[0].isupper() and not all(c.isupper() for c in letters)


def looks_like_name(value: str, params: dict[str, object] | object) -> bool:
    """Heuristic: two or more capitalised plain words in a row, not after a preposition.

    A word is *plain* when it contains no function word stem (``function_words``,
    also inside compounds) and is not an ``organisation_words`` entry. A capitalised
    run directly after a preposition names an organisation ("chef för Röda Korset").
    A ``first_names`` entry followed by a capitalised word is a name anyway.
    """
    assert isinstance(params, dict)
    functions = tuple(iter_params_list(params, "function_words"))
    prepositions = set(iter_params_list(params, "prepositions"))
    organisations = set(iter_params_list(params, "organisation_words"))
    first_names = set(iter_params_list(params, "first_names"))
    tokens = _TOKEN.findall(value)
    run = 0
    after_preposition = False
    for i, token in enumerate(tokens):
        low = token.lower().strip(".-'’")
        plain = (
            _is_capitalised(token) and not any(stem in low for stem in functions) and low not in organisations
        )
        if low in first_names and i + 1 < len(tokens) and _is_capitalised(tokens[i + 1]):
            nxt = tokens[i + 1].lower().strip(".-'’")
            if nxt not in organisations and not any(stem in nxt for stem in functions):
                return True
        if plain and not after_preposition:
            run += 1
            if run >= 2:
                return True
        elif not plain:
            run = 0
            after_preposition = low in prepositions or (after_preposition and _is_capitalised(token))
    return False


@register("functions_not_names")
def functions_not_names(ctx: CheckContext) -> Iterator[Hit]:
    """Values under the rule's ``fields`` that look like personal names."""
    params = dict(ctx.params)
    for path, value in ctx.facts.strings:
        if ctx.rule.applies_to(path) and looks_like_name(value, params):
            yield Hit(path, {"value": value.strip()})


def _parts_with_commitments(ctx: CheckContext) -> list[str]:
    seen: list[str] = []
    for _, item in ctx.facts.items("insatser"):
        part = item.get("part")
        if isinstance(part, str) and part not in seen:
            seen.append(part)
    return seen


@register("obligations_both_sides")
def obligations_both_sides(ctx: CheckContext) -> Iterator[Hit]:
    """Commitments (insatser) for at least ``min_parties`` different parties."""
    minimum = int(ctx.params.get("min_parties", 2))
    parts = _parts_with_commitments(ctx)
    if ctx.facts.get("insatser") is None or len(parts) >= minimum:
        return
    names = ", ".join(ctx.facts.party_name(p) for p in parts) or "–"
    yield Hit(("insatser",), {"count": len(parts), "parties": names}, key=True)


@register("obligations_every_party")
def obligations_every_party(ctx: CheckContext) -> Iterator[Hit]:
    """Every declared party has at least one entry under insatser."""
    if ctx.facts.get("insatser") is None:
        return
    parts = set(_parts_with_commitments(ctx))
    for party in ctx.facts.parties():
        if party["id"] not in parts:
            yield Hit(
                ("insatser",), {"party": party["id"], "name": ctx.facts.party_name(party["id"])}, key=True
            )
