"""The prefilter finds exactly the registered needles a word contains."""

from __future__ import annotations

from iop.lint.rules import load_rules
from iop.lint.text import prefilter, scan


def test_word_needles_equal_containment_over_all_needles() -> None:
    rules = load_rules()
    scan("Kommunen köper platser.", rules["LOU103"])  # compiles the rules, registering needles
    needles = set(prefilter._needles)
    assert len(needles) > 100
    words = [
        "timpriset",
        "platsköpet",
        "ersättningsreduktion",
        "föreningsbidraget",
        "à-priserna",
        "x",
        "lss-insatser",
    ]
    for word in words:
        expected = frozenset(n for n in needles if n in word)
        assert prefilter.word_needles(word) == expected, word
    assert prefilter.word_needles("timpriset")  # a real signal word has needles
