"""click's own usage errors reach the user in Swedish (English with --lang en), exit 2."""

from __future__ import annotations

import subprocess

import pytest

from iop.usage_sv import translate


def _run(iop_exe: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([iop_exe, *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("validate",), "Fel: Argumentet PATHS... saknas."),
        (("lint", "--format", "xml", "x"), "Fel: Ogiltigt värde för --format: 'xml' är inte ett av"),
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


def test_unknown_lines_pass_through_unchanged() -> None:
    assert translate("Något helt annat.") == "Något helt annat."
    assert translate("Got unexpected extra argument (x)") == "Oväntat extra argument: x."
