"""The deadline commands on the model's richer forms: follow-up dates, intervals, 'minst + vid behov', amount ranges."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from deadline_helpers import Runner, variant

from iop.deadlines.schedule import schedule
from iop.deadlines.terms import TermError, read_term
from iop.loader import load
from iop.validation import validate

D = dt.date
FOLLOW = "  gånger_per_år: 2\n"


def follow_ups(path: Path) -> list[dt.date]:
    doc = load(path)
    assert [d for d in validate(doc) if d.severity == "error"] == []
    return [d.day for d in schedule(read_term(doc), D(2026, 12, 2)) if d.kind == "uppföljning"]


def test_explicit_follow_up_dates(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        "linkoping-brottsofferjouren",
        (FOLLOW, "  gånger_per_år:\n    datum: [2025-05-31, 2026-05-31, 2027-11-30]\n"),
    )
    assert follow_ups(path) == [D(2025, 5, 31), D(2026, 5, 31), D(2027, 11, 30)]


def test_every_second_year(tmp_path: Path) -> None:
    # 2025-01-01 + 24 months − 1 day; the next (2028-12-31) is after the end 2027-12-31.
    path = variant(
        tmp_path, "linkoping-brottsofferjouren", (FOLLOW, "  gånger_per_år:\n    intervall_månader: 24\n")
    )
    assert follow_ups(path) == [D(2026, 12, 31)]


def test_at_least_once_a_year_and_as_needed(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        "linkoping-brottsofferjouren",
        (FOLLOW, "  gånger_per_år:\n    minst: 1\n    vid_behov: true\n"),
    )
    assert follow_ups(path) == [D(2025, 12, 31), D(2026, 12, 31), D(2027, 12, 31)]
    item = next(d for d in schedule(read_term(load(path)), D(2026, 12, 2)) if d.kind == "uppföljning")
    assert "minst en gång per år och vid behov" in item.description


def test_a_follow_up_date_outside_the_term_is_an_error_at_its_line(tmp_path: Path, run_iop: Runner) -> None:
    path = variant(
        tmp_path,
        "linkoping-brottsofferjouren",
        (FOLLOW, "  gånger_per_år:\n    datum:\n      - 2025-05-31\n      - 2028-05-31\n"),
    )
    with pytest.raises(TermError) as exc:
        read_term(load(path))
    (problem,) = exc.value.diagnostics
    line = path.read_text(encoding="utf-8").splitlines().index("      - 2028-05-31") + 1
    assert (problem.rule, problem.line, problem.column) == ("TID006", line, 9)
    code, _, err = run_iop("calendar", "-o", str(tmp_path / "x.ics"), str(path))
    assert code == 1
    assert (
        f"{path}:{line}:9: fel TID006 Uppföljningsdatumet 2028-05-31 ligger utanför avtalstiden 2025-01-01–2027-12-31."
        in err
    )
    assert "Traceback" not in err


def test_a_capped_amount_gives_a_range_over_the_term(tmp_path: Path, run_iop: Runner) -> None:
    path = variant(
        tmp_path,
        "linkoping-brottsofferjouren",
        ("      belopp_per_år: 553200\n", "      belopp_per_år:\n        högst: 600000\n"),
    )
    code, out, err = run_iop("status", "--format", "json", "--per", "2026-12-02", str(path))
    assert code == 0, err
    (row,) = json.loads(out)["överenskommelser"]
    # Exact: 486 000 + 105 300 + 50 000 kr a year; the municipality's share is 0 to 600 000 kr a year.
    assert row["värde_lägst"] == 3 * (486_000 + 105_300 + 50_000)
    assert row["värde_högst"] == 3 * (600_000 + 486_000 + 105_300 + 50_000)
    assert row["värde"] == "1\u00a0923\u00a0900–3\u00a0723\u00a0900\u00a0kr"
