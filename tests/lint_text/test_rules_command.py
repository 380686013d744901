"""``iop rules`` through its real entry point."""

from __future__ import annotations

import subprocess

from iop.lint.rules import load_rules


def run(iop_exe: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([iop_exe, "rules", *args], capture_output=True, text=True, check=False)


def test_lists_every_rule_from_every_pack(iop_exe: str) -> None:
    result = run(iop_exe)
    assert result.returncode == 0
    codes = {
        line.split()[0] for line in result.stdout.splitlines() if line[:1].isupper() and line[:2].isalpha()
    }
    assert set(load_rules()) <= codes
    assert {"LOU104", "STR201", "SCH001"} <= codes
    assert "styckpris" in result.stdout and "fel" in result.stdout


def test_explains_one_rule_in_swedish_and_english(iop_exe: str) -> None:
    sv = run(iop_exe, "LOU104")
    assert sv.returncode == 0
    for heading in ("Förklaring", "Källa", "Skriv i stället", "Exempel som ger fynd", "Nära missar"):
        assert heading in sv.stdout
    rule = load_rules()["LOU104"]
    assert rule.examples.fires[0] in sv.stdout and rule.examples.passes[0] in sv.stdout
    en = run(iop_exe, "--lang", "en", "lou104")
    assert en.returncode == 0 and "Explanation" in en.stdout and "Write instead" in en.stdout


def test_unknown_code_exits_2_with_suggestion(iop_exe: str) -> None:
    result = run(iop_exe, "LOU1044")
    assert result.returncode == 2
    assert "LOU104" in result.stderr and "Menade du" in result.stderr


def test_json_listing(iop_exe: str) -> None:
    import json

    data = json.loads(run(iop_exe, "--format", "json", "LOU113").stdout)
    assert data["rules"][0]["code"] == "LOU113" and data["rules"][0]["severity"] == "error"
