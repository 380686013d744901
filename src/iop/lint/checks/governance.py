"""Joint governance and obligations on both sides."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

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


@dataclass(frozen=True)
class NameWords:
    """The word lists of the name heuristic, lower-cased once per check run."""

    functions: tuple[str, ...]
    prepositions: frozenset[str]
    organisations: frozenset[str]
    first_names: frozenset[str]

    @classmethod
    def of(cls, params: Mapping[str, object]) -> NameWords:
        return cls(
            functions=tuple(iter_params_list(params, "function_words")),
            prepositions=frozenset(iter_params_list(params, "prepositions")),
            organisations=frozenset(iter_params_list(params, "organisation_words")),
            first_names=frozenset(iter_params_list(params, "first_names")),
        )


def looks_like_name(value: str, params: Mapping[str, object] | NameWords) -> bool:
    """Heuristic for a personal name where a function belongs.

    Name-like is (a) a ``first_names`` entry followed by a capitalised word, unless it
    follows a preposition ("chef för Anna Lindhs fond"), or (b) a value made only of two
    to four capitalised *plain* words ("Karin Lindqvist"). A word is plain when it
    contains no ``function_words`` stem (also inside compounds: "Enhetschef") and is
    not one of the ``organisation_words``. Unit names after a function
    ("Verksamhetschef Äldreomsorg Norr") are therefore not names.
    """
    w = params if isinstance(params, NameWords) else NameWords.of(params)
    tokens = _TOKEN.findall(value)

    def plain(token: str) -> bool:
        low = token.lower().strip(".-'’")
        return (
            _is_capitalised(token)
            and low not in w.organisations
            and not any(stem in low for stem in w.functions)
        )

    for i, token in enumerate(tokens[:-1]):
        after_preposition = i > 0 and tokens[i - 1].lower() in w.prepositions
        if token.lower() in w.first_names and plain(tokens[i + 1]) and not after_preposition:
            return True
    return 2 <= len(tokens) <= 4 and all(plain(t) for t in tokens)


@register("functions_not_names")
def functions_not_names(ctx: CheckContext) -> Iterator[Hit]:
    """Values under the rule's ``fields`` that look like personal names."""
    words = NameWords.of(ctx.params)
    tops = {glob.split(".", 1)[0] for glob in ctx.rule.fields}
    anywhere = bool(tops & {"*", "**"})
    for path, value in ctx.facts.strings:
        if not anywhere and (not path or path[0] not in tops):
            continue
        if ctx.rule.applies_to(path) and looks_like_name(value, words):
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
