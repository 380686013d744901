"""Malformed rule packs give a clear two-language message naming the file and the rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from iop.lint.rules import RulePackError, load_rules, path_matches

GOOD = """pack: test
rules:
  TST101:
    name: test-regel
    category: köp-av-tjänst
    severity: warning
    message: {sv: "”{match}” test", en: "“{match}” test"}
    match: {any: [vite]}
"""


def write(tmp_path: Path, body: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def error(paths: list[Path]) -> dict[str, str]:
    with pytest.raises(RulePackError) as err:
        load_rules(paths)
    return err.value.message


def test_good_pack_loads(tmp_path: Path) -> None:
    rule = load_rules([write(tmp_path, GOOD)])["TST101"]
    assert (rule.severity, rule.kind, rule.fields, rule.pack) == ("warning", "text", ("**",), "test")


@pytest.mark.parametrize(
    ("change", "sv_part", "en_part"),
    [
        (
            ("severity: warning", "severity: högt"),
            "6:15: Värdet 'högt' är inte tillåtet för 'severity'",
            "The value 'högt' is not allowed for 'severity'",
        ),
        (
            ("    match:", "    matcha: 1\n    match:"),
            "8:5: Okänd nyckel 'matcha' i rules › TST101. Menade du 'match'?",
            "Unknown key 'matcha' in rules › TST101. Did you mean 'match'?",
        ),
        (('en: "“{match}” test"', 'fr: "x"'), "Okänd nyckel 'fr' i rules › TST101 › message", "Unknown key 'fr'"),
        (
            ("category: köp-av-tjänst", "category: inköp"),
            "5:15: Värdet 'inköp' är inte tillåtet för 'category'",
            "The value 'inköp' is not allowed for 'category'",
        ),
        (("TST101:", "tst1:"), "3:3: Nyckeln 'tst1' i rules har fel form för regelkod", "wrong form for rule code"),
        (
            ("{any: [vite]}", "{any: [vite], mode: sometimes}"),
            "Värdet 'sometimes' är inte tillåtet för 'mode'",
            "The value 'sometimes' is not allowed for 'mode'",
        ),
        (("{any: [vite]}", "{any: [vite], negation: ja}"), "'negation' ska vara sant eller falskt", "true or false"),
        (("{any: [vite]}", '{any: ["{vite|}"]}'), "tomt alternativ", "empty alternative"),
        (("{any: [vite]}", '{any: ["@okänd"]}'), "8:19: TST101: okänd ordlista @okänd", "unknown set @okänd"),
        (('{sv: "”{match}” test"', '{sv: "”{namn}” test"'), "platshållaren {match}", "placeholder {match}"),
        (('{sv: "”{match}” test"', '{sv: "”{match:>999999999}” test"'), "7:19: 'message.sv'", "{match}"),
        (("pack: test", "pack: Test Paket"), "'Test Paket' har fel form för 'pack'", "'pack'"),
        (("pack: test\n", ""), "'pack' (Paketets namn) saknas", "'pack' (Name of the pack) is missing"),
    ],
)
def test_pack_errors_name_file_line_and_column(
    tmp_path: Path, change: tuple[str, str], sv_part: str, en_part: str
) -> None:
    assert change[0] in GOOD
    message = error([write(tmp_path, GOOD.replace(*change))])
    assert re.match(r"pack\.yaml:\d+:\d+: ", message["sv"]), message["sv"]
    assert sv_part in message["sv"] and en_part in message["en"], message


def test_missing_english_message(tmp_path: Path) -> None:
    message = error([write(tmp_path, GOOD.replace(', en: "“{match}” test"', ""))])
    assert message["sv"].startswith("pack.yaml:7:5: Den obligatoriska uppgiften 'en' (Engelsk text) saknas")
    assert "rules › TST101 › message" in message["sv"]


def test_duplicate_code_across_packs(tmp_path: Path) -> None:
    a = write(tmp_path, GOOD, "a.yaml")
    b = write(tmp_path, GOOD.replace("pack: test", "pack: other"), "b.yaml")
    message = error([a, b])
    assert message["sv"].startswith("b.yaml:3:3: koden TST101 finns redan i a.yaml")
    assert "a.yaml" in message["en"]


def test_invalid_yaml_gives_position(tmp_path: Path) -> None:
    message = error([write(tmp_path, "pack: x\nrules: [\n")])
    assert message["sv"].startswith("pack.yaml:3:1: Filen är inte giltig YAML"), message["sv"]


def test_match_check_and_model_are_exclusive(tmp_path: Path) -> None:
    message = error([write(tmp_path, GOOD.replace("    match:", "    check: co_financing\n    match:"))])
    assert "högst en av" in message["sv"] and "at most one of" in message["en"]
    message = error([write(tmp_path, GOOD.replace("    match:", "    model: lou-modell.json\n    match:"))])
    assert "högst en av" in message["sv"]


@pytest.mark.parametrize("name", ["../hemlig.json", "/etc/passwd", "modell.pkl", "a/b.json", "42"])
def test_a_model_rule_names_a_plain_json_file(tmp_path: Path, name: str) -> None:
    body = GOOD.replace("    match: {any: [vite]}\n", f"    model: {name!r}\n")
    message = error([write(tmp_path, body)])
    assert "'model'" in message["sv"] and "lint/model/" in message["en"]


def test_a_model_rule_loads(tmp_path: Path) -> None:
    body = GOOD.replace("    match: {any: [vite]}\n", "    model: lou-modell.json\n")
    rule = load_rules([write(tmp_path, body)])["TST101"]
    assert (rule.kind, rule.model) == ("model", "lou-modell.json")


def test_field_globs() -> None:
    assert path_matches("**", ("ekonomi", "resurser", 0, "beskrivning"))
    assert path_matches("ekonomi.resurser.*.beskrivning", ("ekonomi", "resurser", 2, "beskrivning"))
    assert not path_matches("ekonomi.resurser.*", ("ekonomi", "resurser", 2, "beskrivning"))
    assert path_matches("insatser.**", ("insatser", 0, "beskrivning"))
    assert not path_matches("syfte", ("mål", "övergripande"))
