"""``memo_if_short``: short texts are remembered, long ones computed afresh, the cache bounded."""

from __future__ import annotations

from iop import fastparse
from iop.lint.text import tokens
from iop.memo import ShortMemo, memo_if_short


def test_short_texts_are_computed_once() -> None:
    calls: list[str] = []

    @memo_if_short(4, maxsize=8)
    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert upper("abcd") == "ABCD"
    assert upper("abcd") == "ABCD"
    assert calls == ["abcd"], "four characters is within the limit"
    assert upper.cache_info().hits == 1


def test_long_texts_are_computed_every_time_and_not_kept() -> None:
    calls: list[str] = []

    @memo_if_short(4, maxsize=8)
    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert upper("abcde") == "ABCDE"
    assert upper("abcde") == "ABCDE"
    assert calls == ["abcde", "abcde"]
    assert upper.cache_info().currsize == 0


def test_the_cache_keeps_at_most_maxsize_entries() -> None:
    @memo_if_short(10, maxsize=3)
    def upper(text: str) -> str:
        return text.upper()

    for i in range(50):
        assert upper(f"w{i}") == f"W{i}"
        assert upper.cache_info().currsize <= 3
    assert upper.cache_info().maxsize == 3


def test_further_arguments_are_part_of_the_key() -> None:
    calls: list[tuple[str, str]] = []

    @memo_if_short(4, maxsize=8)
    def join(text: str, key: str) -> str:
        calls.append((text, key))
        return text + key

    assert join("ab", "x") == "abx"
    assert join("ab", "y") == "aby"
    assert join("ab", "x") == "abx"
    assert calls == [("ab", "x"), ("ab", "y")]


def test_the_plain_function_stays_reachable() -> None:
    @memo_if_short(4, maxsize=8)
    def upper(text: str) -> str:
        """Upper case."""
        return text.upper()

    assert upper.__wrapped__("ab") == "AB"
    assert upper.cache_info().currsize == 0
    assert upper.__name__ == "upper" and upper.__doc__ == "Upper case."
    assert upper.limit == 4


def test_the_project_caches_keep_their_limits_and_sizes() -> None:
    """The four memoised functions of words and scalars: 64 characters, bounded entry counts."""
    cases: list[tuple[ShortMemo[..., object], int]] = [
        (tokens.norm, 65536),
        (tokens.hyphen_parts, 65536),
        (tokens.has_tail_norm, 65536),
        (fastparse._plain_scalar, 4096),
    ]
    for func, maxsize in cases:
        assert func.limit == 64 == tokens.CACHED_WORD
        assert func.cache_info().maxsize == maxsize
    long_word = "verksamhets" * 10
    for func, _ in cases:
        before = func.cache_info().currsize
        func(long_word, "verksam") if func is tokens.has_tail_norm else func(long_word)
        assert func.cache_info().currsize == before, func.__name__
