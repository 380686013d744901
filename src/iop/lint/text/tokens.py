"""Swedish tokenising for the text rules: words, numbers, sentences and clauses.

A token keeps its character span in the analysed string, its sentence and
clause number, and a normalised form: the Snowball Swedish stem applied until
it no longer changes (``platsen``/``platser`` → ``plat``, ``beställare`` →
``beställ``). Numbers written with spaces as thousands separators
(``1 194 500``) and decimal commas are one token. Hyphenated words
(``LSS-insatser``, ``à-pris``) are one token whose parts are also matched.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import snowballstemmer

from iop.memo import memo_if_short

if TYPE_CHECKING:
    from iop.lint.text.prefilter import WordIndex

# snowballstemmer hands out PyStemmer's C implementation of the same Snowball algorithm when it is
# installed (a dependency since round 13): the same stems, without the pure-Python stemmer's
# 40-50 ms per run of compiling the rule packs and reading a file.
_STEMMER = snowballstemmer.stemmer("swedish")

# A number (1 194 500 · 12,5 · 850), a word (letters/digits with inner hyphens,
# apostrophes or colons as in "LSS-insats" or "t.ex." handled below), or a symbol.
_TOKEN_RE = re.compile(
    r"(?P<num>(?<![\w])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?![\w])|\d+(?:[.,]\d+)?)"
    r"|(?P<word>[^\W\d_](?:[\w]|[-–](?=\w))*|\d+[-–]?[^\W\d_][\w-]*)"
    r"|(?P<sym>[§%&€$+=])"
    r"|(?P<sent>[.!?;]+|\n[ \t]*\n|\n[ \t]*[-*•][ \t])"
    r"|(?P<clause>[,:()\[\]\"”“–—/]|\s-\s)",
    re.UNICODE,
)
# Abbreviations whose full stop does not end a sentence.
_ABBREV = frozenset(
    {
        "kap",
        "t",
        "ex",
        "bl",
        "a",
        "m",
        "fl",
        "resp",
        "enl",
        "ca",
        "inkl",
        "exkl",
        "st",
        "kr",
        "nr",
        "jfr",
        "dvs",
        "s",
        "f",
        "p",
    }
)
# Spelled-out numbers that {num} also accepts ("en"/"ett" are articles, left out).
NUMBER_WORDS = frozenset(
    [
        "två",
        "tre",
        "fyra",
        "fem",
        "sex",
        "sju",
        "åtta",
        "nio",
        "tio",
        "elva",
        "tolv",
        "tretton",
        "fjorton",
        "femton",
        "sexton",
        "sjutton",
        "arton",
        "nitton",
        "tjugo",
        "trettio",
        "fyrtio",
        "femtio",
        "sextio",
        "sjuttio",
        "åttio",
        "nittio",
        "hundra",
        "tusen",
    ]
)


# Compound number words: "tvåhundra", "tjugofem", "ettusen", "femhundratusen".
_NUMBER_WORD_RE = re.compile(
    "(?:" + "|".join(sorted(NUMBER_WORDS | {"en", "ett", "et"}, key=len, reverse=True)) + ")+"
)


def is_number_word(low: str) -> bool:
    """Whether a lower-case word is a spelled-out number (not the articles "en"/"ett")."""
    return low in NUMBER_WORDS or (len(low) > 6 and _NUMBER_WORD_RE.fullmatch(low) is not None)


@dataclass(frozen=True, slots=True)
class Token:
    """One word, number or symbol with its span ``[start, end)`` in the analysed text."""

    text: str
    low: str
    start: int
    end: int
    kind: str  # "word" | "num" | "sym"
    sentence: int
    clause: int

    @property
    def parts(self) -> tuple[str, ...]:
        """The parts of a hyphenated word (lower case), or the word itself."""
        return hyphen_parts(self.low)


class TokenList(tuple[Token, ...]):
    """The tokens of one text, with their start offsets for locating regex hits."""

    starts: list[int]
    _needle_index: dict[str, list[int]]
    _needle_key: tuple[WordIndex, int] | None
    _sentence_starts: list[int] | None
    _sentences: dict[int, TokenList] | None

    def __new__(cls, tokens: list[Token]) -> TokenList:
        obj = super().__new__(cls, tokens)
        obj.starts = [t.start for t in tokens]
        obj._needle_key = None
        obj._sentence_starts = None
        obj._sentences = None
        return obj

    def positions(self, needles: frozenset[str], words: WordIndex) -> list[int]:
        """Indexes of the tokens that contain one of ``needles`` (needles of ``words``),
        from an index built once per text instead of a scan per pattern."""
        key = self._needle_key
        if key is None or key[0] is not words or key[1] != words.version:
            index: dict[str, list[int]] = {}
            for i, tok in enumerate(self):
                for needle in words.word_needles(tok.low):
                    index.setdefault(needle, []).append(i)
            self._needle_index = index
            self._needle_key = (words, words.version)
        index = self._needle_index
        hits = [index[n] for n in needles if n in index]
        if len(hits) == 1:
            return hits[0]
        return sorted({i for h in hits for i in h})

    def sentence_span(self, sentence: int) -> tuple[int, int]:
        """Token indexes ``[lo, hi)`` of one sentence (tokens are in sentence order)."""
        starts = self._sentence_starts
        if starts is None:
            starts = self._sentence_starts = [t.sentence for t in self]
        return bisect_left(starts, sentence), bisect_right(starts, sentence)

    def sentence_tokens(self, sentence: int) -> TokenList:
        """The tokens of one sentence as a token list of their own (kept: rules ask again)."""
        memo = self._sentences
        if memo is None:
            memo = self._sentences = {}
        found = memo.get(sentence)
        if found is None:
            lo, hi = self.sentence_span(sentence)
            found = memo[sentence] = self if (lo, hi) == (0, len(self)) else TokenList(list(self[lo:hi]))
        return found

    def index_at(self, offset: int) -> int:
        """Index of the token that contains (or follows) a character offset."""
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self[i].end:
            return i
        return i + 1


CACHED_WORD = 64
"""Longer words are not memoised: real words are shorter, and the caches count entries."""


def _stem(word: str) -> str:
    """One Snowball pass; a word with a lone surrogate, which the C stemmer cannot encode as
    UTF-8, goes to the pure-Python stemmer of the same algorithm."""
    try:
        return str(_STEMMER.stemWord(word))
    except UnicodeEncodeError:
        from snowballstemmer.swedish_stemmer import SwedishStemmer

        return str(SwedishStemmer().stemWord(word))


@memo_if_short(CACHED_WORD, maxsize=65536)
def norm(word: str) -> str:
    """Lower-case Snowball Swedish stem, applied until stable."""
    w = word.lower()
    for _ in range(4):
        s = _stem(w)
        if s == w:
            break
        w = s
    return w


@memo_if_short(CACHED_WORD, maxsize=65536)
def hyphen_parts(low: str) -> tuple[str, ...]:
    """The parts of a hyphenated word, or the word alone."""
    parts = tuple(p for p in re.split(r"[-–]", low) if p)
    return parts if len(parts) > 1 else (low,)


MAX_STEM_CUT = 48
"""More than the stem (:func:`norm`, four Snowball passes) can cut off a word: each pass
only deletes a suffix of at most 11 letters (``heterna`` + a consonant + ``lig``), so
a stem is always a prefix of its word and at most this much shorter."""


@memo_if_short(CACHED_WORD, maxsize=65536)
def has_tail_norm(low: str, key: str) -> bool:
    """Whether some tail of a word (at least two letters) normalises to ``key``: compound
    heads, ``timpriset`` → ``pris``. Only tails that start with ``key`` and are at most
    :data:`MAX_STEM_CUT` longer can, so the cost does not grow with the word's length."""
    if not key:
        return False
    for part in hyphen_parts(low):
        last = len(part) - 1  # tails of one letter do not count
        i = part.find(key, max(0, len(part) - len(key) - MAX_STEM_CUT))
        while 0 <= i < last:
            if norm(part[i:]) == key:
                return True
            i = part.find(key, i + 1)
    return False


