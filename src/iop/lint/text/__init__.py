"""Swedish text matching for LOU-risk rules (the words live in ``lint/rules/lou-*.yaml``).

Two entry points:

- :func:`scan` finds a rule's hits in a plain string (character spans), used
  by the quality benchmark and the per-rule example tests;
- :func:`run_text_rule` applies a rule to every string in a loaded agreement
  that the rule's ``fields`` cover, and points each hit at the matched words
  in the file (1-based line and column; ``end_column`` is exclusive).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from iop.diagnostics import PathPart
from iop.lint.text.grammar import GrammarError, Matcher
from iop.lint.text.matcher import occurs, scan_tokens
from iop.lint.text.positions import SourceMap, value_offsets
from iop.lint.text.prefilter import WordIndex
from iop.lint.text.tokens import tokenize

if TYPE_CHECKING:
    from iop.lint.rules import Rule
    from iop.lint.ruleset import RuleSet
    from iop.loader import Document

__all__ = ["GrammarError", "TextHit", "locate_span", "run_text_rule", "scan"]


@dataclass(frozen=True)
class TextHit:
    """Where a text rule matched: data path, file span (1-based, end exclusive) and the words."""

    path: tuple[PathPart, ...]
    line: int
    column: int
    end_line: int
    end_column: int
    matched: str
    start: int = 0
    """Offset of the first matched character in the string value (for the model's sentence)."""


def _merged_params(rule: Rule, params: Mapping[str, object] | None) -> dict[str, object]:
    merged = dict(rule.params)
    if params:
        merged.update(params)
    return merged


def _scan(
    matcher: Matcher,
    text: str,
    params: Mapping[str, object],
    words: WordIndex,
    found: frozenset[str] | None = None,
) -> list[tuple[int, int]]:
    if found is None:
        found = words.present(text.lower())
    if not matcher.possible(found):
        return []
    patterns = [p for p in matcher.any if p.possible(found)]
    if not patterns:
        return []
    tokens = tokenize(text)
    spans = scan_tokens(matcher, tokens, params, found, words, patterns)
    return [(tokens[a].start, tokens[b].end) for a, b in spans]


def _occurs(matcher: Matcher, text: str, words: WordIndex, found: frozenset[str] | None = None) -> bool:
    if found is None:
        found = words.present(text.lower())
    return matcher.possible(found) and occurs(matcher, tokenize(text), found, words)


def scan(
    text: str, rule: Rule, params: Mapping[str, object] | None = None, *, ruleset: RuleSet | None = None
) -> list[tuple[int, int]]:
    """Character spans ``[start, end)`` where ``rule`` fires in ``text``.

    For a ``mode: absent`` rule: ``[(0, 0)]`` when the required wording is missing, else ``[]``.
    Pass the process's ``ruleset`` when scanning many texts; without one, a rule set
    of just ``rule`` is built for this call.
    """
    if ruleset is None:
        from iop.lint.ruleset import RuleSet

        ruleset = RuleSet({rule.code: rule})
    merged = _merged_params(rule, params)
    matcher = ruleset.matcher(rule, merged)
    if matcher.mode == "absent":
        return [] if _occurs(matcher, text, ruleset.words) else [(0, 0)]
    return _scan(matcher, text, merged, ruleset.words)


@dataclass
class _DocIndex:
    """Per-document data shared by all rules: strings with their needles, and a source map."""

    key: tuple[WordIndex, int]
    strings: list[tuple[tuple[PathPart, ...], str, frozenset[str]]]
    smap: SourceMap
    by_needle: dict[str, list[int]]

    postings: dict[frozenset[str], frozenset[int]] = field(default_factory=dict)
    offsets: dict[int, list[int]] = field(default_factory=dict)
    """Source offset of every character of string ``i`` (mapped once, however many rules hit it)."""
    present_all: frozenset[str] = frozenset()
    """Every needle found anywhere in the document: a cheap first test before postings."""

    def _postings(self, options: frozenset[str]) -> frozenset[int]:
        """Strings that contain one of ``options`` (cached: word lists repeat across patterns)."""
        found = self.postings.get(options)
        if found is None:
            hit: set[int] = set()
            for needle in options:
                hit.update(self.by_needle.get(needle, ()))
            found = self.postings[options] = frozenset(hit)
        return found

    def candidates(self, matcher: Matcher) -> list[int]:
        """Indexes of the strings where some pattern of ``matcher`` could fire, in document order."""
        if matcher.gate is None:
            return list(range(len(self.strings)))
        everywhere = self.present_all
        if matcher.gate.isdisjoint(everywhere):
            return []
        hit: set[int] = set()
        for pattern in matcher.any:
            if any(options.isdisjoint(everywhere) for options in pattern.needles):
                continue
            sets = sorted((self._postings(opts) for opts in pattern.needles), key=len)
            if not sets or not sets[0]:
                continue
            common = set(sets[0])
            for other in sets[1:]:
                common &= other
                if not common:
                    break
            hit |= common
        return sorted(hit)


def _index(doc: Document, words: WordIndex) -> _DocIndex:
    """The document's strings and needles under ``words`` (kept on the document until they change)."""
    cached = getattr(doc, "_iop_text_index", None)
    if isinstance(cached, _DocIndex) and cached.key[0] is words and cached.key[1] == words.version:
        return cached
    smap = cached.smap if isinstance(cached, _DocIndex) else SourceMap(doc.text)
    offsets = cached.offsets if isinstance(cached, _DocIndex) else {}
    strings = [(path, value, words.present(value.lower())) for path, value in doc.iter_strings()]
    by_needle: dict[str, list[int]] = {}
    for i, (_path, _value, found) in enumerate(strings):
        for needle in found:
            by_needle.setdefault(needle, []).append(i)
    index = _DocIndex(
        (words, words.version), strings, smap, by_needle, offsets=offsets, present_all=frozenset(by_needle)
    )
    with contextlib.suppress(AttributeError):
        object.__setattr__(doc, "_iop_text_index", index)
    return index


def run_text_rule(
    doc: Document, rule: Rule, params: Mapping[str, object] | None, ruleset: RuleSet
) -> list[TextHit]:
    """Every hit of a text rule in the strings of ``doc`` its ``fields`` cover, in document order."""
    merged = _merged_params(rule, params)
    matcher = ruleset.matcher(rule, merged)
    words = ruleset.words
    index = _index(doc, words)
    everywhere = rule.everywhere
    smap = index.smap
    if matcher.mode == "absent":
        strings = [item for item in index.strings if everywhere or rule.applies_to(item[0])]
        if any(_occurs(matcher, value, words, found) for _, value, found in strings):
            return []
        anchor = merged.get("anchor")
        if isinstance(anchor, str) and anchor in doc.data:
            path: tuple[PathPart, ...] = (anchor,)
            line, col = doc.locate(path, key=True)
        else:
            path = strings[0][0] if strings else ()
            line, col = doc.locate(path) if path else (1, 1)
        return [TextHit(path, line, col, line, col, "")]
    hits: list[TextHit] = []
    for i in index.candidates(matcher):
        path, value, found = index.strings[i]
        if not (everywhere or rule.applies_to(path)):
            continue
        spans = _scan(matcher, value, merged, words, found)
        if not spans:
            continue
        line, col = doc.locate(path)
        offsets = index.offsets.get(i)
        if offsets is None:
            offsets = index.offsets[i] = value_offsets(smap.source, smap.offset(line, col), value)
        for start, end in spans:
            first = offsets[start]
            last = offsets[end - 1] + 1 if end > start else first
            sl, sc = smap.position(first)
            el, ec = smap.position(last)
            hits.append(TextHit(path, sl, sc, el, ec, value[start:end], start))
    return hits


def locate_span(doc: Document, path: tuple[PathPart, ...], value: str, start: int, end: int) -> tuple[int, int, int, int]:
    """File position (line, column, end line, end column; end exclusive) of ``value[start:end]``,
    the string at ``path``."""
    cached = getattr(doc, "_iop_text_index", None)
    smap = cached.smap if isinstance(cached, _DocIndex) else SourceMap(doc.text)
    line, col = doc.locate(path)
    offsets = value_offsets(smap.source, smap.offset(line, col), value)
    first = offsets[start]
    last = offsets[end - 1] + 1 if end > start else first
    sl, sc = smap.position(first)
    el, ec = smap.position(last)
    return sl, sc, el, ec
