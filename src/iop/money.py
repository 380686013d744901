"""Amounts as agreements state them: exact, approximate, capped, a range or a formula.

An amount in an agreement (``belopp_per_år``, ``per_avtalsår › belopp``) is an
integer (exact kronor) or a mapping with ``cirka``, ``lägst``, ``högst`` and
``formel``. :func:`parse_amount` turns either into a :class:`Range`; budget
arithmetic adds and scales ranges so totals carry their uncertainty.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

NBSP = "\u00a0"


@dataclass(frozen=True)
class Range:
    """An amount in whole kronor: ``low ≤ nominal ≤ high``.

    ``nominal`` is the planning figure (the exact amount, the 'cirka' amount, the
    formula's result or, for a bare ceiling, the ceiling). ``approximate`` marks
    figures the agreement does not fix (cirka, formula, unknown indexation).
    """

    low: int
    nominal: int
    high: int
    approximate: bool = False

    @classmethod
    def exact(cls, amount: int) -> Range:
        return cls(amount, amount, amount)

    @property
    def is_exact(self) -> bool:
        return self.low == self.high and not self.approximate

    def __add__(self, other: Range) -> Range:
        return Range(
            self.low + other.low,
            self.nominal + other.nominal,
            self.high + other.high,
            self.approximate or other.approximate,
        )

    def scaled(self, factor: float) -> Range:
        """Every bound times ``factor``, rounded to whole kronor."""
        return Range(
            round(self.low * factor),
            round(self.nominal * factor),
            round(self.high * factor),
            self.approximate,
        )

    def split(self, parts: int) -> tuple[Range, ...]:
        """``parts`` shares that add up exactly (the first takes the remainders)."""
        if parts <= 1:
            return (self,)

        def shares(value: int) -> list[int]:
            base, rest = divmod(value, parts)
            return [base + (rest if i == 0 else 0) for i in range(parts)]

        lows, noms, highs = shares(self.low), shares(self.nominal), shares(self.high)
        return tuple(Range(lows[i], noms[i], highs[i], self.approximate) for i in range(parts))


ZERO = Range(0, 0, 0)


def total(ranges: Iterable[Range]) -> Range:
    """The sum of ``ranges`` (zero for none)."""
    out = ZERO
    for r in ranges:
        out = out + r
    return out


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return max(0, round(value))


def formula_value(formula: Any) -> int | None:
    """``kronor_per_enhet × antal`` of a ``formel`` mapping, or None when incomplete."""
    if not isinstance(formula, Mapping):
        return None
    per = formula.get("kronor_per_enhet")
    count = _int(formula.get("antal"))
    if isinstance(per, bool) or not isinstance(per, int | float) or per < 0 or count is None:
        return None
    total = per * count
    return round(total) if math.isfinite(total) else None


def parse_amount(value: Any) -> Range | None:
    """The range an amount states, or None when it states none (absent, malformed, empty).

    Tolerant: the linter and renderer run on drafts, so a malformed part is ignored
    (validation reports it).
    """
    exact = _int(value)
    if exact is not None:
        return Range.exact(exact)
    if not isinstance(value, Mapping):
        return None
    about = _int(value.get("cirka"))
    low = _int(value.get("lägst"))
    high = _int(value.get("högst"))
    computed = formula_value(value.get("formel"))
    nominal = about if about is not None else computed
    approximate = nominal is not None
    if nominal is None:
        if high is not None:
            nominal = high
        elif low is not None:
            nominal = low
        else:
            return None
    lo = (
        low
        if low is not None
        else (0 if high is not None and about is None and computed is None else nominal)
    )
    hi = high if high is not None else nominal
    lo, hi = min(lo, nominal), max(hi, nominal)
    return Range(lo, nominal, hi, approximate)


def format_kr(amount: float, *, sign: bool = False) -> str:
    """``1 194 500 kr`` with no-break spaces; ``sign=True`` gives ``+46 800 kr`` / ``−46 800 kr``."""
    rounded = round(amount)
    digits = f"{abs(rounded):,}".replace(",", NBSP)
    prefix = ("+" if rounded > 0 else "−" if rounded < 0 else "±") if sign else ("−" if rounded < 0 else "")
    return f"{prefix}{digits}{NBSP}kr"


def _digits(amount: int) -> str:
    return f"{amount:,}".replace(",", NBSP)


def format_range(r: Range, lang: str = "sv") -> str:
    """``553 200 kr``, ``cirka 3 700 000 kr``, ``högst 4 000 000 kr`` or ``500 000–800 000 kr``."""
    about = "cirka" if lang == "sv" else "about"
    at_most = "högst" if lang == "sv" else "at most"
    if r.low == r.high:
        return f"{about} {format_kr(r.nominal)}" if r.approximate else format_kr(r.nominal)
    if r.approximate and r.low == r.nominal:
        return f"{about} {format_kr(r.nominal)}, {at_most} {format_kr(r.high)}"
    if r.low == 0 and r.nominal == r.high:
        return f"{at_most} {format_kr(r.high)}"
    span = f"{_digits(r.low)}–{format_kr(r.high)}"
    if r.approximate and r.low < r.nominal < r.high:
        return f"{about} {format_kr(r.nominal)} ({span})"
    return span
