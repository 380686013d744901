"""The matcher grammar of text rules, compiled once per rule.

A rule's ``match`` is a small mapping a domain expert can read::

    match:
      any:                      # the signal: any of these patterns
        - beställare            # a word in any inflection (Snowball stem)
        - beställ*              # a word that starts with ...
        - "*pris"               # a word that ends with an inflected ... (compounds: timpriset)
        - "ersättning per {deltagare|plats|timme}"   # a phrase; {a|b} alternatives
        - "{num} kr per {timme|h}"   # {num} a number
        - "{num} kr per {!år|månad}"   # {!a|b} any word except these
        - "{enligt|i enlighet med} ... anvisning*"   # ... up to four words in between
                                # (...8: up to eight);
                                # an alternative may be several words
        - "för kommunens? räkning"   # word? is optional
      with: [leverans, leverera*]   # also one of these in the same sentence
      near: [vite]              # also one of these within `distance` words (param, default 8)
      unless: [volontär*]       # not when one of these stands, not negated, in the same sentence
      negation: true            # default: skip matches negated by inte/ej/ingen/utan/aldrig/varken ...
      mode: present             # or `absent`: fire once when none of `any` occurs in the fields

Words with a capital letter (``LOV``, ``HVB``) match case-sensitively and
exactly; ``=word`` matches exactly that lower-case word form. ``{@name}``
refers to a shared word list (``sets:`` in a pack); the loader expands it.

Compiling is pure: it needs no rule pack and registers nothing. A compiled
pattern carries its needles (:mod:`iop.lint.text.prefilter`); the rule set
that owns the matchers gathers them into its word index.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from iop.i18n import MessageError, text
from iop.lint.text.prefilter import is_word_needle
from iop.lint.text.tokens import Token, has_tail_norm, norm

MATCH_KEYS = frozenset({"any", "with", "near", "unless", "negation", "mode"})
GAP = "..."
MAX_GAP = 4
_WIDE_GAP_RE = re.compile(r"\.\.\.([1-9]|1[0-2])")  # "...8": up to eight words in between
_SLOT_RE = re.compile(r"\{[^}]*\}\??|\S+")
_TERM_RE = re.compile(r"^(=)?(\*)?([\w§%€&+à-]+?)(\*)?(\?)?$", re.UNICODE)


class GrammarError(MessageError):
    """A ``match`` cannot be compiled; ``message`` in Swedish and English."""


@dataclass(frozen=True, slots=True)
class Term:
    """One token test."""

    kind: str  # "word" | "prefix" | "suffix" | "contains" | "exact" | "case" | "num" | "sym" | "not"
    value: str
    key: str  # normalised form for word/suffix
    inner: tuple[Term, ...] = ()  # for "not": a word that matches none of these

    def test(self, tok: Token) -> bool:
        kind = self.kind
        if kind == "num":
            return tok.kind == "num"
        if kind == "not":
            return tok.kind == "word" and not any(t.test(tok) for t in self.inner)
        if kind == "case":
            return tok.text == self.value or (tok.kind == "word" and self.value in tok.text.split("-"))
        if kind == "exact" or kind == "sym":
            return tok.low == self.value or self.value in tok.parts
        low = tok.low
        if kind == "prefix":
            return any(p.startswith(self.value) for p in tok.parts) or low.startswith(self.value)
        if kind == "contains":
            return self.value in low
        if kind == "suffix":
            return self.key[:3] in low and has_tail_norm(low, self.key)
        # "word": same normalised stem, or the stem plus at most two letters the
        # stemmer leaves on (fakturan/faktura, beställd/beställ).
        key = self.key
        for part in tok.parts:
            n = norm(part)
            if n == key or (len(key) >= 5 and n.startswith(key) and len(n) - len(key) <= 2):
                return True
        return False


@dataclass(frozen=True, slots=True)
class Slot:
    """Alternatives for one place in a phrase; each alternative is one or more consecutive words."""

    alternatives: tuple[tuple[Term, ...], ...]
    optional: bool = False
    gap_before: int = 0  # words allowed between the previous slot and this one
    first_needles: frozenset[str] | None = None  # a starting word must contain one of these


@dataclass(frozen=True, slots=True)
class Pattern:
    """A compiled phrase with its pre-check data (see :mod:`iop.lint.text.prefilter`).

    ``needles``: for each required slot whose words all have needles, the set of
    which one must be in the text. ``head``: the first slot's needles (to find
    candidate start tokens), or None when the first slot cannot be pre-checked.
    """

    source: str
    slots: tuple[Slot, ...]
    needles: tuple[frozenset[str], ...] = ()
    head: frozenset[str] | None = None

    def possible(self, found: frozenset[str]) -> bool:
        """Whether the pattern could match a text whose needles are ``found``."""
        return all(not opts.isdisjoint(found) for opts in self.needles)


def term_needle(term: Term) -> str:
    """The substring every word ``term`` accepts contains ('' when there is none)."""
    if term.kind in ("num", "not"):
        return ""
    needle = term.key if term.kind in ("word", "suffix") else term.value.lower()
    return needle if is_word_needle(needle) else ""


def _needles(slots: Sequence[Slot]) -> tuple[frozenset[str], ...]:
    out = []
    for slot in slots:
        if slot.optional:
            continue
        options = [max((term_needle(t) for t in alt), key=len) for alt in slot.alternatives]
        if all(options):
            out.append(frozenset(options))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Matcher:
    """A compiled ``match``."""

    any: tuple[Pattern, ...]
    with_: tuple[Pattern, ...]
    near: tuple[Pattern, ...]
    unless: tuple[Pattern, ...]
    negation: bool
    mode: str
    gate: frozenset[str] | None = None

    def possible(self, found: frozenset[str]) -> bool:
        """Whether some ``any`` pattern could match a text whose needles are ``found``."""
        return self.gate is None or not self.gate.isdisjoint(found)


# Needles found in almost every sentence of an agreement make a poor gate.
_COMMON = frozenset(
    {"av", "att", "de", "den", "det", "en", "ett", "för", "i", "med", "och", "om", "per", "på", "som"}
    | {"till", "är", "ska", "kan", "kommun", "kommunen", "kommunens", "stad", "staden", "region"}
    | {"regionen", "förening", "föreningen", "kr"}
)


def _selectivity(options: frozenset[str]) -> tuple[int, int]:
    """Higher is rarer: sets with common words rank last, then by their shortest needle."""
    return (0 if options & _COMMON else 1, min(len(o) for o in options))


def _gate(patterns: Sequence[Pattern]) -> frozenset[str] | None:
    """Union of each pattern's most selective needle set; None if a pattern has none."""
    gate: set[str] = set()
    for p in patterns:
        if not p.needles:
            return None
        best: frozenset[str] = max(p.needles, key=_selectivity)
        gate.update(best)
    return frozenset(gate)


