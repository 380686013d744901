"""Inputs that once made validate, lint and fmt fail internally: each is now a clear finding.

Every case runs through the real click group; an exception escaping the command
(which the console entry point turns into exit 3, "internt fel") fails the test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from iop.cli import cli

FLOAT_1E = "x: !!float 1e\n"
HUGE_INT = "version: " + "9" * 4301 + "\n"

# name -> (file text, expected rule code, expected line)
CASES: dict[str, tuple[str, str, int]] = {
    "!!float 1e": (FLOAT_1E, "YAML009", 1),
    "4301-digit integer": (HUGE_INT, "YAML011", 1),
    "!!set on text": ("syfte: x\nmål: !!set abc\n", "YAML009", 2),
    "!!set on a list": ("syfte: x\nmål: !!set [a]\n", "YAML009", 2),
    "!!omap on text": ("syfte: x\nmål: !!omap abc\n", "YAML009", 2),
    "!!omap on a mapping": ("syfte: x\nmål: !!omap {a: 1}\n", "YAML009", 2),
    "!!pairs on text": ("syfte: x\nmål: !!pairs abc\n", "YAML009", 2),
    "!!bool on a word": ("syfte: !!bool abc\n", "YAML009", 1),
    "!!bool on a list": ("syfte: !!bool [1]\n", "YAML009", 1),
    "!!int on a word": ("version: !!int abc\n", "YAML009", 1),
    "!!int on a mapping": ("version: !!int {a: 1}\n", "YAML009", 1),
    "!!map on text": ("mål: !!map abc\n", "YAML009", 1),
    "!!seq on a mapping": ("mål: !!seq {a: 1}\n", "YAML009", 1),
    "!!timestamp on a word": ("datum: !!timestamp abc\n", "YAML001", 1),
    "mapping as a key": ("syfte: x\n? {a: [1]}\n: y\n", "YAML010", 2),
    "list as a key": ("syfte: x\n? [a, b]\n: y\n", "YAML010", 2),
}


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def no_internal_error(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"internal error: {result.exception!r}\n{result.output}"
    )
    assert "IOP001" not in result.output, result.output


@pytest.mark.parametrize("name", list(CASES))
def test_validate_and_lint_report_a_finding(tmp_path: Path, name: str) -> None:
    source, rule, line = CASES[name]
    path = tmp_path / "fel.yaml"
    path.write_text(source, encoding="utf-8")
    for command in (["validate"], ["lint", "--no-cache"]):
        result = run(*command, "--format", "json", str(path))
        no_internal_error(result)
        assert result.exit_code == 1, result.output
        found = [(f["rule"], f["line"]) for f in json.loads(result.stdout)["findings"]]
        assert found == [(rule, line)], result.output


@pytest.mark.parametrize("name", list(CASES))
def test_fmt_refuses_without_touching_the_file(tmp_path: Path, name: str) -> None:
    source, rule, _ = CASES[name]
    path = tmp_path / "fel.yaml"
    path.write_text(source, encoding="utf-8")
    result = run("fmt", str(path))
    no_internal_error(result)
    assert result.exit_code == 1 and rule in result.output, result.output
    assert path.read_text(encoding="utf-8") == source


FMT_CASES: dict[str, str] = {
    "impossible date": "id: x\nbeslut:\n  - organ: a\n    datum: 2025-02-30\n",
    "merge key": "bas: &b\n  x: 1\nc:\n  <<: *b\n  y: 2\n",
    "merge of two aliases": "bas: &b {x: 1}\nc:\n  <<: [*b, *b]\n  y: 2\n",
    "30-digit integer": "version: 123456789012345678901234567890\nsyfte: x\n",
    "merge key at the top with a block text": "<<:\n  a: |\n    text\nb: 1\n",
    "anchor that sorts after its alias": "bas: &b x\nsyfte: *b\n",
}


@pytest.mark.parametrize("name", list(FMT_CASES))
def test_fmt_formats_files_that_validate_rejects(tmp_path: Path, name: str) -> None:
    """Files that load (validate reports schema errors) are formatted, data unchanged."""
    from iop.loader import loads

    source = FMT_CASES[name]
    path = tmp_path / "a.yaml"
    path.write_text(source, encoding="utf-8")
    result = run("fmt", str(path))
    no_internal_error(result)
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    assert loads(after, "a").data == loads(source.encode(), "a").data


SYNTAX_CASES: dict[str, tuple[str, str]] = {
    "scanner error": ("a: 1\nb: [1, 2\n", "YAML001"),
    "parser error": ("a: b: c\n", "YAML001"),
    "duplicate keys": ("a: 1\na: 2\n", "YAML002"),
    "merge of a number": ("c:\n  <<: 5\n", "YAML001"),
}


@pytest.mark.parametrize("name", list(SYNTAX_CASES))
def test_fmt_reports_load_errors_like_validate(tmp_path: Path, name: str) -> None:
    source, rule = SYNTAX_CASES[name]
    path = tmp_path / "a.yaml"
    path.write_text(source, encoding="utf-8")
    result = run("fmt", str(path))
    no_internal_error(result)
    assert result.exit_code == 1 and rule in result.output, result.output
    assert path.read_text(encoding="utf-8") == source


# Found by the 2 500-input fuzz run after the first landing (seed 1).
LATE_CASES: dict[str, str] = {
    # a syntax error later in the file made the error reporter re-read the file
    # with ruamel.yaml's own constructor, which crashed on the empty float
    "empty !!float before a syntax error": "syfte: x\nmål: !!float\nbakgrund: a\nb c\n  d: e\n",
    "!!bool on a word before a syntax error": "syfte: !!bool kommunen\nx: [\n",
    "!!set on text before a syntax error": "syfte: !!set abc\nx: [\n",
}


@pytest.mark.parametrize("name", list(LATE_CASES))
def test_a_syntax_error_after_an_odd_tag_is_a_finding(tmp_path: Path, name: str) -> None:
    path = tmp_path / "fel.yaml"
    path.write_text(LATE_CASES[name], encoding="utf-8")
    for command in (["validate"], ["lint", "--no-cache"], ["fmt", "--check"]):
        result = run(*command, str(path))
        no_internal_error(result)
        assert result.exit_code == 1, result.output


def test_an_infinite_amount_and_a_mapping_as_signing_party_are_findings(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[2] / "agreements" / "linkoping-brottsofferjouren.yaml"
    source = example.read_text(encoding="utf-8")
    assert "part: kommunen" in source
    path = tmp_path / "avtal.yaml"
    path.write_text(
        source.replace("part: kommunen", "part: {a: 1}", 1) + "x_belopp: .inf\n", encoding="utf-8"
    )
    for command in (["validate"], ["lint", "--no-cache"]):
        result = run(*command, str(path))
        no_internal_error(result)
        assert result.exit_code == 1, result.output


def test_an_infinite_formula_is_no_amount() -> None:
    from iop.money import parse_amount

    assert parse_amount(float("inf")) is None
    assert parse_amount({"formel": {"kronor_per_enhet": 1e308, "antal": 10**308}}) is None


@pytest.mark.parametrize("party", ["{a: 1}", "[kommunen]"])
def test_a_decision_naming_a_party_that_is_not_text_is_a_finding(tmp_path: Path, party: str) -> None:
    """Found by the long fuzz run (seed 1, inputs 3609 and 3750): the status check hashed the value."""
    example = Path(__file__).resolve().parents[2] / "agreements" / "botkyrka-the-good-talents.yaml"
    source = example.read_text(encoding="utf-8")
    marker = "beslut:\n  - part: kommunen"
    assert marker in source
    path = tmp_path / "avtal.yaml"
    path.write_text(source.replace(marker, f"beslut:\n  - part: {party}", 1), encoding="utf-8")
    for command in (["validate"], ["lint", "--no-cache"]):
        result = run(*command, str(path))
        no_internal_error(result)
        assert result.exit_code == 1, result.output
        assert "SCH" in result.output


def test_fmt_counts_lines_as_the_parser_does(tmp_path: Path) -> None:
    """Found by the long fuzz run (seed 1, input 4271): U+2028 after a block scalar's '|'
    made fmt split lines where the parser does not, and fmt failed internally."""
    from ruamel.yaml import YAML

    example = Path(__file__).resolve().parents[2] / "agreements" / "linkoping-brottsofferjouren.yaml"
    source = example.read_text(encoding="utf-8")
    marker = "återbetalning: |\n"
    assert marker in source
    path = tmp_path / "avtal.yaml"
    path.write_text(source.replace(marker, "återbetalning: |" + "\u2028" * 3 + "\n", 1), encoding="utf-8")
    before = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    result = run("fmt", str(path))
    no_internal_error(result)
    assert result.exit_code == 0, result.output
    assert YAML(typ="safe").load(path.read_text(encoding="utf-8")) == before
    again = run("fmt", "--check", str(path))
    assert again.exit_code == 0, again.output


def test_a_line_separator_in_text_does_not_shift_later_lines(tmp_path: Path) -> None:
    path = tmp_path / "avtal.yaml"
    path.write_text("syfte: a\u2028b\u2029c\x85d\nokänd_nyckel_här: 1\n", encoding="utf-8")
    result = run("validate", "--format", "json", str(path))
    no_internal_error(result)
    found = json.loads(result.output)
    places = [
        (d["line"], d["column"], d["end_line"], d["end_column"])
        for d in found["findings"]
        if "okänd_nyckel_här" in d["message"]
    ]
    assert places == [(2, 1, 2, 17)], result.output
