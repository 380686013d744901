"""Money, groups, frequencies and further sections as real agreements state them (issue 9).

Each bad value must get a Swedish message with the line and column of the value
and an error; a draft may be incomplete (warnings), a decided agreement may not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml.comments import CommentedMap

from iop.diagnostics import Diagnostic


def source_line(d: Diagnostic) -> str:
    return Path(d.file).read_text(encoding="utf-8").splitlines()[d.line - 1]


def errors(found: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in found if d.severity == "error"]


def resources(referens: Any) -> Any:
    return referens["ekonomi"]["resurser"]


def test_new_shapes_validate(check: Any, referens: Any) -> None:
    res = resources(referens)
    res[0]["belopp_per_år"] = {"cirka": 3700000, "högst": 4000000}
    res[1]["belopp_per_år"] = {"formel": {"kronor_per_enhet": 5, "enhet": "invånare", "antal": 68000}}
    res.append(
        CommentedMap(
            {
                "parter": ["kommunen", "foreningen"],
                "slag": "materiellt",
                "värderad": False,
                "beskrivning": "Lokaler.",
            }
        )
    )
    res.append(
        CommentedMap(
            {
                "part": "kommunen",
                "slag": "ekonomiskt",
                "per_avtalsår": [{"år": 2025, "belopp": 100000}, {"år": 2027, "belopp": {"högst": 200000}}],
                "indexering": {"beskrivning": "Räknas upp med PKV.", "procent_per_år": 2.5},
            }
        )
    )
    referens["styrgrupp"]["möten_per_år"] = {"minst": 2, "vid_behov": True}
    referens["uppföljning"]["gånger_per_år"] = {"intervall_månader": 24, "datum": ["2026-05-31"]}
    referens["grupper"] = [
        {
            "namn": "Samverkansgrupp",
            "nivå": "operativ",
            "mandat": "Planerar arbetet.",
            "ledamöter": [{"part": "foreningen", "funktion": "Samordnare"}],
            "möten_per_år": 6,
        }
    ]
    referens["övriga_avsnitt"] = [
        {
            "rubrik": "Marknadsföring",
            "text": "Text.",
            "underavsnitt": [{"rubrik": "Logotyper", "text": "Text."}],
        }
    ]
    assert check(referens) == []


@pytest.mark.parametrize(
    ("where", "value", "code", "words"),
    [
        (
            "belopp_per_år",
            {"cirka": 500000, "högst": 400000},
            "SCH057",
            "Taket 400\u00a0000\u00a0kr är lägre",
        ),
        ("belopp_per_år", {"lägst": 500000, "högst": 400000}, "SCH057", "är högre än taket"),
        ("belopp_per_år", -5, "SCH007", "minst 0"),
        ("belopp_per_år", "3,7 miljoner", "SCH003", "ska vara ett heltal"),
        ("belopp_per_år", {"cirka": "mycket"}, "SCH003", "ska vara ett heltal"),
        ("belopp_per_år", {}, "SCH057", "ingen siffra"),
        (
            "per_avtalsår",
            [{"år": 2031, "belopp": 1000}],
            "SCH058",
            "utanför avtalstiden 2025-01-01–2027-12-31",
        ),
        ("per_avtalsår", [{"år": 2025, "belopp": -1}], "SCH007", "minst 0"),
        ("parter", ["kommunen", "okand"], "SCH050", "'okand' är inte en part"),
        ("värderad", "nej", "SCH003", "sant eller falskt"),
        ("indexering", {"beskrivning": "PKV", "procent_per_år": "två"}, "SCH003", "ska vara ett tal"),
    ],
)
def test_bad_money_gets_a_swedish_message_at_the_value(
    check: Any, referens: Any, where: str, value: Any, code: str, words: str
) -> None:
    resource = resources(referens)[0]
    if where == "parter":
        del resource["part"]
    if where in {"per_avtalsår", "värderad"}:
        del resource["belopp_per_år"]
    resource[where] = value
    found = errors(check(referens))
    assert [d.rule for d in found] == [code], [d.message["sv"] for d in found]
    d = found[0]
    assert words in d.message["sv"], d.message["sv"]
    assert d.line > 1 and d.column >= 1
    assert d.path[:3] == ("ekonomi", "resurser", 0)
    assert source_line(d).strip()


def test_a_resource_needs_a_party_and_a_value(check: Any, referens: Any) -> None:
    resource = resources(referens)[0]
    del resource["part"]
    del resource["belopp_per_år"]
    found = errors(check(referens))
    assert sorted(d.rule for d in found) == ["SCH056", "SCH059"]
    resource["part"] = "kommunen"
    resource["parter"] = ["kommunen", "foreningen"]
    resource["belopp_per_år"] = 1000
    resource["värderad"] = False
    found = errors(check(referens))
    assert sorted(d.rule for d in found) == ["SCH056", "SCH059"]


def test_money_cannot_be_unvalued(check: Any, referens: Any) -> None:
    resource = resources(referens)[0]
    del resource["belopp_per_år"]
    resource["värderad"] = False
    [d] = errors(check(referens))
    assert d.rule == "SCH059" and "ekonomisk resurs" in d.message["sv"]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ({"minst": -1}, "SCH007"),
        ({"datum": ["våren 2020"]}, "SCH005"),
        ({"varje": 2}, "SCH002"),
        ("ofta", "SCH003"),
    ],
)
def test_bad_frequency(check: Any, referens: Any, value: Any, code: str) -> None:
    referens["uppföljning"]["gånger_per_år"] = value
    [d] = errors(check(referens))
    assert d.rule == code and d.path[:2] == ("uppföljning", "gånger_per_år")


def test_group_member_must_name_a_party(check: Any, referens: Any) -> None:
    referens["grupper"] = [{"namn": "Arbetsgrupp", "ledamöter": [{"part": "kyrkan", "funktion": "Diakon"}]}]
    [d] = errors(check(referens))
    assert d.rule == "SCH050" and d.path == ("grupper", 0, "ledamöter", 0, "part")


def test_further_section_needs_a_heading(check: Any, referens: Any) -> None:
    referens["övriga_avsnitt"] = [{"text": "Text utan rubrik."}]
    [d] = errors(check(referens))
    assert d.rule == "SCH001" and d.path == ("övriga_avsnitt", 0, "rubrik")


def test_decided_agreement_needs_decisions_and_registration(check: Any, referens: Any) -> None:
    del referens["beslut"]
    del referens["diarienummer"]
    found = errors(check(referens))
    assert sorted(d.rule for d in found) == ["SCH060", "SCH061"]
    msg = next(d for d in found if d.rule == "SCH061").message["sv"]
    assert "status 'beslutad' men saknar beslut för Exempelstads kommun (kommunen)" in msg


def test_each_decision_needs_organ_date_and_paragraph(check: Any, referens: Any) -> None:
    del referens["beslut"][0]["paragraf"]
    [d] = errors(check(referens))
    assert d.rule == "SCH061" and "saknar paragraf" in d.message["sv"] and d.path == ("beslut", 0)


def test_several_public_parties_each_need_a_decision(check: Any, referens: Any) -> None:
    referens["parter"].append(
        {
            "id": "regionen",
            "namn": "Region Exempel",
            "typ": "offentlig",
            "organisationsnummer": "232100-0016",
            "företräds_av": "Regionstyrelsen",
        }
    )
    [d] = errors(check(referens))
    assert (
        d.rule == "SCH061"
        and "Exempelstads kommun" in d.message["sv"]
        and "Region Exempel" in d.message["sv"]
    )
    referens["beslut"][0]["part"] = "kommunen"
    referens["beslut"].append(
        {"part": "regionen", "organ": "Regionstyrelsen", "datum": "2025-03-01", "paragraf": "§ 3"}
    )
    assert errors(check(referens)) == []


def test_signed_agreement_needs_every_signature(check: Any, referens: Any) -> None:
    referens["status"] = "gällande"
    referens["underskrifter"].pop()
    [d] = errors(check(referens))
    assert d.rule == "SCH062" and "Föreningen Exempel (foreningen)" in d.message["sv"]


def test_a_draft_may_be_incomplete_and_says_what_remains(check: Any, referens: Any) -> None:
    referens["status"] = "utkast"
    del referens["beslut"]
    referens["parter"][1]["organisationsnummer"] = ""
    referens["syfte"] = None
    del referens["målgrupp"]
    found = check(referens)
    assert found and all(d.severity == "warning" for d in found)
    [summary] = [d for d in found if d.rule == "SCH063"]
    for place in ("parter › 2 › organisationsnummer", "syfte", "målgrupp"):
        assert place in summary.message["sv"]
    assert "3 uppgift(er) återstår" in summary.message["sv"]
    # a wrong value is still an error in a draft
    referens["parter"][1]["organisationsnummer"] = "12"
    assert [d.rule for d in errors(check(referens))] == ["SCH053"]
