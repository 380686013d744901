"""The form of each party's organisationsnummer (first digit = legal form)."""

from __future__ import annotations

from collections.abc import Iterator

from iop.lint.checks import CheckContext, Hit, register


@register("orgnr_form")
def orgnr_form(ctx: CheckContext) -> Iterator[Hit]:
    """Parties of ``party_type`` whose number starts with one of ``prefixes``."""
    kind = ctx.params.get("party_type", "idéburen")
    prefixes = tuple(str(p) for p in ctx.params.get("prefixes") or [])
    for index, party in ctx.facts.items("parter"):
        number = party.get("organisationsnummer")
        if party.get("typ") != kind or not isinstance(number, str):
            continue
        digits = number.replace("-", "").strip()
        if digits[:1] and digits.startswith(prefixes):
            yield Hit(
                ("parter", index, "organisationsnummer"),
                {
                    "number": number,
                    "name": str(party.get("namn", party.get("id", "?"))),
                    "prefix": digits[0],
                    "kind": ctx.params.get("kind") or "?",
                },
            )
