"""Completeness follows status: a draft may be incomplete, a decided agreement may not.

- ``utkast``: missing and empty values are warnings, and one summary lists what remains.
- ``beslutad`` and later: a ``diarienummer`` and, for every public party, a decision
  (``beslut``) with organ, datum and paragraf.
- ``undertecknad``, ``gällande``: also a signature (``underskrifter``) for every party.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from iop.diagnostics import Diagnostic, PathPart, format_path
from iop.i18n import Text, text

Path = tuple[PathPart, ...]
Add = Callable[[str, Path, Text, Text], None]

DECIDED = ("beslutad", "undertecknad", "gällande", "avslutad")
SIGNED = ("undertecknad", "gällande", "avslutad")
# Codes that only say a value is still missing or empty: warnings in a draft.
INCOMPLETE = frozenset({"SCH001", "SCH006", "SCH056", "SCH059"})
_MISSING_WORDS = ("saknas", "tomt", "anger inte", "saknar värde", "is missing", "is empty", "does not say")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _parties(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    raw = data.get("parter")
    return (
        [p for p in raw if isinstance(p, Mapping) and isinstance(p.get("id"), str)]
        if isinstance(raw, list)
        else []
    )


def _name(party: Mapping[str, Any]) -> str:
    namn = party.get("namn")
    return f"{namn} ({party['id']})" if isinstance(namn, str) and namn.strip() else str(party["id"])


def status_findings(data: Mapping[str, Any], add: Add) -> None:
    """Decisions, registration number and signatures that the agreement's status requires."""
    status = data.get("status")
    if status not in DECIDED:
        return
    word = str(status)
    if _blank(data.get("diarienummer")):
        add(
            "SCH060",
            ("status",),
            text(
                f"Överenskommelsen har status '{word}' men saknar diarienummer.",
                f"The agreement has status '{word}' but no diarienummer (registration number).",
            ),
            text(
                "Lägg till diarienummer: med ärendets nummer hos den offentliga parten, eller sätt status: utkast.",
                "Add diarienummer: with the public party's case number, or set status: utkast.",
            ),
        )
    decisions = data.get("beslut")
    entries = (
        [(i, b) for i, b in enumerate(decisions) if isinstance(b, Mapping)]
        if isinstance(decisions, list)
        else []
    )
    for i, entry in entries:
        lacking = [key for key in ("organ", "datum", "paragraf") if _blank(entry.get(key))]
        if lacking:
            add(
                "SCH061",
                ("beslut", i),
                text(
                    f"Beslutet saknar {', '.join(lacking)}; status '{word}' kräver organ, datum och paragraf.",
                    f"The decision lacks {', '.join(lacking)}; status '{word}' requires organ, datum and paragraf.",
                ),
                text(
                    "Fyll i vilket organ som beslutade, beslutsdatum (ÅÅÅÅ-MM-DD) och protokollsparagraf.",
                    "Fill in the deciding body, the date (YYYY-MM-DD) and the paragraph in the minutes.",
                ),
            )
    public = [p for p in _parties(data) if p.get("typ") == "offentlig"]
    named = {b.get("part") for _, b in entries if isinstance(b.get("part"), str)}
    unnamed = any(_blank(b.get("part")) for _, b in entries)
    missing = [p for p in public if p["id"] not in named and not (unnamed and len(public) == 1)]
    if missing:
        who = ", ".join(_name(p) for p in missing)
        add(
            "SCH061",
            ("beslut",) if decisions is not None else ("status",),
            text(
                f"Överenskommelsen har status '{word}' men saknar beslut för {who}. "
                "Ett underskriftsexemplar kan inte göras förrän beslutet är angivet.",
                f"The agreement has status '{word}' but no decision for {who}. "
                "A signing copy cannot be made until the decision is given.",
            ),
            text(
                "Lägg till under beslut: part, organ, datum och paragraf för varje offentlig part "
                "(t.ex. '- part: kommunen, organ: Socialnämnden, datum: 2025-03-12, paragraf: \"§ 45\"'), "
                "eller sätt status: utkast.",
                "Add under beslut: part, organ, datum and paragraf for every public party, or set status: utkast.",
            ),
        )
    if status not in SIGNED:
        return
    signatures = data.get("underskrifter")
    signed = (
        {s.get("part") for s in signatures if isinstance(s, Mapping) and isinstance(s.get("part"), str)}
        if isinstance(signatures, list)
        else set()
    )
    unsigned = [p for p in _parties(data) if p["id"] not in signed]
    if unsigned and isinstance(signatures, list):
        who = ", ".join(_name(p) for p in unsigned)
        add(
            "SCH062",
            ("underskrifter",),
            text(
                f"Överenskommelsen har status '{word}' men saknar underskrift för {who}.",
                f"The agreement has status '{word}' but no signature for {who}.",
            ),
            text(
                "Lägg till en post under underskrifter med part och funktion för varje part.",
                "Add an entry under underskrifter with part and function for every party.",
            ),
        )


def soften_draft(
    found: list[Diagnostic], data: Mapping[str, Any], display: str, at: tuple[int, int]
) -> list[Diagnostic]:
    """In an ``utkast``: missing and empty values become warnings, plus one summary of what remains."""
    if data.get("status") != "utkast":
        return found
    out: list[Diagnostic] = []
    remaining: list[Path] = []
    for d in found:
        if d.rule in INCOMPLETE and d.severity == "error" and _says_missing(d):
            out.append(replace(d, severity="warning"))
            remaining.append(d.path)
        else:
            out.append(d)
    if remaining:
        places_sv = "; ".join(format_path(p, "sv") for p in remaining)
        places_en = "; ".join(format_path(p, "en") for p in remaining)
        out.append(
            Diagnostic(
                display,
                at[0],
                at[1],
                "SCH063",
                "warning",
                text(
                    f"Utkastet är inte komplett; {len(remaining)} uppgift(er) återstår: {places_sv}.",
                    f"The draft is not complete; {len(remaining)} item(s) remain: {places_en}.",
                ),
                path=("status",),
                hint=text(
                    "Fyll i uppgifterna innan status ändras till beslutad; då blir de fel.",
                    "Fill these in before the status becomes beslutad; then they are errors.",
                ),
            )
        )
    return out


def _says_missing(d: Diagnostic) -> bool:
    """SCH006 also reports too many entries or too long text; only 'empty' and 'missing' soften."""
    if d.rule != "SCH006":
        return True
    message = f"{d.message.get('sv', '')} {d.message.get('en', '')}"
    return any(w in message for w in _MISSING_WORDS) or "poster; minst" in message
