"""Read back the model's richer shapes from the words the signing copy uses for them.

Frequencies (``minst 2 gånger per år och vid behov``, ``vartannat år``, ``senast
2026-05-31``), meeting sentences with their convener, the formula basis of an amount
(``Beräknas som 5 kr per invånare × 56 000``) and a resource shared by several parties
(``A, B och C (gemensamt)``). Each function is the inverse of the renderer's wording in
:mod:`iop.render.document` and :meth:`iop.frequency.Frequency.describe`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

_BLANK = r"[ \u00a0\u202f]"
_TIMES = r"(en gång|\d+ gånger)"
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_FORMULA = re.compile(
    rf"\s*Beräknas som (\d[\d{_BLANK[1:-1]}]*(?:,\d+)?){_BLANK}*kr per (.+?) × (\d[\d{_BLANK[1:-1]}]*)"
    r"(?: \((.+?)\))?\.(?=\s|$)"
)
SHARED = " (gemensamt)"
_SCHEDULE = re.compile(r"\s*Per år: ((?:\d{4}: [^;.]+(?:; )?)+)\.(?=\s|$)")


def _times(word: str) -> int:
    return 1 if word == "en gång" else int(word.split()[0])


def frequency_value(words: str, description: str = "") -> int | dict[str, Any] | None:
    """``4 gånger per år`` → 4; ``minst 2 gånger per år och vid behov`` → {minst, vid_behov};
    also the first year, an interval, dates and a description; None when ``words`` states none."""
    out: dict[str, Any] = {}
    per = re.search(rf"(minst )?{_TIMES} per år", words)
    first = re.search(rf"{_TIMES} det första avtalsåret", words)
    if per:
        out["minst"] = _times(per.group(2))
    if "vid behov" in words:
        out["vid_behov"] = True
    if first:
        out["första_avtalsåret"] = _times(first.group(1))
    interval = re.search(r"\bvart(?:annat år| (\d+):e år)|\bvar (\d+):e månad", words)
    if interval:
        years = interval.group(1)
        months = interval.group(2)
        out["intervall_månader"] = int(months) if months else int(years or 2) * 12
    dated = re.search(r"senast ((?:\d{4}-\d{2}-\d{2}(?:, )?)+)", words)
    if dated:
        out["datum"] = [dt.date.fromisoformat(d) for d in _ISO.findall(dated.group(1))]
    if not out:
        return None
    if list(out) == ["minst"] and per and not per.group(1) and not description:
        return int(out["minst"])
    if description:
        out["beskrivning"] = description
    return out


@dataclass
class Meeting:
    """A meeting sentence read back: frequency, convener (function, party name) and what is left."""

    frequency: int | dict[str, Any] | None = None
    convener: tuple[str, str] | None = None
    rest: str = ""


def meeting_sentence(text: str, subject: str, party_names: list[str]) -> Meeting | None:
    """``{subject} sammanträder {frequency}. {description} Sammankallande: {function}, {party}.``
    as the renderer writes it; None when ``text`` is not such a sentence."""
    m = re.match(rf"{subject} sammanträder (.+?)\.(?=\s|$)", text)
    conv_at = re.search(r"(?:^|\s)Sammankallande: (.+)\.$", text)
    if not m and not (conv_at and conv_at.start() == 0):
        return None
    found = Meeting()
    tail = text[m.end() :].strip() if m else ""
    if conv_at:
        found.convener = _convener(conv_at.group(1), party_names)
        tail = re.sub(r"\s*Sammankallande: .+\.$", "", tail).strip()
    if m:
        found.frequency = frequency_value(m.group(1), tail)
        if found.frequency is None or isinstance(found.frequency, int):
            found.rest = tail
    return found


def _convener(value: str, party_names: list[str]) -> tuple[str, str]:
    """``Avdelningschef, social resursförvaltning, Göteborgs Stad`` → (function, party name)."""
    for name in sorted(party_names, key=len, reverse=True):
        if value.endswith(", " + name):
            return value[: -len(name) - 2].strip(), name
    function, _, party = value.rpartition(", ")
    return (function, party) if function else (value, "")


def follow_up_sentence(text: str) -> tuple[int | dict[str, Any] | None, str] | None:
    """``Parterna följer gemensamt upp partnerskapet {frequency}. {description}`` → (value, rest)."""
    m = re.match(r"Parterna följer gemensamt upp partnerskapet (.+?)\.(?=\s|$)", text)
    if not m:
        return None
    tail = text[m.end() :].strip()
    value = frequency_value(m.group(1), tail)
    if value is None or isinstance(value, int):
        return value, tail
    return value, ""


def formula(description: str) -> tuple[dict[str, Any], str] | None:
    """The ``formel`` stated in a resource's description and the description without it."""
    m = _FORMULA.search(description)
    if not m:
        return None
    per_text = re.sub(_BLANK, "", m.group(1))
    per: int | float = float(per_text.replace(",", ".")) if "," in per_text else int(per_text)
    out: dict[str, Any] = {
        "kronor_per_enhet": per,
        "enhet": m.group(2),
        "antal": int(re.sub(r"\D", "", m.group(3))),
    }
    if m.group(4):
        out["avser"] = m.group(4)
    rest = (description[: m.start()] + description[m.end() :]).strip()
    return out, rest


def shared_parties(cell: str, party_names: list[str]) -> list[str] | None:
    """``A, B och C (gemensamt)`` → the party names in the order written; None when not shared."""
    if not cell.endswith(SHARED):
        return None
    text = cell[: -len(SHARED)]
    taken: list[tuple[int, str]] = []
    for name in sorted(party_names, key=len, reverse=True):
        at = text.find(name)
        while at >= 0 and any(s <= at < s + len(n) for s, n in taken):
            at = text.find(name, at + 1)
        if at >= 0:
            taken.append((at, name))
    return [name for _, name in sorted(taken)] or None


def schedule(description: str) -> tuple[list[dict[str, Any]], str] | None:
    """``Per år: 2025: 100 000 kr; 2026: cirka 120 000 kr.`` → ``per_avtalsår`` entries and
    the description without them; None when the description states no schedule."""
    from iop.importer.values import amount_shape

    m = _SCHEDULE.search(description)
    if not m:
        return None
    entries: list[dict[str, Any]] = []
    for part in m.group(1).split("; "):
        year, _, shown = part.partition(": ")
        value = amount_shape(shown)
        if not year.isdigit() or value is None:
            return None
        entries.append({"år": int(year), "belopp": value})
    rest = (description[: m.start()] + description[m.end() :]).strip()
    return entries, rest
