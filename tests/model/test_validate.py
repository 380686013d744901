"""Validation messages: one clear message per place, with position, in both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from model_contract import MANDATORY

from iop.diagnostics import Diagnostic
from iop.i18n import tr
from iop.report.text import format_diagnostic


def source_line(d: Diagnostic) -> str:
    return Path(d.file).read_text(encoding="utf-8").splitlines()[d.line - 1]


def only(diags: list[Diagnostic]) -> Diagnostic:
    assert len(diags) == 1, [format_diagnostic(d, "sv") for d in diags]
    return diags[0]


def test_referens_validates_clean(check: Any, referens: Any) -> None:
    assert check(referens) == []


@pytest.mark.parametrize("section", MANDATORY)
def test_missing_mandatory_section_is_named_with_a_line(check: Any, referens: Any, section: str) -> None:
    del referens[section]
    d = only(check(referens))
    assert d.rule == "SCH001"
    assert d.path == (section,)
    assert f"'{section}'" in d.message["sv"] and "saknas" in d.message["sv"]
    assert f"'{section}'" in d.message["en"] and "missing" in d.message["en"]
    assert d.line >= 1 and d.column == 1
    assert source_line(d).strip() and not source_line(d).startswith("#")


@pytest.mark.parametrize("clause", ["omförhandling", "uppsägning", "hävning", "tvist"])
def test_missing_clause_points_at_the_parent_section(check: Any, referens: Any, clause: str) -> None:
    del referens["omförhandling"][clause]
    d = only(check(referens))
    assert d.rule == "SCH001" and d.path == ("omförhandling", clause)
    assert source_line(d).startswith("omförhandling:")
    assert "i omförhandling" in d.message["sv"]


def test_missing_section_hint_lists_its_required_parts(check: Any, referens: Any) -> None:
    del referens["omförhandling"]
    d = only(check(referens))
    assert d.hint and "uppsägning, hävning och tvist" in d.hint["sv"]


def test_misspelt_section_gives_one_did_you_mean(check: Any, referens: Any) -> None:
    referens.insert(list(referens).index("målgrupp"), "malgrupp", referens.pop("målgrupp"))
    d = only(check(referens))
    assert d.rule == "SCH002" and d.path == ("malgrupp",)
    assert d.hint and "'målgrupp'" in d.hint["sv"] and "Did you mean 'målgrupp'" in d.hint["en"]
    assert source_line(d).startswith("malgrupp:")
    assert d.column == 1 and d.end_column == 1 + len("malgrupp")


def test_unknown_nested_key_points_at_the_key(check: Any, referens: Any) -> None:
    referens["styrgrupp"]["moten_per_ar"] = 4
    d = only(check(referens))
    assert d.rule == "SCH002" and d.path == ("styrgrupp", "moten_per_ar")
    assert d.hint and "möten_per_år" in d.hint["sv"]
    line = source_line(d)
    assert line[d.column - 1 :].startswith("moten_per_ar")


def test_key_at_the_wrong_level_says_where_it_belongs(check: Any, referens: Any) -> None:
    referens["uppsägning"] = "Tre månader."
    d = only(check(referens))
    assert d.rule == "SCH002"
    assert d.hint and "omförhandling" in d.hint["sv"]


def test_enum_lists_allowed_values_and_guesses(check: Any, referens: Any) -> None:
    referens["parter"][1]["typ"] = "ideburen"
    d = only(check(referens))
    assert d.rule == "SCH004" and d.path == ("parter", 1, "typ")
    assert "offentlig, idéburen" in d.message["sv"]
    assert d.hint and "'idéburen'" in d.hint["sv"]
    assert source_line(d).strip() == "typ: ideburen"


def test_status_not_allowed_lists_the_lifecycle(check: Any, referens: Any) -> None:
    referens["status"] = "klar"
    d = only(check(referens))
    assert d.rule == "SCH004"
    assert "utkast, beslutad, undertecknad, gällande, avslutad" in d.message["sv"]


@pytest.mark.parametrize(
    ("path", "value", "word_sv", "word_en"),
    [
        (("beslut", 0, "paragraf"), 45, "en text", "a text"),
        (("ekonomi", "resurser", 0, "belopp_per_år"), "553 200", "ett heltal", "a whole number"),
        (("mål", "delmål"), "Ett mål.", "en lista", "a list"),
        (("styrgrupp",), "Kommunen leder.", "en samling nycklar", "a mapping"),
    ],
)
def test_wrong_type_names_the_expected_type_in_words(
    check: Any, referens: Any, path: tuple[Any, ...], value: Any, word_sv: str, word_en: str
) -> None:
    parent = referens
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    d = only(check(referens))
    assert d.rule == "SCH003" and d.path == path
    assert word_sv in d.message["sv"] and word_en in d.message["en"]


def test_unquoted_number_for_text_suggests_quotes(check: Any, referens: Any) -> None:
    referens["parter"][0]["organisationsnummer"] = 2120000001
    d = only(check(referens))
    assert d.rule == "SCH003"
    assert d.hint and '"2120000001"' in d.hint["sv"]


def test_empty_text_is_reported_as_empty(check: Any, referens: Any) -> None:
    referens["syfte"] = "   "
    d = only(check(referens))
    assert d.rule == "SCH006" and "tomt" in d.message["sv"]


def test_empty_section_value_is_reported_as_empty(check: Any, referens: Any) -> None:
    referens["syfte"] = None
    d = only(check(referens))
    assert d.rule == "SCH006" and d.path == ("syfte",)


def test_impossible_date_is_a_format_error_at_its_position(check: Any) -> None:
    source = (Path(__file__).resolve().parents[2] / "schema" / "referens.yaml").read_text(encoding="utf-8")
    assert "start: 2025-01-01" in source
    diags = check(source.replace("start: 2025-01-01", "start: 2025-02-30"))
    d = only(diags)
    assert d.rule == "SCH005" and d.path == ("tidsram", "start")
    assert "2025-02-30" in d.message["sv"] and "ÅÅÅÅ-MM-DD" in (d.hint or {})["sv"]
    assert source_line(d)[d.column - 1 :].startswith("2025-02-30")


def test_bad_slug_suggests_a_fixed_one(check: Any, referens: Any) -> None:
    referens["id"] = "Malmö FC Rosengård"
    d = only(check(referens))
    assert d.rule == "SCH005"
    assert d.hint and "malmo-fc-rosengard" in d.hint["sv"]


def test_one_party_only_says_which_type_is_missing(check: Any, referens: Any) -> None:
    del referens["parter"][1]
    diags = check(referens)
    at_parter = [d for d in diags if d.path == ("parter",)]
    assert len(at_parter) == 1 and at_parter[0].rule == "SCH008"
    assert "idéburen" in at_parter[0].message["sv"]


def test_empty_list_needs_entries(check: Any, referens: Any) -> None:
    referens["insatser"] = []
    d = only(check(referens))
    assert d.rule == "SCH006" and d.path == ("insatser",)
    assert "minst 1" in d.message["sv"]


def test_both_party_types_are_required(check: Any, referens: Any) -> None:
    referens["parter"][0]["typ"] = "idéburen"
    d = only(check(referens))
    assert d.rule == "SCH008" and "offentlig" in d.message["sv"]
    assert source_line(d).startswith("parter:")


def test_a_typo_in_typ_does_not_also_report_the_missing_type(check: Any, referens: Any) -> None:
    referens["parter"][0]["typ"] = "offentligt"
    d = only(check(referens))
    assert d.rule == "SCH004"


def test_number_below_minimum(check: Any, referens: Any) -> None:
    """Too seldom is the lint profile's call; a negative count is invalid input."""
    referens["styrgrupp"]["möten_per_år"] = 0
    assert check(referens) == []
    referens["styrgrupp"]["möten_per_år"] = -1
    d = only(check(referens))
    assert d.rule == "SCH007" and "minst 0" in d.message["sv"]


