"""Cheap pre-checks so that a rule is only tokenised and matched where it could fire.

Every compiled pattern has *needles*: lower-case substrings that any matching
word must contain (a word term's stem, a prefix, a compound tail). A
:class:`WordIndex` holds the needles of one rule set and remembers, for each
distinct word, which of them it contains; a text's needles are the union over
its words. A rule is tried on a text only when the text has a needle of every
required slot of one of its patterns.

The index is owned by a :class:`~iop.lint.ruleset.RuleSet`; nothing here is
shared between rule sets. Finding a word's needles takes time linear in the
word's length (a 250 kB "word" is no worse than many short ones).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iop.lint.text.grammar import Slot, Term
    from iop.lint.text.tokens import Token

WORD_RE = re.compile(r"[^\W_]+(?:[-–][^\W_]+)*")
MEMO_LIMIT = 200_000
"""Distinct words remembered per index before the memo starts afresh."""
LONG_WORD = 64
"""From this length a word is tested against each needle (C-speed containment)
instead of looking its substrings up in the needle set."""


def is_word_needle(needle: str) -> bool:
    """Whether a needle can be found inside one word (symbols such as '§' cannot)."""
    return bool(needle) and WORD_RE.fullmatch(needle) is not None


class WordIndex:
    """The needles of a rule set and what each word contains of them (memoised per word)."""

    def __init__(self, needles: Iterable[str] = ()) -> None:
        self._needles: set[str] = set()
        self._longest = 0
        self._by_word: dict[str, frozenset[str]] = {}
        self._passing: dict[int, tuple[Slot, dict[str, tuple[tuple[Term, ...], ...]]]] = {}
        self.version = 0
        """Changes whenever needles are added (for per-text caches built on this index)."""
        self.add(needles)

    @property
    def needles(self) -> frozenset[str]:
        """Every needle of the index."""
        return frozenset(self._needles)

    def add(self, needles: Iterable[str]) -> None:
        """Add needles (forgetting per-word results if new ones arrive)."""
        new = {n for n in needles if n not in self._needles}
        if new:
            self._needles.update(new)
            self._longest = max(self._longest, *(len(n) for n in new))
            self._by_word.clear()
            self.version += 1

    def word_needles(self, word: str) -> frozenset[str]:
        """Needles contained in one lower-case word."""
        found = self._by_word.get(word)
        if found is None:
            needles = self._needles
            n = len(word)
            if n >= LONG_WORD:
                found = frozenset(s for s in needles if s in word)
            else:
                # Substrings no longer than the longest needle, looked up in the needle set.
                longest = self._longest
                found = frozenset(
                    s
                    for i in range(n)
                    for j in range(i + 1, min(n, i + longest) + 1)
                    if (s := word[i:j]) in needles
                )
            if len(self._by_word) > MEMO_LIMIT:
                self._by_word.clear()
            self._by_word[word] = found
        return found

    def present(self, low: str) -> frozenset[str]:
        """Needles found in the words of a lower-case text."""
        out: set[str] = set()
        for word in set(WORD_RE.findall(low)):
            out |= self.word_needles(word)
        return frozenset(out)

    def passing(self, slot: Slot, tok: Token) -> tuple[tuple[Term, ...], ...]:
        """The alternatives of ``slot`` whose first term accepts ``tok`` (memoised by token text).

        Keyed by the slot's id with the slot kept alongside, so a reused id never hits.
        """
        entry = self._passing.get(id(slot))
        if entry is None or entry[0] is not slot:
            entry = (slot, {})
            self._passing[id(slot)] = entry
        memo = entry[1]
        alts = memo.get(tok.text)
        if alts is None:
            if len(memo) > MEMO_LIMIT:
                memo.clear()
            alts = tuple(alt for alt in slot.alternatives if alt[0].test(tok))
            memo[tok.text] = alts
        return alts
