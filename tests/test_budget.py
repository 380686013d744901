"""Budget arithmetic: periods, proration, shares, extensions, formatting."""

from __future__ import annotations

import datetime as dt

from iop.budget import compute, format_kr, format_share, periods


def _agreement(start: str, end: str, resources: list[dict[str, object]], **tidsram: object) -> dict[str, object]:
    return {
        "parter": [
            {"id": "kommunen", "namn": "Kommunen", "typ": "offentlig"},
            {"id": "foreningen", "namn": "Föreningen", "typ": "idéburen"},
        ],
        "ekonomi": {"resurser": resources},
        "tidsram": {"start": start, "slut": end, **tidsram},
    }


def test_three_calendar_years_sum_per_party_and_share() -> None:
    data = _agreement(
        "2025-01-01",
        "2027-12-31",
        [
            {"part": "kommunen", "slag": "ekonomiskt", "belopp_per_år": 553200},
            {"part": "foreningen", "slag": "immateriellt", "belopp_per_år": 641300},
        ],
    )
    budget = compute(data)
    assert [p.label for p in budget.periods] == ["2025", "2026", "2027"]
    kommunen = budget.party("kommunen")
    assert kommunen is not None and kommunen.total == 3 * 553200
    assert budget.total == 3 * (553200 + 641300)
    assert budget.public_total == 3 * 553200
    assert abs(budget.public_share - 553200 / (553200 + 641300)) < 1e-9
    assert budget.extension_months == 0
    assert budget.total_with_extensions == budget.total


def test_short_last_year_is_prorated_and_cells_add_up() -> None:
    data = _agreement("2024-07-01", "2026-03-31", [{"part": "kommunen", "belopp_per_år": 120000}])
    budget = compute(data)
    assert len(budget.periods) == 2
    assert budget.periods[0].end == dt.date(2025, 6, 30)
    first, second = budget.total_per_period
    assert first == 120000
    assert 89000 < second < 91000  # nine of twelve months
    assert budget.total == first + second


def test_bounded_and_unbounded_extensions() -> None:
    resources = [{"part": "kommunen", "belopp_per_år": 100000}]
    bounded = compute(
        _agreement("2025-01-01", "2025-12-31", resources, förlängning={"längd_månader": 12, "högst_antal": 2})
    )
    assert bounded.extension_months == 24
    assert bounded.public_total_with_extensions == 300000
    unbounded = compute(_agreement("2025-01-01", "2025-12-31", resources, förlängning={"längd_månader": 12}))
    assert unbounded.extension_months is None
    assert unbounded.total_with_extensions is None


def test_tolerates_broken_drafts() -> None:
    budget = compute({"ekonomi": {"resurser": [{"part": "x", "belopp_per_år": "mycket"}, "skräp"]}})
    assert budget.total == 0
    assert compute({"ekonomi": {"resurser": 5}, "tidsram": "i morgon", "parter": "alla"}).total == 0
    assert len(budget.periods) == 1
    assert periods(dt.date(2025, 1, 1), dt.date(2024, 1, 1))[0].fraction == 1.0


def test_swedish_number_formats() -> None:
    assert format_kr(1194500) == "1\u00a0194\u00a0500\u00a0kr"
    assert format_kr(46800, sign=True) == "+46\u00a0800\u00a0kr"
    assert format_kr(-46800, sign=True) == "−46\u00a0800\u00a0kr"
    assert format_share(0.4631) == "46,3\u00a0%"
