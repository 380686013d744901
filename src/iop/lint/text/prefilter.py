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
from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iop.lint.text.grammar import Slot, Term
    from iop.lint.text.tokens import Token

WORD_RE = re.compile(r"[^\W_]+(?:[-–][^\W_]+)*")
MEMO_LIMIT = 200_000
"""Distinct words remembered per index before the memo starts afresh."""
LONG_WORD = 64
"""From this length a word is searched with an Aho-Corasick automaton over all needles
(one step per character) instead of looking its substrings up in the needle set."""


class _Automaton:
    """Aho-Corasick over the needles: every needle in a text in one pass over its characters."""

    def __init__(self, needles: Iterable[str]) -> None:
        goto: list[dict[str, int]] = [{}]
        out: list[set[str]] = [set()]
        for needle in needles:
            state = 0
            for ch in needle:
                nxt = goto[state].get(ch)
                if nxt is None:
                    nxt = len(goto)
                    goto.append({})
                    out.append(set())
                    goto[state][ch] = nxt
                state = nxt
            out[state].add(needle)
        fail = [0] * len(goto)
        queue = deque(goto[0].values())
        while queue:
            state = queue.popleft()
            for ch, child in goto[state].items():
                queue.append(child)
                back = fail[state]
                while back and ch not in goto[back]:
                    back = fail[back]
                target = goto[back].get(ch, 0)
                fail[child] = target if target != child else 0
                out[child] |= out[fail[child]]
        self._goto, self._fail = goto, fail
        self._out = [frozenset(o) for o in out]

    def search(self, text: str) -> frozenset[str]:
        """Every needle that occurs in ``text``."""
        goto, fail = self._goto, self._fail
        state = 0
        seen: set[int] = set()
        for ch in text:
            while state and ch not in goto[state]:
                state = fail[state]
            state = goto[state].get(ch, 0)
            seen.add(state)
        out: set[str] = set()
        for state in seen:
            out |= self._out[state]
        return frozenset(out)


_SlotMemo = tuple[
    "Slot", dict[str, tuple[tuple["Term", ...], ...]], list[tuple[str | None, tuple["Term", ...]]]
]
"""A slot, what each token text passes of it, and its alternatives with their first needles."""


def is_word_needle(needle: str) -> bool:
    """Whether a needle can be found inside one word (symbols such as '§' cannot)."""
    return bool(needle) and WORD_RE.fullmatch(needle) is not None


class WordIndex:
    """The needles of a rule set and what each word contains of them (memoised per word)."""

    def __init__(self, needles: Iterable[str] = ()) -> None:
        self._needles: set[str] = set()
        self._longest = 0
        self._by_word: dict[str, frozenset[str]] = {}
        self._automaton: _Automaton | None = None
        self._passing: dict[int, _SlotMemo] = {}
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
            self._automaton = None
            self.version += 1

    def word_needles(self, word: str) -> frozenset[str]:
        """Needles contained in one lower-case word."""
        found = self._by_word.get(word)
        if found is None:
            needles = self._needles
            n = len(word)
            if n >= LONG_WORD:
                found = self._long_word_needles(word)
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

    def _long_word_needles(self, word: str) -> frozenset[str]:
        """Needles in a long word, in time linear in its length."""
        if self._automaton is None:
            self._automaton = _Automaton(self._needles)
        return self._automaton.search(word)

    def present(self, low: str) -> frozenset[str]:
        """Needles found in the words of a lower-case text."""
        out: set[str] = set()
        for word in set(WORD_RE.findall(low)):
            out |= self.word_needles(word)
        return frozenset(out)

    def passing(self, slot: Slot, tok: Token) -> tuple[tuple[Term, ...], ...]:
        """The alternatives of ``slot`` whose first term accepts ``tok`` (memoised by token text).

        Only alternatives whose first term's needle (when the index has it) the word
        contains are tested: the needle is part of every word the term accepts. Keyed by the slot's id with the
        slot kept alongside, so a reused id never hits.
        """
        entry = self._passing.get(id(slot))
        if entry is None or entry[0] is not slot:
            from iop.lint.text.grammar import term_needle

            needles = [term_needle(alt[0]) for alt in slot.alternatives]
            # Only needles of this index can be looked for (needles are never removed).
            entry = (
                slot,
                {},
                [
                    (n if n in self._needles else None, alt)
                    for n, alt in zip(needles, slot.alternatives, strict=True)
                ],
            )
            self._passing[id(slot)] = entry
        memo = entry[1]
        alts = memo.get(tok.text)
        if alts is None:
            if len(memo) > MEMO_LIMIT:
                memo.clear()
            present = self.word_needles(tok.low)
            alts = tuple(
                alt for needle, alt in entry[2] if (needle is None or needle in present) and alt[0].test(tok)
            )
            memo[tok.text] = alts
        return alts
