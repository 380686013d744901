"""No one-word pattern term may stem to a function word it is not.

The Snowball stemmer cuts some words down to a very common one ("överens" → "över",
"samtliga" → "samt", "tillse" → "till"); such a term then matches in almost every
sentence (an ``unless`` with "överens" silenced LOU109 whenever "över" occurred).
Write those terms as exact forms (``=överens``).
"""

from __future__ import annotations

from iop.lint.rules import load_rules
from iop.lint.ruleset import RuleSet
from iop.lint.text.tokens import norm

FUNCTION_WORDS = [
    "över",
    "för",
    "till",
    "vid",
    "samt",
    "med",
    "som",
    "att",
    "den",
    "det",
    "kan",
    "ska",
    "har",
    "är",
    "alla",
    "andra",
    "om",
    "av",
    "ut",
    "upp",
    "in",
    "men",
    "så",
    "då",
    "när",
    "hur",
    "sin",
    "dess",
    "här",
    "där",
    "nu",
    "mer",
    "inom",
    "utan",
    "hos",
]
# Inflections of the function word itself are fine.
SAME_WORD = frozenset({"sina", "dessa", "all", "allt"})


def test_single_word_terms_do_not_stem_to_function_words() -> None:
    stems = {norm(w): w for w in FUNCTION_WORDS}
    bad = []
    ruleset = RuleSet(load_rules())
    for code, rule in ruleset.rules.items():
        if rule.kind != "text":
            continue
        matcher = ruleset.matcher(rule)
        for pattern in (*matcher.any, *(matcher.with_ or ()), *(matcher.unless or ()), *(matcher.near or ())):
            for slot in pattern.slots:
                for alt in slot.alternatives:
                    if len(alt) != 1 or alt[0].kind != "word":
                        continue
                    term = alt[0]
                    if term.key in stems and term.value != stems[term.key] and term.value not in SAME_WORD:
                        bad.append(f"{code}: {term.value} → {term.key}")
    assert bad == []
