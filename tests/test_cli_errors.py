"""click's own usage errors reach the user in Swedish (English with --lang en), exit 2."""

from __future__ import annotations

import re
import subprocess

import pytest
from click.testing import CliRunner

from iop.cli import COMMANDS, cli


def _run(iop_exe: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([iop_exe, *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("validate",), "Fel: Argument saknas: 'SÖKVÄG...'."),
        (("lint", "--format", "xml", "x"), "Fel: Ogiltigt värde för '--format': 'xml' är inte ett av"),
        (("bogus",), "Fel: Okänt kommando: bogus."),
        (("validate", "--bogus", "x"), "Fel: Okänd flagga: --bogus."),
    ],
)
def test_usage_errors_are_swedish(iop_exe: str, args: tuple[str, ...], expected: str) -> None:
    result = _run(iop_exe, *args)
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Användning: iop" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Error:" not in result.stderr


def test_usage_errors_in_english_on_request(iop_exe: str) -> None:
    result = _run(iop_exe, "--lang", "en", "validate", "--bogus", "x")
    assert result.returncode == 2
    assert "No such option" in result.stderr


def test_help_and_version_exit_zero(iop_exe: str) -> None:
    assert _run(iop_exe, "--help").returncode == 0
    assert _run(iop_exe, "--version").returncode == 0


ENGLISH_FRAME = ("Usage:", "Options:", "Show this message", "Error:", "[OPTIONS]", "PATHS", "[CODE]")


@pytest.mark.parametrize("command", ["", *sorted(COMMANDS)])
def test_help_is_swedish_by_default(command: str) -> None:
    result = CliRunner().invoke(cli, [*command.split(), "--help"], prog_name="iop")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Användning: iop")
    assert "Flaggor:" in result.output and "Visa den här hjälpen och avsluta." in result.output
    for english in ENGLISH_FRAME:
        assert english not in result.output, english
    assert " / " not in result.output  # option help shows one language, not both


def test_help_in_english_on_request() -> None:
    result = CliRunner().invoke(cli, ["--lang", "en", "lint", "--help"], prog_name="iop")
    assert result.exit_code == 0
    assert "Usage: iop lint [OPTIONS] PATHS..." in result.output
    assert "Show this message and exit." in result.output and "Lint profile." in result.output
    assert "Granskningsprofil" not in result.output
    swedish_again = CliRunner().invoke(cli, ["lint", "--help"], prog_name="iop")
    assert "Användning: iop lint [FLAGGOR] SÖKVÄG..." in swedish_again.output


def test_rules_usage_names_the_code_in_swedish() -> None:
    assert (
        "Användning: iop rules [FLAGGOR] [KOD]"
        in CliRunner().invoke(cli, ["rules", "--help"], prog_name="iop").output
    )


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_output_option_is_spelled_o_out(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "--output" not in result.output and "--outfile" not in result.output
    if "--out " in result.output or command in ("new", "diff", "render", "sign"):
        assert "-o, --out" in result.output, result.output


@pytest.mark.parametrize("command", ["", *sorted(COMMANDS)])
def test_command_help_in_english_on_request(command: str) -> None:
    from iop.help_en import HELP_EN

    assert (command or "iop") in HELP_EN, f"add English help for '{command}' to iop/help_en.py"
    result = CliRunner().invoke(cli, ["--lang", "en", *command.split(), "--help"], prog_name="iop")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Usage: iop")
    assert "Slutkod" not in result.output and "Användning" not in result.output
    for swedish in ("SÖKVÄG", "MAPP", "FIL", "ÅÅÅÅ", "GAMMAL", "FLAGGOR"):
        assert not re.search(rf"(?<![\w-]){swedish}(?![\w-])", result.output), swedish
    first_line = HELP_EN[command or "iop"].split("\n")[0][:30]
    assert first_line in result.output


@pytest.mark.parametrize("debug", [False, True])
def test_internal_error_is_short_unless_debug(
    debug: bool,
    example_files: list[object],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An internal error is one Swedish line and exit 3; ``iop --debug`` adds the traceback."""
    import sys

    from iop import cli as cli_module
    from iop.lint.ruleset import RuleSet

    def broken(cls: object, paths: object = None) -> RuleSet:
        raise RuntimeError("trasig regeluppsättning")

    monkeypatch.setattr(RuleSet, "load", classmethod(broken))
    monkeypatch.setattr(cli_module, "_DEBUG", [False])
    args = ["iop", *(["--debug"] if debug else []), "lint", "--no-cache", str(example_files[0])]
    monkeypatch.setattr(sys, "argv", args)
    with pytest.raises(SystemExit) as exit_info:
        cli_module.main()
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert "iop: internt fel: RuntimeError: trasig regeluppsättning" in err
    assert ("Traceback (most recent call last)" in err) == debug
    assert ('raise RuntimeError("trasig regeluppsättning")' in err) == debug
