"""``iop lint`` through its real entry point: formats, exit codes, load errors, usage errors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from iop.cli import cli

from .conftest import REPO, dump, merge

# The parts of the SARIF 2.1.0 schema (OASIS) that a consumer relies on; the
# official schema is not available offline.
SARIF_SUBSET = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["tool"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name", "rules"],
                                "properties": {
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": [
                                                "id",
                                                "shortDescription",
                                                "fullDescription",
                                                "help",
                                                "defaultConfiguration",
                                            ],
                                            "properties": {
                                                "shortDescription": {"$ref": "#/$defs/message"},
                                                "fullDescription": {"$ref": "#/$defs/message"},
                                                "help": {
                                                    "type": "object",
                                                    "required": ["text", "markdown"],
                                                },
                                                "defaultConfiguration": {
                                                    "type": "object",
                                                    "properties": {"level": {"$ref": "#/$defs/level"}},
                                                    "required": ["level"],
                                                },
                                            },
                                        },
                                    }
                                },
                            }
                        },
                    },
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["ruleId", "message", "locations", "level"],
                            "properties": {
                                "level": {"$ref": "#/$defs/level"},
                                "message": {"$ref": "#/$defs/message"},
                                "ruleIndex": {"type": "integer", "minimum": 0},
                                "locations": {
                                    "type": "array",
                                    "minItems": 1,
                                    "items": {
                                        "type": "object",
                                        "required": ["physicalLocation"],
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "required": ["artifactLocation", "region"],
                                                "properties": {
                                                    "artifactLocation": {
                                                        "type": "object",
                                                        "required": ["uri"],
                                                    },
                                                    "region": {
                                                        "type": "object",
                                                        "required": ["startLine"],
                                                        "properties": {
                                                            "startLine": {"type": "integer", "minimum": 1},
                                                            "startColumn": {"type": "integer", "minimum": 1},
                                                            "endLine": {"type": "integer", "minimum": 1},
                                                            "endColumn": {"type": "integer", "minimum": 1},
                                                        },
                                                    },
                                                },
                                            }
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
    "$defs": {
        "message": {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}},
        "level": {"enum": ["none", "note", "warning", "error"]},
    },
}


@pytest.fixture()
def work(tmp_path: Path, base_data: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a clean agreement, a risky one (STR207 warning under bas) and a broken file."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "avtal"
    folder.mkdir()
    clean = merge(
        base_data,
        {
            "riktlinjer": "bas",
            "omförhandling": {
                "omförhandling": "Varje part kan påkalla omförhandling om förutsättningarna ändras väsentligt.",
                "uppsägning": "Var och en av parterna får säga upp överenskommelsen med sex månaders varsel.",
                "hävning": "Part får häva överenskommelsen om en annan part väsentligt brister i sina åtaganden.",
                "tvist": "Tvister löses i första hand genom dialog i styrgruppen och sedan i allmän domstol.",
            },
            "ekonomi": {
                "resurser": [
                    {
                        "part": "kommunen",
                        "slag": "ekonomiskt",
                        "belopp_per_år": 100000,
                        "beskrivning": "Medel.",
                    },
                    {
                        "part": "foreningen",
                        "slag": "immateriellt",
                        "belopp_per_år": 100000,
                        "beskrivning": "Tid.",
                    },
                ],
                "överskott": "Ett överskott återinvesteras i verksamheten och delas inte ut.",
                "återbetalning": "Medel som inte har använts betalas tillbaka efter årsuppföljningen.",
            },
            "uppföljning": {"kunskapsinhämtning": "Parterna sammanställer lärdomarna i en årlig rapport."},
        },
    )
    (folder / "a-ren.yaml").write_text(dump(clean), encoding="utf-8")
    (folder / "b-risk.yaml").write_text(
        dump(merge(clean, {"uppföljning": {"gånger_per_år": 0}})), encoding="utf-8"
    )
    return folder


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["lint", *args], catch_exceptions=False)


def test_clean_file_exits_zero(work: Path) -> None:
    result = run(str(work / "a-ren.yaml"), "--no-cache")
    assert result.exit_code == 0, result.output
    assert "0 fel, 0 varningar" in result.output


def test_fail_on_controls_the_exit_code(work: Path) -> None:
    risky = str(work / "b-risk.yaml")
    assert run(risky, "--no-cache").exit_code == 0  # a warning does not reach 'error'
    assert run(risky, "--no-cache", "--fail-on", "warning").exit_code == 1
    assert run(risky, "--no-cache", "--profile", "orebro").exit_code == 1  # STR207 is an error in Örebro
    assert run(risky, "--no-cache", "--profile", "orebro", "--fail-on", "never").exit_code == 0


def test_usage_errors_exit_two(work: Path) -> None:
    assert run(str(work / "finns-inte.yaml")).exit_code == 2
    result = run(str(work), "--profile", "uppsala")
    assert result.exit_code == 2
    assert "uppsala" in result.output
    (work.parent / ".iop.yaml").write_text("okänd: 1\n", encoding="utf-8")
    assert run(str(work)).exit_code == 2
    (work.parent / ".iop.yaml").write_text("profile: uppsala\n", encoding="utf-8")
    result = run(str(work))
    assert result.exit_code == 2
    assert ".iop.yaml" in result.output and "uppsala" in result.output


def test_config_file_sets_fail_on(work: Path) -> None:
    (work.parent / ".iop.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    assert run(str(work / "b-risk.yaml"), "--no-cache").exit_code == 1
    assert run(str(work / "b-risk.yaml"), "--no-cache", "--fail-on", "error").exit_code == 0


def test_text_is_grouped_per_file_without_colour_when_piped(work: Path) -> None:
    result = run(str(work), "--no-cache")
    lines = result.output.splitlines()
    headings = [i for i, line in enumerate(lines[:-1]) if line and not line.startswith(" ")]
    risky = next(i for i in headings if lines[i].endswith("b-risk.yaml"))
    block = lines[risky + 1 : next((i for i in headings if i > risky), len(lines))]
    assert any("varning" in line and "STR207" in line for line in block)
    assert "\x1b[" not in result.output
    assert lines[-1].startswith("0 fel, 1 varning,")
    assert "2 filer kontrollerade" in lines[-1]


def test_json_format(work: Path) -> None:
    result = run(str(work), "--no-cache", "--format", "json")
    payload = json.loads(result.output)
    [finding] = [f for f in payload["findings"] if f["rule"] == "STR207"]
    assert finding["file"].endswith("b-risk.yaml")
    assert finding["path"] == "/uppföljning/gånger_per_år"
    assert finding["severity"] == "warning"
    assert (finding["end_line"], finding["end_column"]) == (finding["line"], finding["column"] + 1)  # "0"
    assert {"line", "column", "end_line", "end_column", "message"} <= set(finding)
    assert "gång" in finding["message"]


def test_english_messages(work: Path) -> None:
    result = run(str(work / "b-risk.yaml"), "--no-cache", "--format", "json", "--lang", "en")
    [finding] = [f for f in json.loads(result.output)["findings"] if f["rule"] == "STR207"]
    assert "followed up" in finding["message"]


def test_sarif_format(work: Path) -> None:
    result = run(str(work), "--no-cache", "--format", "sarif")
    log = json.loads(result.output)
    jsonschema.validate(log, SARIF_SUBSET)
    run0 = log["runs"][0]
    rules = run0["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert {"STR201", "STR219", "SUP001"} <= set(ids)
    [res] = [r for r in run0["results"] if r["ruleId"] == "STR207"]
    assert ids[res["ruleIndex"]] == "STR207"
    location = res["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "avtal/b-risk.yaml", "uriBaseId": "%SRCROOT%"}
    assert run0["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file://")


def test_github_format(work: Path) -> None:
    result = run(str(work / "b-risk.yaml"), "--no-cache", "--format", "github")
    [line] = [line for line in result.output.splitlines() if "STR207" in line]
    assert line.startswith("::warning file=")
    assert ",line=" in line and ",col=" in line and ",title=STR207::" in line


def test_file_that_does_not_load_is_a_finding(work: Path) -> None:
    (work / "c-trasig.yaml").write_text("syfte: [öppen lista\n", encoding="utf-8")
    result = run(str(work), "--no-cache", "--format", "json")
    assert result.exit_code == 1
    codes = {f["rule"] for f in json.loads(result.output)["findings"] if f["file"].endswith("c-trasig.yaml")}
    assert codes and all(c.startswith("YAML") for c in codes)


def test_console_script(iop_exe: str, work: Path) -> None:
    done = subprocess.run(
        [
            iop_exe,
            "lint",
            str(work / "b-risk.yaml"),
            "--no-cache",
            "--fail-on",
            "warning",
            "--format",
            "github",
        ],
        capture_output=True,
        text=True,
        cwd=work,
        timeout=120,
    )
    assert done.returncode == 1
    assert "title=STR207" in done.stdout
    assert REPO.exists()


def test_colour_is_only_added_when_asked() -> None:
    import click

    from iop.diagnostics import Diagnostic
    from iop.report.text import format_grouped

    finding = Diagnostic(
        "a.yaml",
        3,
        5,
        "STR207",
        "warning",
        {"sv": "Följs upp för sällan.", "en": "Too rare."},
        ("uppföljning",),
    )
    plain = format_grouped([("a.yaml", [finding]), ("b.yaml", [])], 2, colour=False)
    coloured = format_grouped([("a.yaml", [finding]), ("b.yaml", [])], 2, colour=True)
    assert "\x1b[" not in plain
    assert "\x1b[" in coloured
    assert click.unstyle(coloured) == plain
    assert plain.splitlines() == [
        "a.yaml",
        "  3:5  varning STR207  Följs upp för sällan.",
        "      plats: uppföljning",
        "",
        "0 fel, 1 varning, 0 info; 2 filer kontrollerade, 0 med fel.",
    ]


def test_list_profiles() -> None:
    result = CliRunner().invoke(cli, ["lint", "--list-profiles"])
    assert result.exit_code == 0
    assert "orebro  (orebro → bas)  Örebro kommun" in result.output
    assert "[seed 002]" in result.output


def test_github_annotation_escapes_properties_and_data() -> None:
    from iop.diagnostics import Diagnostic
    from iop.report.github import annotation

    d = Diagnostic(
        "avtal/a,b:c.yaml",
        2,
        3,
        "STR202",
        "info",
        {"sv": "100 % offentligt\nrad två", "en": "x"},
        end_line=2,
        end_column=9,
    )
    assert annotation(d) == (
        "::notice file=avtal/a%2Cb%3Ac.yaml,line=2,col=3,endLine=2,endColumn=9,title=STR202::100 %25 offentligt%0Arad två"
    )
