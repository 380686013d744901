"""The matcher grammar on Swedish as written: inflection, compounds, numbers, negation, co-occurrence."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop.lint.rules import Rule, RulePackError, load_rules
from iop.lint.text import scan
from iop.lint.text.tokens import tokenize


def rule_from(tmp_path: Path, match: str, extra: str = "") -> Rule:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        f"""pack: test
rules:
  TST101:
    name: test
    category: köp-av-tjänst
    message: {{sv: "”{{match}}” test", en: "“{{match}}” test"}}
{extra}
    match:
{match}
""",
        encoding="utf-8",
    )
    return load_rules([pack])["TST101"]


def found(rule: Rule, text: str) -> list[str]:
    return [text[a:b] for a, b in scan(text, rule)]


def test_word_matches_inflections(tmp_path: Path) -> None:
    rule = rule_from(tmp_path, "      any: [plats, faktura]")
    assert found(rule, "Platsen, platserna och två platser.") == ["Platsen", "platserna", "platser"]
    assert found(rule, "Fakturan och fakturorna") == ["Fakturan", "fakturorna"]
    assert found(rule, "Plattformen är platt.") == []


def test_prefix_suffix_and_compounds(tmp_path: Path) -> None:
    rule = rule_from(tmp_path, '      any: ["*pris", "beställ*"]')
    assert found(rule, "Timpriset och styckpriserna; pris; beställningen") == [
        "Timpriset",
        "styckpriserna",
        "pris",
        "beställningen",
    ]
    assert found(rule, "Prisma och prisvärd") == []


def test_case_sensitive_abbreviation_and_hyphen_parts(tmp_path: Path) -> None:
    rule = rule_from(tmp_path, "      any: [LOV, LSS]")
    assert found(rule, "enligt LOV och LSS-insatser") == ["LOV", "LSS-insatser"]
    assert found(rule, "under sommarlovet fick de lov") == []


def test_numbers_with_thousands_separators(tmp_path: Path) -> None:
    rule = rule_from(tmp_path, '      any: ["{num} kr per {deltagare|plats}"]')
    assert found(rule, "Ersättning 1 194 500 kr per plats.") == ["1 194 500 kr per plats"]
    assert found(rule, "Ersättning 12,5 kr per deltagare.") == ["12,5 kr per deltagare"]
    assert [t.text for t in tokenize("1 194 500 kr")] == ["1 194 500", "kr"]


def test_phrase_gap_optional_and_multiword_alternative(tmp_path: Path) -> None:
    rule = rule_from(tmp_path, '      any: ["{enligt|i enlighet med} kommunens? ... anvisningar"]')
    assert found(rule, "Arbetet sker i enlighet med kommunens skriftliga anvisningar.") == [
        "i enlighet med kommunens skriftliga anvisningar"
    ]
    assert found(rule, "Arbetet sker enligt anvisningar.") == ["enligt anvisningar"]
    assert found(rule, "Enligt planen. Anvisningar kommer senare.") == []


def test_any_word_except(tmp_path: Path) -> None:
    rule = rule_from(tmp_path, '      any: ["{num} kr per {!år|månad}"]')
    assert found(rule, "Priset är 900 kr per måltid.") == ["900 kr per måltid"]
    assert found(rule, "Kommunen bidrar med 300 000 kr per år.") == []


def test_wide_gap(tmp_path: Path) -> None:
    rule = rule_from(tmp_path, '      any: ["bidrag ...8 ordinarie verksamhet"]')
    text = "Bidraget får användas fritt inom föreningens ordinarie verksamhet."
    assert found(rule, text) == [text[: text.index(".")]]
    narrow = rule_from(tmp_path, '      any: ["bidrag ... ordinarie verksamhet"]')
    assert found(narrow, text) == []


@pytest.mark.parametrize(
    "text",
    ["Verksamheten står inte under tillsyn av IVO.", "Det finns inte under några omständigheter en marknad."],
)
def test_comparison_word_without_number_still_denies(tmp_path: Path, text: str) -> None:
    rule = rule_from(tmp_path, "      any: [IVO, marknad]")
    assert found(rule, text) == []


def test_comparison_with_number_is_not_denial(tmp_path: Path) -> None:
    rule = rule_from(tmp_path, '      any: ["{num} platser"]')
    assert found(rule, "Föreningen tillhandahåller inte mindre än 40 platser.") == ["40 platser"]


@pytest.mark.parametrize(
    "text",
    [
        "Överenskommelsen är inte ett köp av tjänst.",
        "Det är varken ett köp av tjänst eller ett bidrag.",
        "Partnerskapet, till skillnad från ett köp av tjänst, bygger på samverkan.",
        "Samverkan sker utan att kommunen gör något köp av tjänst.",
        "Något köp av tjänst förekommer inte.",
        "Köp av tjänst ingår inte i partnerskapet.",
        "Det är inte ett bidrag till föreningen eller ett köp av tjänst.",
    ],
)
def test_negation_suppresses(tmp_path: Path, text: str) -> None:
    rule = rule_from(tmp_path, '      any: ["köp av tjänst"]')
    assert found(rule, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Kommunen gör ett köp av tjänst.",
        "Det finns inget avtal, men kommunen gör ett köp av tjänst.",
        "Om föreningen inte kan, gör kommunen ett köp av tjänst.",
    ],
)
def test_negation_scope_is_local(tmp_path: Path, text: str) -> None:
    rule = rule_from(tmp_path, '      any: ["köp av tjänst"]')
    assert found(rule, text) == ["köp av tjänst"]


def test_condition_is_not_denial(tmp_path: Path) -> None:
    rule = rule_from(tmp_path, "      any: [leverera*]")
    assert found(rule, "Avtalet hävs om föreningen inte levererar.") == ["levererar"]


def test_with_requires_cooccurrence_in_sentence(tmp_path: Path) -> None:
    rule = rule_from(tmp_path, "      any: [hävning*]\n      with: [leverans*]\n      negation: false")
    assert found(rule, "Hävning får ske vid utebliven leverans.") == ["Hävning"]
    assert found(rule, "Hävning får ske vid väsentligt avtalsbrott. Leveransen sker i maj.") == []


def test_unless_vetoes_sentence(tmp_path: Path) -> None:
    rule = rule_from(tmp_path, '      any: ["{num} timmar"]\n      unless: [volontär*]')
    assert found(rule, "Föreningen utför 300 timmar.") == ["300 timmar"]
    assert found(rule, "Volontärerna bidrar med 300 timmar.") == []


def test_absent_mode(tmp_path: Path) -> None:
    rule = rule_from(tmp_path, "      mode: absent\n      any: [drogfri*]")
    assert scan("Verksamheten är drogfri.", rule) == []
    assert scan("Verksamheten är öppen.", rule) == [(0, 0)]


def test_extra_terms_param(tmp_path: Path) -> None:
    rule = rule_from(tmp_path, "      any: [vite]")
    assert scan("Ett prisavdrag görs.", rule) == []
    assert scan("Ett prisavdrag görs.", rule, {"extra_terms": ["prisavdrag"]}) == [(4, 14)]


def test_abbreviation_does_not_split_sentence() -> None:
    tokens = tokenize("Bistånd enligt 4 kap. 1 § SoL ges t.ex. till unga. Nästa mening.")
    sentences = {t.text: t.sentence for t in tokens}
    assert sentences["Bistånd"] == sentences["SoL"] == sentences["unga"]
    assert sentences["Nästa"] == sentences["unga"] + 1


def test_bad_pattern_names_file_and_rule(tmp_path: Path) -> None:
    with pytest.raises(RulePackError) as err:
        rule_from(tmp_path, '      any: ["enligt ..."]')
    assert err.value.message["sv"].startswith("pack.yaml:9:13: TST101: 'match': any: 'enligt ...'")
    assert "'...'" in err.value.message["en"]


def test_real_rules_load() -> None:
    rules = load_rules()
    assert {"LOU101", "LOU104", "LOU113"} <= set(rules)
    assert rules["LOU113"].severity == "error"


@pytest.mark.parametrize(
    ("text", "hits"),
    [
        ("Lokalen upplåts utan avdrag för hyran.", []),
        ("Stödet ges utan något avdrag.", []),
        ("Stödet ges utan krav på avdrag.", []),
        ("Ställs en träff in utan giltigt skäl gör regionen ett avdrag.", ["avdrag"]),
    ],
)
def test_utan_denies_only_its_noun_phrase(tmp_path: Path, text: str, hits: list[str]) -> None:
    rule = rule_from(tmp_path, "      any: [avdrag]")
    assert found(rule, text) == hits


@pytest.mark.parametrize(
    ("text", "hits"),
    [
        ("Föreningen genomför minst tvåhundra hembesök.", ["tvåhundra hembesök"]),
        ("Föreningen genomför minst tjugofem hembesök.", ["tjugofem hembesök"]),
        ("Föreningen genomför hembesök hos en entusiast.", []),
    ],
)
def test_compound_number_words_are_numbers(tmp_path: Path, text: str, hits: list[str]) -> None:
    rule = rule_from(tmp_path, '      any: ["{num} hembesök"]')
    assert found(rule, text) == hits


@pytest.mark.parametrize(
    ("text", "hits"),
    [
        ("Uppfylls inte målen görs ett avdrag.", ["avdrag"]),
        ("Lämnar föreningen inte rapporten i tid görs ett avdrag.", ["avdrag"]),
        ("Kommunen gör inte något avdrag.", []),
        ("Omfattar inte avdrag av något slag.", []),
        ("Omfattas inte av något senare avdrag.", []),
    ],
)
def test_verb_first_condition_does_not_deny_the_sanction(tmp_path: Path, text: str, hits: list[str]) -> None:
    rule = rule_from(tmp_path, "      any: [avdrag]")
    assert found(rule, text) == hits


@pytest.mark.parametrize(
    ("text", "hits"),
    [
        ("Partnerskapet omfattar inte insatser som kräver biståndsbeslut.", []),
        ("Avtalet omfattar inte stöd som ges som biståndsbeslut enligt lagen.", []),
        ("Partnerskapet ingår inte i det arbete som kräver biståndsbeslut.", []),
        ("Föreningen utför inte läxhjälp, men insatser som kräver biståndsbeslut ingår.", ["biståndsbeslut"]),
        (
            "Partnerskapet gäller inte kvällar och insatser som kräver biståndsbeslut ingår.",
            ["biståndsbeslut"],
        ),
        ("Föreningen utför insatser som kräver biståndsbeslut.", ["biståndsbeslut"]),
        ("Kommunen gör inte detta, utan utför insatser som kräver biståndsbeslut.", ["biståndsbeslut"]),
    ],
)
def test_negated_inclusion_reaches_its_relative_clause(tmp_path: Path, text: str, hits: list[str]) -> None:
    rule = rule_from(tmp_path, "      any: [biståndsbeslut]")
    assert found(rule, text) == hits


def test_inserted_utan_phrase_does_not_deny(tmp_path: Path) -> None:
    """An "utan ..." phrase set off by commas inside a match is manner, not a denial."""
    rule = rule_from(tmp_path, '      any: ["nämnden ...6 ändra"]')
    assert found(rule, "Nämnden äger att, utan föregående samråd, ändra målgruppen.") != []
    assert found(rule, "Nämnden får inte ändra målgruppen.") == []
    assert found(rule, "Nämnden får, inte heller efter samråd, ändra målgruppen.") == []
