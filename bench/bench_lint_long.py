"""Lint time against text length: one long word, random words, one sentence repeated.

A text field of an agreement (``bakgrund``) is filled with ``SIZE`` characters of
each kind, and the whole agreement is loaded and linted in this process (the rule
set built once, as ``iop lint`` does per run). Linear matching shows as a constant
time per kilobyte; the largest size is just under the 256 kB file limit. Target:
every 250 kB agreement in under 2 s. Wall time and CPU time of this process are
both shown: on a shared machine the CPU time is what the code costs.

Run: ``.venv/bin/python bench/bench_lint_long.py [--sizes 4000,8000,16000,250000]``.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 14


def _vocabulary() -> list[str]:
    """Words of the rules' own examples (signal words, negations, numbers), without punctuation."""
    import re

    from iop.lint.rules import load_rules

    words: set[str] = set()
    for rule in load_rules().values():
        for text in (*rule.examples.fires, *rule.examples.passes):
            words.update(re.findall(r"[^\W_]+", text))
    return sorted(words)


def one_word(size: int) -> str:
    """One word of random letters."""
    rng = random.Random(SEED)
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyzåäö") for _ in range(size))


def one_compound(size: int) -> str:
    """One word made of a priced compound over and over ("timpristimpris...")."""
    return ("timpris" * (size // 7 + 1))[:size]


def random_words(size: int) -> str:
    """Random words from the rules' examples, no punctuation: one sentence of ``size`` characters."""
    rng = random.Random(SEED)
    vocabulary = _vocabulary()
    out: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(vocabulary)
        out.append(word)
        length += len(word) + 1
    return " ".join(out)[:size].strip()


def one_sentence(size: int) -> str:
    """A priced sentence (a LOU104 finding) repeated."""
    sentence = "Ersättningen är 950 kr per deltagare och vecka, enligt avtalet. "
    return (sentence * (size // len(sentence) + 1))[:size].strip()


KINDS: dict[str, Callable[[int], str]] = {
    "ett ord": one_word,
    "ett sammansatt ord": one_compound,
    "slumpade ord": random_words,
    "en mening upprepad": one_sentence,
}


def agreement(text: str) -> bytes:
    """The reference agreement with ``bakgrund`` replaced by ``text`` (a double-quoted scalar)."""
    import json

    source = (ROOT / "schema" / "referens.yaml").read_text(encoding="utf-8")
    lines = source.splitlines()
    out = []
    skipping = False
    for line in lines:
        if line.startswith("bakgrund:"):
            out.append("bakgrund: " + json.dumps(text, ensure_ascii=False))
            skipping = True
            continue
        if skipping and (line.startswith(" ") or not line.strip()):
            continue
        skipping = False
        out.append(line)
    return ("\n".join(out) + "\n").encode("utf-8")


def agreement_of_size(make: Callable[[int], str], total: int) -> bytes:
    """An agreement of at most ``total`` bytes whose ``bakgrund`` is ``make``'s text, as long as fits."""
    base = len(agreement(""))
    size = total - base
    raw = agreement(make(size))
    while len(raw) > total:  # letters such as å take two bytes
        size -= (len(raw) - total) // 2 + 1
        raw = agreement(make(size))
    return raw


def lint_seconds(raw: bytes, ruleset: object) -> tuple[float, float, int]:
    """Wall and CPU time to load and lint one agreement, and the number of findings."""
    from iop.lint.config import LintConfig
    from iop.lint.document import lint_document
    from iop.lint.ruleset import RuleSet
    from iop.loader import loads

    assert isinstance(ruleset, RuleSet)
    start, cpu = time.perf_counter(), time.process_time()
    doc = loads(raw, "lång.yaml")
    found = lint_document(doc, ruleset, config=LintConfig())
    return time.perf_counter() - start, time.process_time() - cpu, len(found)


def main() -> int:
    from iop.lint.ruleset import RuleSet

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="4000,8000,16000,64000,250000", help="characters; 250000 = a 250 000-byte file"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    ruleset = RuleSet.load()
    lint_seconds(agreement("Kort text."), ruleset)  # warm-up: imports, schema, plans
    print(f"{'text':<20} {'tecken':>8} {'vägg s':>8} {'cpu s':>7} {'cpu µs/tecken':>14} {'fynd':>5}")
    worst = 0.0
    for name, make in KINDS.items():
        for size in sizes:
            raw = agreement_of_size(make, size) if size >= 250_000 else agreement(make(size))
            wall, cpu, count = lint_seconds(raw, ruleset)
            if size >= 250_000:
                worst = max(worst, cpu)
            print(f"{name:<20} {size:>8} {wall:>8.3f} {cpu:>7.3f} {cpu / size * 1e6:>14.2f} {count:>5}")
    if worst:
        print(f"Längsta cpu-tid för 250 kB: {worst:.2f} s (mål < 2 s; väggtid beror på annan last)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
