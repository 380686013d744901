"""Money and frequency as agreements state them, in the structural rules (issue 9)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from iop.diagnostics import Diagnostic
from iop.lint.checks.thresholds import in_force
from iop.lint.config import LintConfig
from iop.lint.document import lint_document
from iop.loader import loads

from .conftest import dump, merge, shared_ruleset


def _lint(data: dict[str, Any]) -> list[Diagnostic]:
    doc = loads(dump(data).encode(), "avtal.yaml")
    return lint_document(doc, shared_ruleset(), profile="bas", config=LintConfig())


def _term(base: dict[str, Any], start: str, end: str, public: Any) -> dict[str, Any]:
    return merge(
        base,
        {
            "tidsram": {"start": start, "slut": end, "förlängning": None},
            "ekonomi": {
                "resurser": [
                    {
                        "part": "kommunen",
                        "slag": "ekonomiskt",
                        "belopp_per_år": public,
                        "beskrivning": "Medel.",
                    },
                    {
                        "part": "foreningen",
                        "slag": "immateriellt",
                        "belopp_per_år": 400000,
                        "beskrivning": "Tid.",
                    },
                ]
            },
        },
    )


def test_2021_agreement_is_compared_with_the_limit_then_in_force(base_data: dict[str, Any]) -> None:
    found = [d for d in _lint(_term(base_data, "2021-03-01", "2022-02-28", 650000)) if d.rule == "STR214"]
    assert len(found) == 1
    message = found[0].message["sv"]
    assert "650\u00a0000\u00a0kr, överstiger direktupphandlingsgränsen" in message
    assert "615\u00a0312\u00a0kr, gällde 2020-01-01–2021-12-31" in message


def test_2024_agreement_with_the_same_amount_gets_none(base_data: dict[str, Any]) -> None:
    found = [d for d in _lint(_term(base_data, "2024-03-01", "2025-02-28", 650000)) if d.rule == "STR214"]
    assert found == []


@pytest.mark.parametrize(
    ("day", "amount"),
    [
        ("2014-03-01", 270964),
        ("2014-07-01", 505800),
        ("2017-05-01", 534890),
        ("2019-12-31", 586907),
        ("2021-03-01", 615312),
        ("2022-01-15", 626284),
        ("2022-02-01", 700000),
        ("2025-01-01", 700000),
    ],
)
def test_direct_award_limit_back_to_2014(day: str, amount: int) -> None:
    assert in_force("direktupphandlingsgrans", dt.date.fromisoformat(day)).amount == amount


def test_social_services_limits_by_period() -> None:
    assert in_force("sociala-tjanster", dt.date(2015, 6, 1)).amount is None  # B services: no threshold
    assert in_force("sociala-tjanster", dt.date(2021, 3, 1)).amount == 7701675
    assert in_force("direktupphandlingsgrans-sociala-tjanster", dt.date(2021, 3, 1)).amount == 615312
    assert in_force("direktupphandlingsgrans-sociala-tjanster", dt.date(2023, 3, 1)).amount == 7802550
    assert in_force("direktupphandlingsgrans-valfardstjanster", dt.date(2021, 3, 1)).amount == 2156469
    assert in_force("direktupphandlingsgrans-valfardstjanster", dt.date(2023, 3, 1)).amount is None
    limit = in_force("direktupphandlingsgrans", dt.date(2021, 3, 1))
    assert limit.until == dt.date(2021, 12, 31) and limit.source["sv"]


def test_a_ceiling_is_compared_at_its_top(base_data: dict[str, Any]) -> None:
    found = [
        d
        for d in _lint(_term(base_data, "2025-01-01", "2025-12-31", {"högst": 800000}))
        if d.rule == "STR214"
    ]
    assert len(found) == 1 and "högst 800\u00a0000\u00a0kr" in found[0].message["sv"]


def test_unvalued_in_kind_resources_are_contributions_flagged_for_valuation(
    base_data: dict[str, Any],
) -> None:
    data = merge(
        base_data,
        {
            "ekonomi": {
                "resurser": [
                    {
                        "part": "kommunen",
                        "slag": "ekonomiskt",
                        "belopp_per_år": 400000,
                        "beskrivning": "Medel.",
                    },
                    {
                        "parter": ["kommunen", "foreningen"],
                        "slag": "materiellt",
                        "värderad": False,
                        "beskrivning": "Lokaler och personal.",
                    },
                ]
            }
        },
    )
    found = _lint(data)
    assert not [d for d in found if d.rule == "STR201"]
    assert not any("bidrar inte med någon resurs" in d.message["sv"] for d in found)
    [flag] = [d for d in found if d.rule == "STR226"]
    assert flag.path == ("ekonomi", "resurser", 1) and "har inte värderats" in flag.message["sv"]


def test_seldom_meetings_and_follow_up(base_data: dict[str, Any]) -> None:
    data = merge(
        base_data,
        {
            "styrgrupp": {"möten_per_år": {"vid_behov": True}},
            "grupper": [{"namn": "Arbetsgrupp", "möten_per_år": {"intervall_månader": 24}}],
            "uppföljning": {"gånger_per_år": {"intervall_månader": 24}},
        },
    )
    found = {(d.rule, d.path): d for d in _lint(data)}
    assert "följs upp vartannat år" in found[("STR207", ("uppföljning", "gånger_per_år"))].message["sv"]
    assert "Styrgruppen möts vid behov" in found[("STR225", ("styrgrupp", "möten_per_år"))].message["sv"]
    assert ("STR225", ("grupper", 0, "möten_per_år")) in found


@pytest.mark.parametrize(
    ("start", "end", "dates"),
    [
        ("2019-01-01", "2020-12-31", ["2019-11-30", "2020-09-30"]),
        ("2023-03-01", "2025-02-28", ["2023-11-30", "2024-11-30"]),
    ],
)
def test_one_follow_up_date_a_year_is_enough_across_a_leap_day(
    base_data: dict[str, Any], start: str, end: str, dates: list[str]
) -> None:
    data = merge(
        base_data,
        {"tidsram": {"start": start, "slut": end}, "uppföljning": {"gånger_per_år": {"datum": dates}}},
    )
    assert not [d for d in _lint(data) if d.rule == "STR207"]
    data["uppföljning"]["gånger_per_år"]["datum"] = dates[:1]
    assert [d for d in _lint(data) if d.rule == "STR207"]