def test_english_messages_are_english(check: Any, referens: Any) -> None:
    del referens["målgrupp"]
    d = only(check(referens))
    assert tr(d.message, "en").startswith("The required section 'målgrupp' (Target group)")
    assert d.hint and "Whom the partnership is for" in d.hint["en"]
    assert format_diagnostic(d, "en").splitlines()[1].strip().startswith("place: målgrupp")
    assert format_diagnostic(d, "sv").splitlines()[1].strip().startswith("plats: målgrupp")


# --- cross-field checks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        ("insatser", 0, "part"),
        ("styrgrupp", "ledamöter", 1, "part"),
        ("styrgrupp", "sammankallande", "part"),
        ("ekonomi", "resurser", 1, "part"),
        ("underskrifter", 0, "part"),
    ],
)
def test_part_must_refer_to_a_declared_party(check: Any, referens: Any, path: tuple[Any, ...]) -> None:
    parent = referens
    for part in path[:-1]:
        parent = parent[part]
    parent["part"] = "foreningenn"
    d = only(check(referens))
    assert d.rule == "SCH050" and d.path == path
    assert "kommunen, foreningen" in d.message["sv"]
    assert d.hint and "'foreningen'" in d.hint["sv"]
    assert source_line(d).strip().endswith("foreningenn")


