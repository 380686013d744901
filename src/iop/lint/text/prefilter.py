"""Cheap pre-checks so that a rule is only tokenised and matched where it could fire.

Every compiled pattern registers its *needles*: lower-case substrings that any
matching word must contain (a word term's stem, a prefix, a compound tail).
For each distinct word we remember which registered needles it contains; a
text's needles are the union over its words. A rule is tried on a text only
when the text has a needle of every required slot of one of its patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

WORD_RE = re.compile(r"[^\W_]+(?:[-–][^\W_]+)*")
_needles: set[str] = set()
_by_word: dict[str, frozenset[str]] = {}
_version = [0]


def is_word_needle(needle: str) -> bool:
    """Whether a needle can be found inside one word (symbols such as '§' cannot)."""
    return bool(needle) and WORD_RE.fullmatch(needle) is not None


def register(needles: Iterable[str]) -> None:
    """Add needles to the registry (forgetting per-word results if new ones arrive)."""
    new = {n for n in needles if n not in _needles}
    if new:
        _needles.update(new)
        _by_word.clear()
        _version[0] += 1


def version() -> int:
    """Changes whenever new needles are registered (for caches of :func:`present`)."""
    return _version[0]


def word_needles(word: str) -> frozenset[str]:
    """Registered needles contained in one lower-case word."""
    found = _by_word.get(word)
    if found is None:
        # The word's substrings looked up in the needle set: O(len(word)²) set probes
        # instead of a containment test against every registered needle.
        n = len(word)
        found = frozenset(s for i in range(n) for j in range(i + 1, n + 1) if (s := word[i:j]) in _needles)
        if len(_by_word) > 200_000:
            _by_word.clear()
        _by_word[word] = found
    return found


def present(low: str) -> frozenset[str]:
    """Registered needles found in the words of a lower-case text."""
    out: set[str] = set()
    for word in set(WORD_RE.findall(low)):
        out |= word_needles(word)
    return frozenset(out)
