"""Checks JSON Schema cannot express: party references, unique ids, dates, Luhn, versions.

Each check looks only at values of the right shape; a value of the wrong shape
already has a schema message of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from iop.datapath import DataPath, value_at
from iop.dates import parse_date
from iop.diagnostics import Diagnostic
from iop.i18n import Text, text
from iop.validation.words import did_you_mean, shown

if TYPE_CHECKING:
    from iop.loader import Document


# Where a party is referred to: (list path, key) pairs, and single objects.
_REF_LISTS: list[DataPath] = [
    ("beslut",),
    ("insatser",),
    ("styrgrupp", "ledamöter"),
    ("ekonomi", "resurser"),
    ("underskrifter",),
]
_REF_SINGLE: list[DataPath] = [("styrgrupp", "sammankallande")]


def luhn_check_digit(nine: str) -> int:
    """The Luhn check digit for nine digits (Swedish organisation numbers)."""
    total = 0
    for i, ch in enumerate(nine):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return (10 - total % 10) % 10


def orgnr_ok(value: str) -> bool:
    """Ten digits (an optional hyphen after six) with a valid Luhn check digit."""
    digits = value.replace("-", "")
    return len(digits) == 10 and digits.isdigit() and luhn_check_digit(digits[:9]) == int(digits[9])


def _party_refs(data: dict[str, Any]) -> Iterator[tuple[DataPath, Any]]:
    for base in _REF_LISTS:
        items = value_at(data, base)
        if isinstance(items, list):
            for i, item in enumerate(items):
                if isinstance(item, dict) and "part" in item:
                    yield (*base, i, "part"), item["part"]
    for base in _REF_SINGLE:
        item = value_at(data, base)
        if isinstance(item, dict) and "part" in item:
            yield (*base, "part"), item["part"]
    resources = value_at(data, ("ekonomi", "resurser"))
    for i, resource in enumerate(resources if isinstance(resources, list) else []):
        shared = resource.get("parter") if isinstance(resource, dict) else None
        for k, ref in enumerate(shared if isinstance(shared, list) else []):
            yield ("ekonomi", "resurser", i, "parter", k), ref
    groups = data.get("grupper")
    for g, group in enumerate(groups if isinstance(groups, list) else []):
        if not isinstance(group, dict):
            continue
        members = group.get("ledamöter")
        for m, member in enumerate(members if isinstance(members, list) else []):
            if isinstance(member, dict) and "part" in member:
                yield ("grupper", g, "ledamöter", m, "part"), member["part"]
        convener = group.get("sammankallande")
        if isinstance(convener, dict) and "part" in convener:
            yield ("grupper", g, "sammankallande", "part"), convener["part"]


def crossfield_diagnostics(doc: Document) -> list[Diagnostic]:
    """All cross-field findings for ``doc``."""
    data = doc.data
    out: list[Diagnostic] = []

    def add(code: str, path: DataPath, message: Text, hint: Text) -> None:
        line, col = doc.locate(path)
        out.append(Diagnostic(doc.display, line, col, code, "error", message, path=path, hint=hint))

    parties = data.get("parter")
    ids: list[str] = []
    if isinstance(parties, list):
        for i, party in enumerate(parties):
            if not isinstance(party, dict):
                continue
            pid = party.get("id")
            if isinstance(pid, str):
                if pid in ids:
                    add(
                        "SCH051",
                        ("parter", i, "id"),
                        text(
                            f"Part-id '{pid}' används av mer än en part.",
                            f"The party id '{pid}' is used by more than one party.",
                        ),
                        text(
                            "Ge varje part ett eget id; referenser under 'part' måste peka ut en enda part.",
                            "Give each party its own id; references under 'part' must name one party.",
                        ),
                    )
                else:
                    ids.append(pid)
            number = party.get("organisationsnummer")
            if isinstance(number, str):
                digits = number.replace("-", "")
                if len(digits) == 10 and digits.isdigit() and not orgnr_ok(number):
                    expected = luhn_check_digit(digits[:9])
                    add(
                        "SCH053",
                        ("parter", i, "organisationsnummer"),
                        text(
                            f"Organisationsnumret '{number}' har fel kontrollsiffra "
                            f"(sista siffran blir {expected} enligt Luhn-algoritmen).",
                            f"The organisation number '{number}' has a wrong check digit "
                            f"(the Luhn algorithm gives {expected} as the last digit).",
                        ),
                        text(
                            "Kontrollera numret mot Bolagsverkets eller Skatteverkets register; "
                            "troligen är en siffra felskriven.",
                            "Check the number against the official register; a digit is probably mistyped.",
                        ),
                    )

    if isinstance(parties, list):
        declared = ", ".join(ids) or "–"
        for path, ref in _party_refs(data):
            if isinstance(ref, str) and ref not in ids:
                guess = did_you_mean(ref, ids)
                add(
                    "SCH050",
                    path,
                    text(
                        f"'{shown(ref)}' är inte en part i överenskommelsen (parter: {declared}).",
                        f"'{shown(ref)}' is not a party of the agreement (parties: {declared}).",
                    ),
                    text(f"Menade du '{guess}'?", f"Did you mean '{guess}'?")
                    if guess
                    else text(
                        "Använd id för en part under parter, eller lägg till parten där.",
                        "Use the id of a party under parter, or add the party there.",
                    ),
                )

    start, end = parse_date(value_at(data, ("tidsram", "start"))), parse_date(value_at(data, ("tidsram", "slut")))
    if start and end and end <= start:
        add(
            "SCH052",
            ("tidsram", "slut"),
            text(
                f"Slutdatum {end.isoformat()} ligger inte efter startdatum {start.isoformat()}.",
                f"The end date {end.isoformat()} is not after the start date {start.isoformat()}.",
            ),
            text(
                "Kontrollera årtalen; slut ska vara senare än start.",
                "Check the years; slut must be later than start.",
            ),
        )

    version = data.get("version")
    log = data.get("ändringar")
    if isinstance(log, list):
        seen: set[int] = set()
        for i, entry in enumerate(log):
            v = entry.get("version") if isinstance(entry, dict) else None
            if not isinstance(v, int) or isinstance(v, bool):
                continue
            if isinstance(version, int) and v > version:
                add(
                    "SCH054",
                    ("ändringar", i, "version"),
                    text(
                        f"Ändringsloggen nämner version {v}, men överenskommelsen har version {version}.",
                        f"The change log mentions version {v}, but the agreement is version {version}.",
                    ),
                    text(
                        f"Höj 'version' till {v} eller rätta versionen i loggen.",
                        f"Raise 'version' to {v} or correct the version in the log.",
                    ),
                )
            if v in seen:
                add(
                    "SCH055",
                    ("ändringar", i, "version"),
                    text(
                        f"Version {v} förekommer mer än en gång i ändringsloggen.",
                        f"Version {v} occurs more than once in the change log.",
                    ),
                    text(
                        "Varje version ska ha en egen rad; slå ihop raderna eller rätta numret.",
                        "Each version gets one entry; merge the entries or fix the number.",
                    ),
                )
            seen.add(v)

    from iop.validation.resources import resource_findings
    from iop.validation.status import status_findings

    resource_findings(data, add)
    status_findings(data, add)
    return out
