"""Every text rule's documented examples behave as documented (docs and behaviour cannot drift)."""

from __future__ import annotations

import pytest

from iop.lint.rules import Rule, load_rules
from iop.lint.ruleset import RuleSet
from iop.lint.text import scan

RULES = load_rules()
RULESET = RuleSet(RULES)
TEXT_RULES = [r for r in RULES.values() if r.kind == "text"]


def _cases(kind: str) -> list[tuple[Rule, str]]:
    return [(r, ex) for r in TEXT_RULES for ex in getattr(r.examples, kind)]


@pytest.mark.parametrize(("rule", "example"), _cases("fires"), ids=lambda v: getattr(v, "code", str(v)[:40]))
def test_example_fires(rule: Rule, example: str) -> None:
    assert scan(example, rule, ruleset=RULESET), f"{rule.code} should fire on: {example}"


@pytest.mark.parametrize(("rule", "example"), _cases("passes"), ids=lambda v: getattr(v, "code", str(v)[:40]))
def test_near_miss_passes(rule: Rule, example: str) -> None:
    hits = scan(example, rule, ruleset=RULESET)
    assert not hits, f"{rule.code} should not fire on: {example} (matched {[example[a:b] for a, b in hits]})"


@pytest.mark.parametrize("rule", TEXT_RULES, ids=lambda r: r.code)
def test_every_text_rule_is_documented(rule: Rule) -> None:
    assert len(rule.examples.fires) >= 2 and len(rule.examples.passes) >= 2
    for key in ("message", "explanation", "source", "rephrase"):
        value = getattr(rule, key)
        assert value.get("sv") and value.get("en"), f"{rule.code} lacks {key}"


def test_codes_cover_every_signal_family() -> None:
    """One LOU rule per family of the domain brief's table (21 families + hävning, rent)."""
    lou = sorted(c for c in RULES if c.startswith("LOU"))
    assert lou[0] == "LOU101"
    assert {f"LOU{n}" for n in range(101, 124)} <= set(lou)
