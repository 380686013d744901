"""Findings point at the matched words in the file, for every scalar style."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop.lint.rules import Rule, load_rules
from iop.lint.ruleset import RuleSet
from iop.lint.text import run_text_rule
from iop.loader import load


def _alone(rule: Rule) -> RuleSet:
    """A rule set of just ``rule``."""
    return RuleSet({rule.code: rule})


RULE: Rule = load_rules()["LOU101"]  # bestallare-utforare: "*beställ*", "*utförar*", ...

SOURCE = """syfte: Kommunen är beställare av stödet.
dubbel: "Här står \\"citat\\", \\u00e5 och beställaren"
enkel: 'Det är ''så'' att beställningen görs'
bokstavlig: |
  Första raden.
    Indragen rad med utföraren här.
vikt: >-
  Vikt text som
  fortsätter med leverantören
  och mer.
lista:
  - lista med beställare
  - "flerradig
    citerad uppdragsgivare"
flerradig: vanlig text som
  fortsätter med utförarna
kapslad:
  del:
    - text: |-
        Rad ett.
        Här är beställaren.
"""


@pytest.fixture(scope="module")
def hits(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, int, int, int, str]]:
    path: Path = tmp_path_factory.mktemp("pos") / "a.yaml"
    path.write_text(SOURCE, encoding="utf-8")
    doc = load(path)
    out = {}
    for h in run_text_rule(doc, RULE, {}, _alone(RULE)):
        # The file's own text at the reported span must be the matched words.
        line = doc.lines[h.line - 1]
        if h.line == h.end_line:
            assert line[h.column - 1 : h.end_column - 1] == h.matched
        out[".".join(str(p) for p in h.path)] = (h.line, h.column, h.end_line, h.end_column, h.matched)
    return out


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("syfte", (1, 20, 1, 30, "beställare")),
        ("dubbel", (2, 41, 2, 52, "beställaren")),
        ("enkel", (3, 27, 3, 40, "beställningen")),
        ("bokstavlig", (6, 22, 6, 31, "utföraren")),
        ("vikt", (9, 18, 9, 30, "leverantören")),
        ("lista.0", (12, 15, 12, 25, "beställare")),
        ("lista.1", (14, 13, 14, 27, "uppdragsgivare")),
        ("flerradig", (16, 18, 16, 27, "utförarna")),
        ("kapslad.del.0.text", (21, 16, 21, 27, "beställaren")),
    ],
)
def test_position_per_style(
    hits: dict[str, tuple[int, int, int, int, str]], path: str, expected: tuple
) -> None:
    assert hits[path] == expected


def test_fields_limit_where_a_rule_looks(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text("syfte: beställare\nannat: beställare\n", encoding="utf-8")
    doc = load(path)
    narrow = Rule(**{**RULE.__dict__, "fields": ("syfte",)})
    assert [h.path for h in run_text_rule(doc, narrow, {}, _alone(narrow))] == [("syfte",)]


def test_absent_rule_points_at_anchor(tmp_path: Path) -> None:
    rule = load_rules()["LOU130"]
    path = tmp_path / "c.yaml"
    path.write_text("syfte: Läxhjälp.\nvärdegrund: |\n  Alla är välkomna.\n", encoding="utf-8")
    doc = load(path)
    [hit] = run_text_rule(doc, rule, {}, _alone(rule))
    assert (hit.line, hit.column, hit.path) == (2, 1, ("värdegrund",))
    path.write_text("syfte: Läxhjälp.\nvärdegrund: Verksamheten är fri från alkohol.\n", encoding="utf-8")
    assert run_text_rule(load(path), rule, {}, _alone(rule)) == []


def test_example_agreements_have_no_error_level_text_findings(example_files: list[Path]) -> None:
    rules = [r for r in load_rules().values() if r.kind == "text" and r.severity == "error"]
    found = []
    for file in example_files:
        doc = load(file)
        for rule in rules:
            found += [
                f"{file.name}:{h.line}:{h.column} {rule.code} {h.matched}"
                for h in run_text_rule(doc, rule, None, _alone(rule))
            ]
    assert found == []
