"""Every structural rule fires on its 'fires' examples and stays silent on its near misses.

The examples live in lint/rules/structure.yaml; each is a YAML fragment merged over
schema/referens.yaml (a valid agreement), then linted with the 'bas' profile.
"""

from __future__ import annotations

from typing import Any

import pytest
from ruamel.yaml import YAML

from iop.lint.config import LintConfig
from iop.lint.document import lint_document
from iop.lint.profiles import available
from iop.lint.rules import load_rules
from iop.loader import loads

from .conftest import dump, merge, shared_ruleset

STRUCTURE = {code: rule for code, rule in load_rules().items() if rule.kind == "structure"}
CASES = [
    pytest.param(code, kind, i, example, id=f"{code}-{kind}-{i}")
    for code, rule in STRUCTURE.items()
    for kind, examples in (("fires", rule.examples.fires), ("passes", rule.examples.passes))
    for i, example in enumerate(examples)
]


def _profile_for(code: str) -> str:
    """'bas' when it enables the rule, else the first shipped profile that does."""
    for name in ["bas", *available()]:
        if code in shared_ruleset().plan(name, LintConfig()).rules:
            return name
    raise AssertionError(f"no profile enables {code}")


def _lint(data: dict[str, Any], profile: str = "bas") -> list[str]:
    doc = loads(dump(data).encode(), "exempel.yaml")
    return [d.rule for d in lint_document(doc, shared_ruleset(), profile=profile, config=LintConfig())]


def test_every_structural_rule_has_examples_both_ways() -> None:
    assert len(STRUCTURE) >= 15
    for code, rule in STRUCTURE.items():
        assert rule.examples.fires, f"{code} has no firing example"
        assert rule.examples.passes, f"{code} has no near miss"


def test_base_agreement_is_schema_valid(base_data: dict[str, Any]) -> None:
    codes = _lint(base_data)
    assert not [c for c in codes if c.startswith(("SCH", "YAML"))], codes


@pytest.mark.parametrize(("code", "kind", "index", "example"), CASES)
def test_example(base_data: dict[str, Any], code: str, kind: str, index: int, example: str) -> None:
    fragment = YAML(typ="safe", pure=True).load(example)
    assert isinstance(fragment, dict)
    codes = _lint(merge(base_data, fragment), _profile_for(code))
    if kind == "fires":
        assert code in codes, f"{code} should fire on example {index}: {codes}"
    else:
        assert code not in codes, f"{code} should not fire on near miss {index}"


def test_messages_quote_computed_amounts(base_data: dict[str, Any]) -> None:
    """The base term is 2025-01-01–2027-12-31 (three years) with one 12-month extension."""
    data = merge(
        base_data,
        {
            "ekonomi": {
                "resurser": [
                    {
                        "part": "kommunen",
                        "slag": "ekonomiskt",
                        "belopp_per_år": 950000,
                        "beskrivning": "Medel.",
                    },
                    {
                        "part": "kommunen",
                        "slag": "materiellt",
                        "belopp_per_år": 50000,
                        "beskrivning": "Lokal.",
                    },
                    {
                        "part": "foreningen",
                        "slag": "immateriellt",
                        "belopp_per_år": 20000,
                        "beskrivning": "Tid.",
                    },
                ]
            }
        },
    )
    doc = loads(dump(data).encode(), "a.yaml")
    found = {d.rule: d for d in lint_document(doc, shared_ruleset(), profile="bas", config=LintConfig())}
    share = found["STR202"].message["sv"]
    assert "3\u00a0000\u00a0000\u00a0kr av 3\u00a0060\u00a0000\u00a0kr" in share
    assert "98,0\u00a0%" in share
    # Only money counts against the procurement limits: 950 000 kr × (3 + 1) years.
    value = found["STR214"].message["sv"]
    assert "3\u00a0800\u00a0000\u00a0kr" in value
    assert "överstiger direktupphandlingsgränsen (700\u00a0000\u00a0kr sedan 2024-01-01)" in value
    assert found["STR214"].severity == "info"


def test_near_a_limit_is_info_not_a_verdict(base_data: dict[str, Any]) -> None:
    # 1 700 000 kr × 4 years = 6 800 000 kr: above 80 % of 8 109 450 kr, below the threshold.
    data = merge(
        base_data,
        {
            "ekonomi": {
                "resurser": [
                    {
                        "part": "kommunen",
                        "slag": "ekonomiskt",
                        "belopp_per_år": 1700000,
                        "beskrivning": "Medel.",
                    },
                    {
                        "part": "foreningen",
                        "slag": "immateriellt",
                        "belopp_per_år": 1700000,
                        "beskrivning": "Tid.",
                    },
                ]
            }
        },
    )
    doc = loads(dump(data).encode(), "a.yaml")
    found = {d.rule: d for d in lint_document(doc, shared_ruleset(), profile="bas", config=LintConfig())}
    assert found["STR215"].severity == "info"
    assert "ligger nära" in found["STR215"].message["sv"]


def test_open_extension_counts_as_unbounded(base_data: dict[str, Any]) -> None:
    data = merge(base_data, {"tidsram": {"förlängning": {"högst_antal": None}}})
    doc = loads(dump(data).encode(), "a.yaml")
    found = {d.rule: d for d in lint_document(doc, shared_ruleset(), profile="bas", config=LintConfig())}
    assert "STR213" in found
    assert "förlängningar utan övre gräns" in found["STR214"].message["sv"]


def test_a_failing_check_becomes_a_finding(
    base_data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from iop.lint.checks import registry

    def broken(ctx: object) -> list[object]:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(registry(), "term_length", broken)  # type: ignore[arg-type]
    doc = loads(dump(base_data).encode(), "a.yaml")
    found = lint_document(doc, shared_ruleset(), profile="bas", config=LintConfig())
    [failure] = [d for d in found if d.rule == "CFG004"]
    assert "STR212" in failure.message["sv"] and "ZeroDivisionError" in failure.message["sv"]
    assert any(d.rule.startswith("STR") for d in found)  # the other checks still ran


def test_malformed_drafts_never_crash(base_data: dict[str, Any]) -> None:
    for broken in (
        {"ekonomi": {"resurser": 5}},
        {"styrgrupp": {"ledamöter": [{"part": {"a": 1}, "funktion": ["x"]}]}},
        {"parter": "kommunen och föreningen"},
        {"tidsram": {"start": "i våras", "slut": 2027, "förlängning": "ja"}},
        {"uppföljning": {"gånger_per_år": "ofta"}},
        {"insatser": {"part": "kommunen"}},
    ):
        doc = loads(dump(merge(base_data, broken)).encode(), "a.yaml")
        found = lint_document(doc, shared_ruleset(), profile="malmo", config=LintConfig())
        assert not [d for d in found if d.rule == "CFG004"], broken
        assert any(d.rule.startswith("SCH") for d in found), broken
