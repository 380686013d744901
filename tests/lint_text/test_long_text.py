"""Lint time grows linearly with the text: four times the text costs about four times the work.

A pull request could otherwise stall CI with one text field: ``bakgrund`` made of
one long word once took 7.5 s at 4 000 characters and 280 s at 16 000. Each case
lints the same agreement with a text of n and of 4n characters and compares the
CPU time this process spent beyond a short text (so other load on the machine
does not count): linear work gives a ratio near 4, quadratic near 16. A case
that costs almost nothing either way passes on its absolute time (a ratio of a
few milliseconds is noise). The timings themselves are in ``bench/bench_lint_long.py``.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from iop.lint.config import LintConfig
from iop.lint.document import lint_document
from iop.lint.ruleset import RuleSet
from iop.lint.text.tokens import has_tail_norm, hyphen_parts, norm
from iop.loader import loads

REPO = Path(__file__).resolve().parents[2]
SMALL = 10_000
LIMIT = 8.0
"""Largest accepted ratio of the extra CPU time for 4n over n characters."""
FAST = 0.25
"""CPU seconds for 4n characters below which the ratio is noise, not a trend (quadratic
work took seconds at a sixteenth of that length)."""


def _vocabulary(ruleset: RuleSet) -> list[str]:
    words: set[str] = set()
    for rule in ruleset.rules.values():
        for example in (*rule.examples.fires, *rule.examples.passes):
            words.update(re.findall(r"[^\W_]+", example))
    return sorted(words)


def _kinds(ruleset: RuleSet) -> dict[str, Callable[[int], str]]:
    vocabulary = _vocabulary(ruleset)

    def one_word(size: int) -> str:
        rng = random.Random(size)
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyzåäö") for _ in range(size))

    def compound(size: int) -> str:
        return ("timpris" * (size // 7 + 1))[:size]

    def random_words(size: int) -> str:
        rng = random.Random(size)
        out: list[str] = []
        while sum(len(w) + 1 for w in out) < size:
            out.append(rng.choice(vocabulary))
        return " ".join(out)[:size].strip()

    def sentence(size: int) -> str:
        text = "Ersättningen är 950 kr per deltagare och vecka, enligt avtalet. "
        return (text * (size // len(text) + 1))[:size].strip()

    return {"ett-ord": one_word, "sammansatt": compound, "slumpade-ord": random_words, "mening": sentence}


@pytest.fixture(scope="module")
def base() -> str:
    return (REPO / "schema" / "referens.yaml").read_text(encoding="utf-8")


def _cpu(ruleset: RuleSet, base: str, text: str) -> float:
    source = re.sub(
        r"(?m)^bakgrund:.*(?:\n[ \t]+.*)*", "bakgrund: " + json.dumps(text, ensure_ascii=False), base
    )
    doc = loads(source.encode("utf-8"), "lång.yaml")
    start = time.process_time()
    found = lint_document(doc, ruleset, config=LintConfig())
    spent = time.process_time() - start
    assert not [d for d in found if d.rule.startswith("CFG")]
    return spent


@pytest.mark.parametrize("kind", ["ett-ord", "sammansatt", "slumpade-ord", "mening"])
def test_four_times_the_text_costs_about_four_times_the_time(ruleset: RuleSet, base: str, kind: str) -> None:
    make = _kinds(ruleset)[kind]
    _cpu(ruleset, base, make(2_000))  # warm-up: plans, schema, word memo for the vocabulary
    short = _cpu(ruleset, base, "Kort text.")
    small = _cpu(ruleset, base, make(SMALL)) - short
    large = _cpu(ruleset, base, make(4 * SMALL)) - short
    assert large < FAST or large / max(small, 0.001) < LIMIT, (kind, small, large)


def test_compound_tails_as_before(ruleset: RuleSet) -> None:
    """The bounded tail search finds exactly the stems the search over every tail found."""
    words = {w.lower() for w in _vocabulary(ruleset)} | {"timpriset", "à-priserna", "lss-insatser"}
    keys = {
        t.key
        for m in ruleset._matchers.values()
        for p in m.any
        for s in p.slots
        for a in s.alternatives
        for t in a
        if t.kind == "suffix"
    }
    assert keys
    for word in sorted(words):
        every_tail = {norm(part[i:]) for part in hyphen_parts(word) for i in range(len(part) - 1)}
        for key in keys:
            assert has_tail_norm(word, key) == (key in every_tail), (word, key)
