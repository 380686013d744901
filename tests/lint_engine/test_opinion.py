"""The learned second opinion in a lint run: LOU126 findings and the rules' levels weighed by the model."""

from __future__ import annotations

import re
from typing import Any

from iop.lint.config import LintConfig
from iop.lint.document import lint_document
from iop.lint.opinion import Opinion
from iop.lint.text.model import Model
from iop.loader import loads

from .conftest import dump, merge, shared_ruleset

# No text rule reads this as a purchase; the model does (a tender's wording).
TENDER = "Organisationen ska ställa all personal och utrustning som uppdraget kräver till förfogande."


def _doc(base_data: dict[str, Any], text: str) -> Any:
    data = merge(base_data, {"insatser": [{"part": base_data["insatser"][0]["part"], "beskrivning": text}]})
    return loads(dump(data).encode(), "exempel.yaml")


def test_a_sentence_only_the_model_flags_names_its_words(base_data: dict[str, Any]) -> None:
    found = lint_document(_doc(base_data, TENDER), shared_ruleset(), config=LintConfig())
    seconds = [d for d in found if d.rule == "LOU126"]
    assert [d.path for d in seconds] == [("insatser", 0, "beskrivning")]
    assert seconds[0].severity == "warning"
    message = seconds[0].message["sv"]
    assert "tyngst vägde" in message and "”" in message
    assert re.search(r"bedömning 0,\d\d\)", message)  # Swedish decimal comma
    english = seconds[0].message["en"]
    assert re.search(r"score 0\.\d\d\)", english) and "“" in english  # English point and quotes
    assert [d.rule for d in found if d.path == ("insatser", 0, "beskrivning")] == ["LOU126"]


def test_turning_the_model_rule_off_leaves_the_rules_alone(base_data: dict[str, Any]) -> None:
    config = LintConfig(disable=("LOU126",))
    found = lint_document(_doc(base_data, TENDER), shared_ruleset(), config=config)
    assert not [d for d in found if d.rule == "LOU126"]
    priced = "Kommunen betalar föreningen 640 kronor per genomförd timme för stödsamtalen."
    with_model = lint_document(_doc(base_data, priced), shared_ruleset(), config=LintConfig())
    without = lint_document(_doc(base_data, priced), shared_ruleset(), config=config)
    assert {(d.rule, d.severity) for d in without if d.rule == "LOU104"} == {("LOU104", "error")}
    assert [d.extra.get("modell") for d in without if d.rule == "LOU104"] == [None]
    assert {d.rule for d in with_model} >= {"LOU104"}


def test_levels_follow_both_readers(base_data: dict[str, Any]) -> None:
    """veto: a finding on a sentence the model reads as benign is information; confirm: an
    error needs the model's agreement, else it is a warning; fragments are not judged."""
    doc = _doc(
        base_data,
        "Ett pris per timme gäller för stödet till familjerna. Parterna planerar allt gemensamt i dialog.",
    )
    rule = shared_ruleset().rules["LOU126"]
    model = Model({"w:pris": 1.0, "w:gemensamt": -5.0}, -1.0, second=0.9, veto=0.1, confirm=0.8)
    opinion = Opinion(doc, model, rule)
    path = ("insatser", 0, "beskrivning")
    assert opinion.judge(path, 4, "error")[0] == "warning"  # 0.5: not confirmed
    assert opinion.judge(path, 60, "warning")[0] == "info"  # "gemensamt": vetoed
    assert list(opinion.seconds()) == []  # nothing scores 0.9
    short = _doc(base_data, "Pris per timme.")
    assert Opinion(short, model, rule).judge(path, 0, "error")[0] == "error"  # a fragment: rules decide
