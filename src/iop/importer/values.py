"""Recognise dates, amounts and organisation numbers in Swedish agreement text."""

from __future__ import annotations

import datetime as dt
import re

from iop.render.document import MONTHS as MONTH_NAMES

MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
_SV_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
ORGNR = re.compile(r"\b(\d{6})[-–]?(\d{4})\b")
_AMOUNT = re.compile(
    r"(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,(\d+))?\s*(miljoner|mnkr|tkr)?\s*(?:kr\b|kronor\b|sek\b)",
    re.IGNORECASE,
)
NUMBER_WORDS = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
    "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12,
}  # fmt: skip


def dates(value: str) -> list[tuple[int, dt.date]]:
    """Every date in ``value`` (ISO or ``1 januari 2027``) with its position, in order."""
    found: list[tuple[int, dt.date]] = []
    for m in _SV_DATE.finditer(value):
        try:
            found.append((m.start(), dt.date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))))
        except ValueError:
            continue
    for m in _ISO.finditer(value):
        try:
            found.append((m.start(), dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
        except ValueError:
            continue
    return sorted(found)


def first_date(value: str) -> dt.date | None:
    found = dates(value)
    return found[0][1] if found else None


def amount(value: str) -> int | None:
    """``'1 200 000 kr'`` → 1200000; ``'1,2 miljoner kronor'`` → 1200000; else None."""
    m = _AMOUNT.search(value)
    if not m:
        return None
    whole = int(re.sub(r"\D", "", m.group(1)))
    frac = m.group(2) or ""
    unit = (m.group(3) or "").lower()
    factor = 1_000_000 if unit in ("miljoner", "mnkr") else 1000 if unit == "tkr" else 1
    if frac and factor > 1:
        scaled: float = (whole + int(frac) / 10 ** len(frac)) * factor
        return round(scaled)
    return whole * factor


def count(word: str) -> int | None:
    """``'4'`` or ``'fyra'`` → 4."""
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word.lower())


def orgnr(value: str) -> str:
    m = ORGNR.search(value)
    return f"{m.group(1)}-{m.group(2)}" if m else ""


_KR = r"(\d{1,3}(?:[ \u00a0\u202f]\d{3})*|\d+)\s*(?:kr|kronor)"


def _kr(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def amount_shape(value: str) -> int | dict[str, int] | None:
    """An amount as the signing copy states it: ``553 200 kr`` → 553200; ``cirka 3 700 000 kr``
    → {cirka}; ``högst``/``upp till`` → {högst}; ``cirka A, högst B`` → both; ``A–B kr`` → {lägst, högst}."""
    text = " ".join(value.split())
    m = re.search(rf"(?:cirka|ca\.?|ungefär) {_KR}, högst {_KR}", text, re.I)
    if m:
        return {"cirka": _kr(m.group(1)), "högst": _kr(m.group(2))}
    m = re.search(rf"(?:cirka|ca\.?|ungefär) {_KR}", text, re.I)
    if m:
        return {"cirka": _kr(m.group(1))}
    m = re.search(rf"(?:högst|upp till|maximalt) {_KR}", text, re.I)
    if m:
        return {"högst": _kr(m.group(1))}
    m = re.search(r"(\d{1,3}(?:[ \u00a0\u202f]\d{3})*|\d+)\s*[–-]\s*" + _KR, text)
    if m:
        return {"lägst": _kr(m.group(1)), "högst": _kr(m.group(2))}
    return amount(text)


def running_amount(sentence: str) -> int | dict[str, int] | None:
    """The first amount of a sentence with its qualifier: ``cirka 3,7 miljoner kronor`` → {cirka}."""
    value = amount(sentence)
    if value is None:
        return None
    m = _AMOUNT.search(sentence)
    before = sentence[: m.start()].lower().split()[-2:] if m else []
    if any(w.strip(",.") in ("cirka", "ca", "ungefär") for w in before):
        return {"cirka": value}
    if any(w.strip(",.") in ("högst", "maximalt") for w in before) or before[-2:] == ["upp", "till"]:
        return {"högst": value}
    return value
