"""Dated limits: the one in force at the agreement's start is used."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from iop.lint.checks.thresholds import ThresholdError, in_force, sek_per_eur


def test_shipped_limits_and_their_dates() -> None:
    assert in_force("direktupphandlingsgrans", dt.date(2025, 1, 1)).amount == 700_000
    assert in_force("sociala-tjanster", dt.date(2025, 1, 1)).amount == 8_109_450
    assert in_force("de-minimis", dt.date(2025, 1, 1)).amount == 300_000
    assert in_force("de-minimis", dt.date(2023, 6, 1)).amount == 200_000
    assert in_force("de-minimis", dt.date(2024, 1, 1)).since == dt.date(2024, 1, 1)
    assert sek_per_eur() > 1


def test_latest_entry_not_after_start_wins(tmp_path: Path) -> None:
    file = tmp_path / "thresholds.yaml"
    file.write_text(
        "thresholds:\n"
        "  grans:\n"
        "    title: {sv: gränsen, en: the limit}\n"
        "    values:\n"
        "      - {from: 2026-01-01, amount: 3, source: {sv: c, en: c}}\n"
        "      - {from: 2022-01-01, amount: 1, source: {sv: a, en: a}}\n"
        "      - {from: 2024-01-01, amount: 2, source: {sv: b, en: b}}\n"
        "sek_per_eur: 11\n",
        encoding="utf-8",
    )
    assert in_force("grans", dt.date(2021, 5, 1), file).amount == 1  # before all: the earliest
    assert in_force("grans", dt.date(2023, 12, 31), file).amount == 1
    assert in_force("grans", dt.date(2024, 1, 1), file).amount == 2
    assert in_force("grans", dt.date(2030, 1, 1), file).amount == 3
    with pytest.raises(ThresholdError):
        in_force("saknas", dt.date(2024, 1, 1), file)