def _bad(sv: str, en: str) -> GrammarError:
    return GrammarError(text(sv, en))


@lru_cache(maxsize=16384)
def compile_term(raw: str) -> Term:
    """Compile one term such as ``beställ*``, ``*pris``, ``LOV``, ``=vite`` or ``{num}``.

    Memoised: terms are immutable and word lists repeat across rules and patterns.
    """
    if raw == "{num}":
        return Term("num", raw, "")
    if len(raw) == 1 and not raw.isalnum():
        return Term("sym", raw, "")
    m = _TERM_RE.match(raw)
    if not m or not m.group(3):
        raise _bad(f"ogiltigt ord '{raw}' i mönstret.", f"invalid word '{raw}' in the pattern.")
    exact, star_left, word, star_right, _ = m.groups()
    if exact:
        return Term("exact", word.lower(), word.lower())
    if star_left and star_right:
        return Term("contains", word.lower(), word.lower())
    if star_right:
        return Term("prefix", word.lower(), word.lower())
    if star_left:
        return Term("suffix", word.lower(), norm(word))
    if any(c.isupper() for c in word):
        return Term("case", word, word)
    return Term("word", word.lower(), norm(word))


@lru_cache(maxsize=8192)
def compile_pattern(source: str) -> Pattern:
    """Compile a pattern: space-separated slots, ``{a|b}`` alternatives, ``...`` gaps, ``word?`` optional.

    Memoised (patterns are immutable): a pack is compiled once to check it and once
    more by the rule set, and word lists repeat across rules.
    """
    if not isinstance(source, str) or not source.strip():
        raise _bad("ett mönster ska vara en icke-tom text.", "a pattern must be a non-empty string.")
    slots: list[Slot] = []
    gap = 0
    for raw in _SLOT_RE.findall(source):
        wide = _WIDE_GAP_RE.fullmatch(raw)
        if raw in (GAP, "…") or wide:
            if not slots:
                raise _bad(f"'{source}': '...' kan inte stå först.", f"'{source}': '...' cannot come first.")
            gap = int(wide.group(1)) if wide else MAX_GAP
            continue
        optional = raw.endswith("?") and len(raw) > 1
        body = raw[:-1] if optional else raw
        if body.startswith("{!") and body.endswith("}"):
            words = [w.strip() for w in body[2:-1].split("|")]
            if not all(words) or any(" " in w for w in words):
                raise _bad(
                    f"'{source}': {raw} ska vara enstaka ord, t.ex. {{!år|månad}}.",
                    f"'{source}': {raw} takes single words, e.g. {{!år|månad}}.",
                )
            inner = tuple(compile_term(w) for w in words)
            alternatives: tuple[tuple[Term, ...], ...] = ((Term("not", body, "", inner),),)
        elif body.startswith("{") and body.endswith("}") and body != "{num}":
            alts = [a.split() for a in body[1:-1].split("|")]
            if not all(alts):
                raise _bad(
                    f"'{source}': tomt alternativ i {raw}.", f"'{source}': empty alternative in {raw}."
                )
            alternatives = tuple(tuple(compile_term(w) for w in words) for words in alts)
        else:
            alternatives = ((compile_term(body),),)
        starts = [term_needle(alt[0]) for alt in alternatives]
        first_needles = frozenset(starts) if all(starts) else None
        slots.append(Slot(alternatives, optional, gap, first_needles))
        gap = 0
    if gap:
        raise _bad(f"'{source}': '...' kan inte stå sist.", f"'{source}': '...' cannot come last.")
    if all(s.optional for s in slots):
        raise _bad(
            f"'{source}': minst ett ord måste vara obligatoriskt.",
            f"'{source}': at least one word must be required.",
        )
    head = None
    first = slots[0]
    if not first.optional:
        options = [term_needle(alt[0]) for alt in first.alternatives]
        if all(options):
            head = frozenset(options)
    needles = _needles(slots)
    return Pattern(source, tuple(slots), needles, head)