_WORD_BEFORE = re.compile(r"(\w+)$")
_FIRST_AFTER = re.compile(r"\s*(\S)")
_LONGEST_ABBREV = max(len(a) for a in _ABBREV)


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    """A full stop after a known abbreviation, or before a lower-case word or digit, ends nothing."""
    mark = m.group()
    if not mark.startswith("."):
        return True
    # Look back only a little further than the longest abbreviation: a longer word is none.
    start = m.start()
    before = _WORD_BEFORE.search(text, max(0, start - _LONGEST_ABBREV - 2), start)
    if before and before.group(1).lower() in _ABBREV:
        return False
    after = _FIRST_AFTER.match(text, m.end())
    return not (after and (after.group(1).islower() or after.group(1).isdigit()))


TOKEN_CACHE_CHARS = 2_000_000
"""Characters of text whose tokens :func:`tokenize` keeps (about 75 MB of tokens): more
than the texts of any one file, which repeat across rules, and a bound on memory
however many files one process lints. A count of entries is no bound: one text may
be 256 kB and its tokens 37 times that."""

_ENTRY_CHARS = 64
"""What an entry costs besides its text, counted in characters."""

_token_cache: OrderedDict[str, TokenList] = OrderedDict()
_token_cache_chars = 0


def tokenize(text: str) -> TokenList:
    """Tokens of ``text`` with sentence and clause numbers (cached: texts repeat across rules)."""
    global _token_cache_chars
    hit = _token_cache.get(text)
    if hit is not None:
        _token_cache.move_to_end(text)
        return hit
    tokens = _tokenize(text)
    cost = len(text) + _ENTRY_CHARS
    if cost <= TOKEN_CACHE_CHARS:
        _token_cache[text] = tokens
        _token_cache_chars += cost
        while _token_cache_chars > TOKEN_CACHE_CHARS:
            old, _ = _token_cache.popitem(last=False)
            _token_cache_chars -= len(old) + _ENTRY_CHARS
    return tokens


def token_cache_chars() -> int:
    """Characters of text in the token cache now (for tests)."""
    return _token_cache_chars


def _tokenize(text: str) -> TokenList:
    tokens: list[Token] = []
    sentence = clause = 0
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup or ""
        if kind == "sent":
            if _ends_sentence(text, m):
                sentence += 1
                clause += 1
            continue
        if kind == "clause":
            clause += 1
            continue
        value = m.group()
        if kind == "word" and is_number_word(value.lower()):
            kind = "num"
        tokens.append(Token(value, value.lower(), m.start(), m.end(), kind, sentence, clause))
    return TokenList(tokens)
