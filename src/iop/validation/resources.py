"""Cross-field checks of ``ekonomi › resurser``: who provides a resource and what amounts say.

Schema types (integers, minimum 0, known keys) are checked by the schema; here
the parts that must agree with each other or with the term: ``part`` or
``parter``, bounds of an amount, years of a schedule, and a value or
``värderad: false``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from iop.budget import periods
from iop.dates import parse_date
from iop.diagnostics import PathPart
from iop.i18n import Text, text
from iop.money import format_kr, formula_value

Path = tuple[PathPart, ...]
Add = Callable[[str, Path, Text, Text], None]


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _amount_bounds(amount: Any, path: Path, add: Add) -> None:
    """cirka, lägst and högst in order; a mapping that states some figure; formel or cirka, not both."""
    if not isinstance(amount, Mapping):
        return
    about, low, high = _int(amount.get("cirka")), _int(amount.get("lägst")), _int(amount.get("högst"))
    formula = amount.get("formel")
    computed = formula_value(formula)
    if about is None and low is None and high is None and formula is None:
        add(
            "SCH057",
            path,
            text("Beloppet anger ingen siffra.", "The amount states no figure."),
            text(
                "Skriv ett heltal (t.ex. 553200), eller cirka:, lägst:, högst: eller formel: under beloppet.",
                "Write a whole number (e.g. 553200), or cirka:, lägst:, högst: or formel: under the amount.",
            ),
        )
        return
    if about is not None and formula is not None:
        add(
            "SCH057",
            (*path, "cirka"),
            text(
                "Beloppet har både cirka och formel; ange det ena.",
                "The amount has both cirka and formel; give one of them.",
            ),
            text(
                "Ta bort cirka när beloppet räknas fram med formeln (formelns resultat är ungefärligt).",
                "Remove cirka when the amount is calculated with the formula (its result is approximate).",
            ),
        )
    nominal = about if about is not None else computed
    label_sv = "cirka-beloppet" if about is not None else "formelns belopp"
    label_en = "the approximate amount" if about is not None else "the formula's amount"
    if high is not None and nominal is not None and high < nominal:
        add(
            "SCH057",
            (*path, "högst"),
            text(
                f"Taket {format_kr(high)} är lägre än {label_sv} {format_kr(nominal)}.",
                f"The ceiling {format_kr(high)} is below {label_en} {format_kr(nominal)}.",
            ),
            text(
                "Höj taket (högst) eller sänk beloppet; taket är det mesta som kan betalas.",
                "Raise the ceiling (högst) or lower the amount; the ceiling is the most that can be paid.",
            ),
        )
    if low is not None and high is not None and low > high:
        add(
            "SCH057",
            (*path, "lägst"),
            text(
                f"Det lägsta beloppet {format_kr(low)} är högre än taket {format_kr(high)}.",
                f"The lowest amount {format_kr(low)} is above the ceiling {format_kr(high)}.",
            ),
            text("Byt plats på lägst och högst.", "Swap lägst and högst."),
        )
    elif low is not None and nominal is not None and low > nominal:
        add(
            "SCH057",
            (*path, "lägst"),
            text(
                f"Det lägsta beloppet {format_kr(low)} är högre än {label_sv} {format_kr(nominal)}.",
                f"The lowest amount {format_kr(low)} is above {label_en} {format_kr(nominal)}.",
            ),
            text("Sänk lägst eller höj beloppet.", "Lower lägst or raise the amount."),
        )


def _schedule(resource: Mapping[str, Any], base: Path, data: Mapping[str, Any], add: Add) -> None:
    raw = resource.get("per_avtalsår")
    if not isinstance(raw, list):
        return
    tidsram = data.get("tidsram") if isinstance(data.get("tidsram"), Mapping) else {}
    assert isinstance(tidsram, Mapping)
    start, end = parse_date(tidsram.get("start")), parse_date(tidsram.get("slut"))
    years = [p.start.year for p in periods(start, end)] if start and end and end >= start else None
    seen: set[int] = set()
    for j, entry in enumerate(raw):
        if not isinstance(entry, Mapping):
            continue
        _amount_bounds(entry.get("belopp"), (*base, "per_avtalsår", j, "belopp"), add)
        year = _int(entry.get("år"))
        if year is None:
            continue
        where: Path = (*base, "per_avtalsår", j, "år")
        if year in seen:
            add(
                "SCH058",
                where,
                text(
                    f"År {year} förekommer mer än en gång i per_avtalsår.",
                    f"The year {year} occurs more than once in per_avtalsår.",
                ),
                text("Ange varje avtalsår en gång.", "Give each agreement year once."),
            )
        seen.add(year)
        if years is not None and year not in years:
            assert start is not None and end is not None
            shown = ", ".join(str(y) for y in years)
            add(
                "SCH058",
                where,
                text(
                    f"År {year} ligger utanför avtalstiden {start.isoformat()}–{end.isoformat()} "
                    f"(avtalsåren börjar {shown}).",
                    f"The year {year} lies outside the term {start.isoformat()}–{end.isoformat()} "
                    f"(the agreement years start in {shown}).",
                ),
                text(
                    "Ange året då avtalsåret börjar, inom tidsram › start och slut, eller ändra avtalstiden.",
                    "Give the year in which the agreement year starts, within the term, or change the term.",
                ),
            )


def _value(resource: Mapping[str, Any], base: Path, add: Add) -> None:
    has_amount = "belopp_per_år" in resource or "per_avtalsår" in resource
    unvalued = resource.get("värderad") is False
    if unvalued and has_amount:
        key = "belopp_per_år" if "belopp_per_år" in resource else "per_avtalsår"
        add(
            "SCH059",
            (*base, key),
            text(
                "Resursen har både ett belopp och värderad: false.",
                "The resource has both an amount and värderad: false.",
            ),
            text(
                "Ta bort värderad: false när resursen har ett värde, eller ta bort beloppet.",
                "Remove värderad: false when the resource has a value, or remove the amount.",
            ),
        )
    elif unvalued and resource.get("slag") == "ekonomiskt":
        add(
            "SCH059",
            (*base, "värderad"),
            text(
                "En ekonomisk resurs (pengar) kan inte vara ovärderad.",
                "A financial resource (money) cannot be unvalued.",
            ),
            text(
                "Ange beloppet under belopp_per_år, t.ex. {cirka: 500000} eller {högst: 500000}.",
                "Give the amount under belopp_per_år, e.g. {cirka: 500000} or {högst: 500000}.",
            ),
        )
    elif not unvalued and not has_amount:
        add(
            "SCH059",
            base,
            text(
                "Resursen saknar värde: ange belopp_per_år, per_avtalsår eller värderad: false.",
                "The resource has no value: give belopp_per_år, per_avtalsår or värderad: false.",
            ),
            text(
                "Skriv beloppet per år (t.ex. belopp_per_år: 553200 eller {cirka: 3700000}); för en lokal eller "
                "kunskap som ingen värderat, skriv värderad: false.",
                "Write the amount per year; for premises or knowledge nobody valued, write värderad: false.",
            ),
        )


def _who(resource: Mapping[str, Any], base: Path, add: Add) -> None:
    if "part" in resource and "parter" in resource:
        add(
            "SCH056",
            (*base, "parter"),
            text(
                "Resursen har både part och parter; ange det ena.",
                "The resource has both part and parter; give one of them.",
            ),
            text(
                "Använd part för en enda part och parter för en resurs som flera parter står för tillsammans.",
                "Use part for one party and parter for a resource several parties provide together.",
            ),
        )
    elif "part" not in resource and "parter" not in resource:
        add(
            "SCH056",
            base,
            text(
                "Resursen anger inte vilken part som bidrar (part eller parter).",
                "The resource does not say which party contributes (part or parter).",
            ),
            text(
                "Lägg till part: <id>, eller parter: [<id>, <id>] för en delad resurs.",
                "Add part: <id>, or parter: [<id>, <id>] for a shared resource.",
            ),
        )
    shared = resource.get("parter")
    if isinstance(shared, list):
        seen: set[Any] = set()
        for k, ref in enumerate(shared):
            if isinstance(ref, str) and ref in seen:
                add(
                    "SCH056",
                    (*base, "parter", k),
                    text(
                        f"Parten '{ref}' står två gånger under parter.",
                        f"The party '{ref}' is listed twice under parter.",
                    ),
                    text("Ange varje part en gång.", "List each party once."),
                )
            seen.add(ref)


def resource_findings(data: Mapping[str, Any], add: Add) -> None:
    """Report every cross-field problem under ``ekonomi › resurser`` through ``add``."""
    for base, resource in _resources(data):
        _who(resource, base, add)
        _value(resource, base, add)
        _amount_bounds(resource.get("belopp_per_år"), (*base, "belopp_per_år"), add)
        _schedule(resource, base, data, add)


def _resources(data: Mapping[str, Any]) -> Iterator[tuple[Path, Mapping[str, Any]]]:
    ekonomi = data.get("ekonomi")
    raw = ekonomi.get("resurser") if isinstance(ekonomi, Mapping) else None
    for i, resource in enumerate(raw if isinstance(raw, list) else []):
        if isinstance(resource, Mapping):
            yield ("ekonomi", "resurser", i), resource