def test_duplicate_party_id(check: Any, referens: Any) -> None:
    referens["parter"][1]["id"] = "kommunen"
    diags = check(referens)
    dup = [d for d in diags if d.rule == "SCH051"]
    assert len(dup) == 1 and dup[0].path == ("parter", 1, "id")


def test_end_must_be_after_start(check: Any, referens: Any) -> None:
    referens["tidsram"]["slut"] = referens["tidsram"]["start"]
    d = only(check(referens))
    assert d.rule == "SCH052" and d.path == ("tidsram", "slut")


@pytest.mark.parametrize("number", ["212000-0002", "2120000002", "802000-0001"])
def test_organisation_number_luhn(check: Any, referens: Any, number: str) -> None:
    referens["parter"][0]["organisationsnummer"] = number
    d = only(check(referens))
    assert d.rule == "SCH053" and d.path == ("parter", 0, "organisationsnummer")
    assert "kontrollsiffra" in d.message["sv"]


@pytest.mark.parametrize("number", ["212000-001", "21200000011", "212000_0001", "abcdef-ghij"])
def test_organisation_number_ten_digits(check: Any, referens: Any, number: str) -> None:
    referens["parter"][0]["organisationsnummer"] = number
    d = only(check(referens))
    assert d.rule == "SCH053" and "tio siffror" in d.message["sv"]


@pytest.mark.parametrize("number", ["2120000001", "212000-0001", "802000-0009", "556036-0793"])
def test_valid_organisation_numbers_pass(check: Any, referens: Any, number: str) -> None:
    referens["parter"][0]["organisationsnummer"] = number
    assert check(referens) == []


def test_change_log_version_above_agreement_version(check: Any, referens: Any) -> None:
    referens["ändringar"][0]["version"] = 2
    d = only(check(referens))
    assert d.rule == "SCH054" and d.path == ("ändringar", 0, "version")


def test_change_log_duplicate_version(check: Any, referens: Any) -> None:
    referens["version"] = 2
    referens["ändringar"].append(dict(referens["ändringar"][0]))
    d = only(check(referens))
    assert d.rule == "SCH055" and d.path == ("ändringar", 1, "version")


def test_diagnostics_are_sorted_by_position(check: Any, referens: Any) -> None:
    referens["status"] = "klar"
    referens["parter"][1]["typ"] = "x"
    del referens["syfte"]
    referens["tidsram"]["slut"] = "2020-01-01"
    diags = check(referens)
    assert len(diags) == 4
    assert [(d.line, d.column) for d in diags] == sorted((d.line, d.column) for d in diags)
