"""``iop render`` on agreements that load but hold what the writers cannot take.

A list field holding a number (in a draft), NUL and lone surrogates reached
through escapes, and characters the PDF fonts lack: each ends in a clear
message or a rendered draft, never an internal error.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from iop.cli import cli

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "agreements" / "orebro-stadsmissionen-gemenskap.yaml"

# The seven list fields the renderer walks; each set to a number in turn.
LIST_FIELDS = ["beslut", "parter", "delmål", "ledamöter", "resurser", "underskrifter", "ändringar"]


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def no_internal_error(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"internal error: {result.exception!r}\n{result.output}"
    )
    assert "IOP001" not in result.output and "internt fel" not in result.output, result.output


def with_number(source: str, key: str) -> str:
    """``source`` with the block value of ``key`` replaced by the number 5."""
    lines = source.split("\n")
    start = next(i for i, line in enumerate(lines) if re.match(rf"^\s*{key}:\s*$", line))
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (
        not lines[end].strip()
        or len(lines[end]) - len(lines[end].lstrip()) > indent
        or (lines[end].lstrip().startswith("- ") and len(lines[end]) - len(lines[end].lstrip()) >= indent)
    ):
        end += 1
    return "\n".join([*lines[:start], lines[start].rstrip() + " 5", *lines[end:]])


@pytest.mark.parametrize("key", LIST_FIELDS)
def test_draft_renders_when_a_list_field_holds_a_number(tmp_path: Path, key: str) -> None:
    source = with_number(EXAMPLE.read_text(encoding="utf-8"), key)
    path = tmp_path / "a.yaml"
    path.write_text(source, encoding="utf-8")
    validated = run("validate", "--format", "json", path)
    assert validated.exit_code == 1, "the number is a schema error"
    assert any(f["rule"].startswith("SCH") for f in json.loads(validated.stdout)["findings"])
    result = run("render", path, "--to", "html,docx", "--draft", "--out", tmp_path / "out")
    no_internal_error(result)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "a.html").read_text(encoding="utf-8")
    assert "UTKAST" in html


@pytest.mark.parametrize(
    ("escape", "code"), [("\\0", "U+0000"), ("\\ud800", "U+D800"), ("\\x1b", "U+001B"), ("\\uffff", "U+FFFF")]
)
def test_control_characters_and_lone_surrogates_are_refused_at_their_place(
    tmp_path: Path, escape: str, code: str
) -> None:
    source = EXAMPLE.read_text(encoding="utf-8")
    title_line = next(i for i, line in enumerate(source.split("\n"), 1) if line.startswith("titel:"))
    source = re.sub(r"(?m)^titel: .*$", lambda _: f'titel: "Gemenskap{escape} i Örebro"', source)
    path = tmp_path / "a.yaml"
    path.write_text(source, encoding="utf-8")
    for args in (["validate", "--format", "json"], ["lint", "--no-cache", "--format", "json"]):
        result = run(*args, path)
        no_internal_error(result)
        found = [(f["rule"], f["line"], f["path"]) for f in json.loads(result.stdout)["findings"]]
        assert ("YAML004", title_line, "/titel") in found, found
        assert code in result.stdout
    for fmt in ("pdf", "html", "docx"):
        result = run("render", path, "--to", fmt, "--draft", "--out", tmp_path / "out")
        no_internal_error(result)
        assert result.exit_code == 1 and "YAML004" in result.output, result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("a.*"))


@pytest.mark.parametrize(("char", "code"), [("😀", "U+1F600"), ("漢", "U+6F22"), ("ᚠ", "U+16A0")])
def test_characters_the_pdf_fonts_lack_are_named_before_rendering(
    tmp_path: Path, char: str, code: str
) -> None:
    source = EXAMPLE.read_text(encoding="utf-8")
    source = re.sub(r"(?m)^titel: (.*)$", rf'titel: "Gemenskap {char} i Örebro"', source)
    title_line = next(i for i, line in enumerate(source.split("\n"), 1) if line.startswith("titel:"))
    path = tmp_path / "a.yaml"
    path.write_text(source, encoding="utf-8")
    out = tmp_path / "out"
    result = run("render", path, "--to", "pdf,html", "--out", out)
    no_internal_error(result)
    assert result.exit_code == 1, result.output
    assert f"a.yaml:{title_line}:19: fel PDF001" in result.output, result.output
    assert f"'{char}' ({code}" in result.output and "typsnitt" in result.output
    assert "plats: titel" in result.output
    assert "PDF/A-2b error" not in result.output, "Typst's English error must not reach the user"
    assert not (out / "a.pdf").exists()
    assert (out / "a.html").exists(), "HTML shows the character with the reader's fonts"


def test_characters_typst_renders_without_a_glyph_pass() -> None:
    """Format marks, spaces and combining marks need no glyph of their own."""
    from iop.render.glyphs import shown

    for char in (
        "\u200b",
        "\u200d",
        "\u202e",
        "\u00a0",
        "\u2003",
        "\u3000",
        "\u0301",
        "\ufe0f",
        "é",
        "€",
        "§",
        "𝔘",
    ):
        assert shown(char), repr(char)
    for char in ("😀", "漢", "\U0010ffff"):
        assert not shown(char), repr(char)


@pytest.mark.parametrize(
    ("example", "after", "key"),
    [
        ("goteborg-eu-medborgare.yaml", "\ngrupper:", "ledamöter"),
        ("nykoping-harbarge.yaml", "\növriga_avsnitt:", "underavsnitt"),
    ],
)
def test_draft_renders_when_a_list_in_the_new_shapes_holds_a_number(
    tmp_path: Path, example: str, after: str, key: str
) -> None:
    """Found by the long fuzz run (seed 1, input 367): a further group's members as a number."""
    source = (REPO / "agreements" / example).read_text(encoding="utf-8")
    head, found, tail = source.partition(after)
    assert found, f"{example} has no {after.strip()}"
    path = tmp_path / "a.yaml"
    path.write_text(head + found + with_number(tail, key), encoding="utf-8")
    result = run("render", path, "--to", "html,docx", "--draft", "--out", tmp_path / "out")
    no_internal_error(result)
    assert result.exit_code == 0, result.output
