"""The token cache is bounded by the text it holds, not by a count of entries.

Found by the long fuzz run: with 8 192 entries of up to 256 kB each, one process
grew to 12 GB and was killed; a batch of large agreements would do the same.
"""

from __future__ import annotations

from iop.lint.text import tokens


def test_many_long_texts_stay_within_the_bound() -> None:
    for i in range(120):
        tokens.tokenize(f"Text nummer {i}. " + "föreningen genomför verksamheten " * 2000)
        assert tokens.token_cache_chars() <= tokens.TOKEN_CACHE_CHARS
    assert tokens.token_cache_chars() > tokens.TOKEN_CACHE_CHARS // 2


def test_a_repeated_text_is_tokenized_once() -> None:
    text = "Kommunen och föreningen samverkar om stödet."
    first = tokens.tokenize(text)
    assert tokens.tokenize(text) is first
    assert [t.text for t in first][:2] == ["Kommunen", "och"]


def test_long_words_give_the_same_stem_uncached() -> None:
    word = "verksamhets" * 10
    assert len(word) > tokens.CACHED_WORD
    assert tokens.norm(word) == tokens.norm.__wrapped__(word)
    assert tokens.hyphen_parts(word + "-stöd") == (word, "stöd")
