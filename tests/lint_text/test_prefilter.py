"""The word index finds exactly the needles a word contains, short or very long."""

from __future__ import annotations

from iop.lint.rules import load_rules
from iop.lint.ruleset import RuleSet
from iop.lint.text.prefilter import LONG_WORD, WordIndex


def test_word_needles_equal_containment_over_all_needles() -> None:
    words = RuleSet(load_rules()).words
    needles = words.needles
    assert len(needles) > 100
    samples = [
        "timpriset",
        "platsköpet",
        "ersättningsreduktion",
        "föreningsbidraget",
        "à-priserna",
        "x",
        "lss-insatser",
        "timpris" * (LONG_WORD // 7 + 3),  # long enough for the per-needle path
        "a" * (LONG_WORD - 1) + "beställare",
    ]
    for word in samples:
        expected = frozenset(n for n in needles if n in word)
        assert words.word_needles(word) == expected, word
    assert words.word_needles("timpriset")  # a real signal word has needles


def test_adding_needles_forgets_what_words_contained() -> None:
    index = WordIndex(["pris"])
    assert index.word_needles("timpriset") == {"pris"}
    before = index.version
    index.add(["tim"])
    assert index.version > before
    assert index.word_needles("timpriset") == {"pris", "tim"}