def _patterns(value: Any, key: str) -> tuple[Pattern, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Sequence) or not all(isinstance(v, str) for v in value):
        raise _bad(f"'{key}' ska vara en lista med mönster.", f"'{key}' must be a list of patterns.")
    out = []
    for v in value:
        try:
            out.append(compile_pattern(v))
        except GrammarError as exc:
            raise _bad(f"{key}: {exc.message['sv']}", f"{key}: {exc.message['en']}") from None
    return tuple(out)


def compile_match(match: Mapping[str, Any], extra_terms: Sequence[str] = ()) -> Matcher:
    """Compile a rule's ``match`` mapping (``extra_terms`` from params are added to ``any``)."""
    unknown = sorted(str(k) for k in match if k not in MATCH_KEYS)
    if unknown:
        raise _bad(
            f"okänd nyckel {', '.join(unknown)} (tillåtna: {', '.join(sorted(MATCH_KEYS))}).",
            f"unknown key {', '.join(unknown)} (allowed: {', '.join(sorted(MATCH_KEYS))}).",
        )
    patterns = _patterns(match.get("any"), "any") + _patterns(list(extra_terms) or None, "extra_terms")
    if not patterns:
        raise _bad("'any' saknas eller är tom.", "'any' is missing or empty.")
    mode = match.get("mode", "present")
    if mode not in ("present", "absent"):
        raise _bad(
            f"okänt läge '{mode}' (present eller absent).", f"unknown mode '{mode}' (present or absent)."
        )
    negation = match.get("negation", True)
    if not isinstance(negation, bool):
        raise _bad("'negation' ska vara true eller false.", "'negation' must be true or false.")
    return Matcher(
        gate=_gate(patterns),
        any=patterns,
        with_=_patterns(match.get("with"), "with"),
        near=_patterns(match.get("near"), "near"),
        unless=_patterns(match.get("unless"), "unless"),
        negation=negation,
        mode=mode,
    )


def matcher_needles(matcher: Matcher) -> set[str]:
    """Every prefilter needle of ``matcher`` (for the rule set's word index)."""
    out: set[str] = set()
    for pattern in (*matcher.any, *matcher.with_, *matcher.near, *matcher.unless):
        out.update(n for opts in pattern.needles for n in opts)
        out.update(pattern.head or ())
        for slot in pattern.slots:
            out.update(slot.first_needles or ())
    return out
