"""One reporter registry: validate and lint offer the same formats and render them alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from iop.cli import cli
from iop.report import FORMATS


@pytest.fixture()
def broken(tmp_path: Path, repo_root: Path) -> Path:
    source = (repo_root / "schema" / "referens.yaml").read_text(encoding="utf-8")
    path = tmp_path / "trasig.yaml"
    path.write_text(source.replace("målgrupp: |", "malgrupp: |"), encoding="utf-8")
    return path


def _formats(command: str) -> list[str]:
    params = {p.name: p for p in cli.get_command(None, command).params}  # type: ignore[arg-type, union-attr]
    return list(params["fmt"].type.choices)  # type: ignore[attr-defined]


def test_validate_and_lint_offer_every_registered_format() -> None:
    assert _formats("validate") == _formats("lint") == list(FORMATS) == ["text", "json", "sarif", "github"]


@pytest.mark.parametrize("command", ["validate", "lint"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_reports_the_finding(command: str, fmt: str, broken: Path) -> None:
    args = [command, "--format", fmt, *(["--no-cache"] if command == "lint" else []), str(broken)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    out = result.stdout
    if fmt == "json":
        assert "SCH002" in [f["rule"] for f in json.loads(out)["findings"]]
    elif fmt == "sarif":
        [run] = json.loads(out)["runs"]
        assert "SCH002" in [r["ruleId"] for r in run["results"]]
    elif fmt == "github":
        assert any(line.startswith("::error ") and "title=SCH002" in line for line in out.splitlines())
    else:
        assert out.splitlines()[0] == str(broken) and "SCH002  Okänd nyckel 'malgrupp'" in out
