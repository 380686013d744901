"""Amounts as ranges, schedules, indexation, shared and unvalued resources, frequencies."""

from __future__ import annotations

import datetime as dt

from iop.budget import amounts_by_party_and_year, compute
from iop.frequency import follow_up, meetings, parse_frequency
from iop.money import Range, format_range, parse_amount


def _agreement(
    resources: list[dict[str, object]], start: str = "2025-01-01", end: str = "2027-12-31"
) -> dict[str, object]:
    return {
        "parter": [
            {"id": "kommunen", "namn": "Kommunen", "typ": "offentlig"},
            {"id": "a", "namn": "A", "typ": "idéburen"},
            {"id": "b", "namn": "B", "typ": "idéburen"},
        ],
        "ekonomi": {"resurser": resources},
        "tidsram": {"start": start, "slut": end},
    }


def test_amount_forms() -> None:
    assert parse_amount(553200) == Range(553200, 553200, 553200)
    assert parse_amount({"cirka": 3700000}) == Range(3700000, 3700000, 3700000, True)
    assert parse_amount({"högst": 4000000}) == Range(0, 4000000, 4000000)
    assert parse_amount({"lägst": 500000, "högst": 800000}) == Range(500000, 800000, 800000)
    formula = {"formel": {"kronor_per_enhet": 5, "enhet": "invånare", "antal": 68000}}
    assert parse_amount(formula) == Range(340000, 340000, 340000, True)
    assert parse_amount({}) is None and parse_amount("mycket") is None and parse_amount(None) is None


def test_ranges_read_as_agreements_write_them() -> None:
    nb = "\u00a0"
    assert format_range(Range.exact(553200)) == f"553{nb}200{nb}kr"
    assert format_range(Range(3700000, 3700000, 3700000, True)) == f"cirka 3{nb}700{nb}000{nb}kr"
    assert format_range(Range(0, 4000000, 4000000)) == f"högst 4{nb}000{nb}000{nb}kr"
    assert format_range(Range(500000, 800000, 800000)) == f"500{nb}000–800{nb}000{nb}kr"
    assert (
        format_range(Range(3700000, 3700000, 4000000, True))
        == f"cirka 3{nb}700{nb}000{nb}kr, högst 4{nb}000{nb}000{nb}kr"
    )


def test_term_totals_are_ranges_when_capped() -> None:
    budget = compute(
        _agreement(
            [
                {"part": "kommunen", "slag": "ekonomiskt", "belopp_per_år": {"högst": 1000000}},
                {"part": "a", "slag": "immateriellt", "belopp_per_år": 300000},
            ]
        )
    )
    kommunen = budget.party("kommunen")
    assert kommunen is not None and kommunen.total_range == Range(0, 3000000, 3000000)
    assert budget.total_range == Range(900000, 3900000, 3900000)
    assert budget.public_total_range.high == 3000000 and budget.approximate


def test_schedule_by_year_and_indexation() -> None:
    data = _agreement(
        [
            {
                "part": "kommunen",
                "slag": "ekonomiskt",
                "belopp_per_år": 100000,
                "per_avtalsår": [{"år": 2027, "belopp": 150000}],
                "indexering": {"beskrivning": "PKV", "procent_per_år": 10},
            },
            {
                "part": "a",
                "slag": "ekonomiskt",
                "belopp_per_år": 100000,
                "indexering": {"beskrivning": "PKV"},
            },
        ]
    )
    years = amounts_by_party_and_year(data)
    assert [r.nominal for r in years["kommunen"].values()] == [100000, 110000, 150000]
    assert list(years["kommunen"]) == ["2025", "2026", "2027"]
    # indexation without a stated rate: the later years are approximate
    assert [r.approximate for r in years["a"].values()] == [False, True, True]


def test_shared_and_unvalued_resources() -> None:
    budget = compute(
        _agreement(
            [
                {"parter": ["a", "b"], "slag": "immateriellt", "belopp_per_år": 100001},
                {"parter": ["kommunen", "a"], "slag": "materiellt", "värderad": False},
            ],
            end="2025-12-31",
        )
    )
    a, b, kommunen = budget.party("a"), budget.party("b"), budget.party("kommunen")
    assert a is not None and b is not None and kommunen is not None
    assert a.total + b.total == 100001 and {a.total, b.total} == {50001, 50000}
    assert a.resources == (0, 1) and a.unvalued == (1,) and kommunen.unvalued == (1,)
    assert kommunen.total == 0 and budget.total == 100001


def test_frequency_forms() -> None:
    start, end = dt.date(2025, 1, 1), dt.date(2027, 12, 31)
    assert parse_frequency(4) is not None
    seldom = parse_frequency({"intervall_månader": 24})
    assert seldom is not None and seldom.yearly_rate() == 0.5 and seldom.describe() == "vartannat år"
    assert seldom.occasions(start, end) == [dt.date(2026, 12, 31)]
    phased = parse_frequency({"första_avtalsåret": 2, "minst": 1})
    assert phased is not None and len(phased.occasions(start, end)) == 4
    assert phased.describe() == "2 gånger det första avtalsåret och minst en gång per år"
    needed = parse_frequency({"minst": 2, "vid_behov": True})
    assert needed is not None and needed.describe() == "minst 2 gånger per år och vid behov"
    only_needed = parse_frequency({"vid_behov": True})
    assert only_needed is not None and only_needed.yearly_rate() == 0
    dated = follow_up({"uppföljning": {"gånger_per_år": {"datum": ["2020-05-31"]}}})
    assert dated is not None and dated.dates == (dt.date(2020, 5, 31),)
    found = meetings(
        {"styrgrupp": {"möten_per_år": 4}, "grupper": [{"namn": "Arbetsgrupp", "möten_per_år": 10}]}
    )
    assert [(m.path, m.name, m.frequency.per_year) for m in found] == [
        (("styrgrupp", "möten_per_år"), "Styrgruppen", 4),
        (("grupper", 0, "möten_per_år"), "Arbetsgrupp", 10),
    ]
