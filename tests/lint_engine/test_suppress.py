"""Inline suppressions: with a reason, without one, unused, unknown codes, placement."""

from __future__ import annotations

from typing import Any

import pytest

from iop.lint.config import LintConfig
from iop.lint.document import lint_document
from iop.lint.suppress import parse
from iop.loader import loads

from .conftest import dump, merge, shared_ruleset


@pytest.fixture()
def source(base_data: dict[str, Any]) -> str:
    """An agreement (profile bas) where STR207 fires on the line 'gånger_per_år: 0'."""
    return dump(merge(base_data, {"riktlinjer": "bas", "uppföljning": {"gånger_per_år": 0}}))


def _with_comment(source: str, needle: str, comment: str, *, above: bool = False) -> str:
    lines = source.splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith(needle))
    if above:
        indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
        lines.insert(index, f"{indent}{comment}")
    else:
        lines[index] = f"{lines[index]}  {comment}"
    return "\n".join(lines) + "\n"


def _lint(text: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for d in lint_document(loads(text.encode(), "a.yaml"), shared_ruleset(), config=LintConfig()):
        found.setdefault(d.rule, []).append(d.line)
    return found


def test_unsuppressed_baseline(source: str) -> None:
    assert "STR207" in _lint(source)


def test_suppression_with_reason_silences_the_rule(source: str) -> None:
    text = _with_comment(source, "gånger_per_år", "# iop: tillåt STR207 -- följs upp i nämndens årsrapport")
    found = _lint(text)
    assert "STR207" not in found
    assert not {"SUP001", "SUP002", "SUP003"} & set(found)


def test_missing_reason_is_a_finding_on_the_comment_line(source: str) -> None:
    text = _with_comment(source, "gånger_per_år", "# iop: tillåt STR207")
    found = _lint(text)
    assert "STR207" not in found
    line = next(i + 1 for i, line in enumerate(text.splitlines()) if "iop: tillåt" in line)
    assert found["SUP001"] == [line]


def test_unused_and_unknown_codes_are_reported(source: str) -> None:
    text = _with_comment(source, "gånger_per_år", "# iop: allow STR207, STR212, XYZ999 -- reason given")
    found = _lint(text)
    assert "STR207" not in found
    assert "SUP002" in found  # STR212 does not fire here
    assert "SUP003" in found  # XYZ999 is no rule


def test_comment_line_above_and_section_key_both_work(source: str) -> None:
    above = _with_comment(source, "gånger_per_år", "# iop: tillåt STR207 -- årlig rapport", above=True)
    assert "STR207" not in _lint(above)
    section = _with_comment(source, "uppföljning:", "# iop: tillåt STR207 -- årlig rapport")
    assert "STR207" not in _lint(section)


def test_suppression_elsewhere_does_not_apply(source: str) -> None:
    text = _with_comment(source, "titel:", "# iop: tillåt STR207 -- fel rad")
    found = _lint(text)
    assert "STR207" in found
    assert "SUP002" in found


def test_parse_reads_codes_and_reason() -> None:
    [s] = parse(["syfte: x  # iop: tillåt LOU104, lou105 -- ordet avser något annat"])
    assert s.codes == ("LOU104", "LOU105")
    assert s.reason == "ordet avser något annat"
    assert s.line == s.target == 1
    assert parse(["syfte: x # vanlig kommentar"]) == []


def test_text_inside_a_block_scalar_is_not_a_directive() -> None:
    lines = [
        "insatser:",
        "  - part: a",
        "    beskrivning: |  # iop: tillåt LOU104 -- på nyckelraden",
        "      Texten nämner # iop: tillåt LOU105 -- men det är innehåll",
        "",
        "      mer text",
        "  - part: b  # iop: allow STR206 -- efter blocket",
    ]
    assert [(s.line, s.codes) for s in parse(lines)] == [(3, ("LOU104",)), (7, ("STR206",))]
