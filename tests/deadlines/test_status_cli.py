"""``iop status`` rows and formats, and bad input to the deadline commands."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from deadline_helpers import EXAMPLES, Runner, variant


def test_json_rows_sorted_by_the_nearest_deadline(run_iop: Runner) -> None:
    code, out, err = run_iop("status", "--format", "json", "--per", "2026-12-02", str(EXAMPLES))
    assert code == 0, err
    data = json.loads(out)
    assert data["per"] == "2026-12-02"
    rows = {r["id"]: r for r in data["överenskommelser"]}
    assert len(rows) == len(list(EXAMPLES.glob("*.yaml")))
    lkpg = rows["linkoping-brottsofferjouren"]
    assert lkpg["parter"] == ["Linköpings kommun", "Brottsofferjouren Linköping"]
    assert lkpg["nästa_uppföljning"] == "2026-12-31"
    assert lkpg["sista_dag_besked"] == "2027-03-31"  # extension decided nine months before 31 December 2027
    assert lkpg["dagar_till_slut"] == 394  # 2026-12-02 → 2027-12-31
    # 553 200 + 486 000 + 105 300 + 50 000 kr a year over three whole years.
    assert lkpg["värde_lägst"] == lkpg["värde_högst"] == 3 * 1_194_500
    assert lkpg["fynd"] == {"fel": 0, "varningar": 0, "info": 1}
    nearest = [
        min(d for d in (r["nästa_uppföljning"], r["sista_dag_besked"], r["slut"]) if d and d >= "2026-12-02")
        for r in data["överenskommelser"]
        if r["status"] != "avslutad"
    ]
    assert nearest == sorted(nearest)
    closed = [r["status"] == "avslutad" for r in data["överenskommelser"]]
    assert closed == sorted(closed) and closed[-1]  # closed agreements last
    assert rows["orebro-stadsmissionen-gemenskap"]["status"] == "avslutad"


def test_overdue_rows_come_first_and_are_marked_in_words(run_iop: Runner) -> None:
    # On 2027-04-15 the Linköping extension decision (31 March 2027) has passed without one.
    code, out, _ = run_iop("status", "--per", "2027-04-15", str(EXAMPLES))
    assert code == 0
    lines = out.splitlines()
    first_row = lines[2]
    assert first_row.startswith("!") and "linkoping-brottsofferjouren" in first_row
    assert lines[3].strip().startswith("FÖRSENAT: sista dag för beslut om förlängning (1) 2027-03-31")
    assert "\x1b[" not in out  # no colour when not a terminal; the mark is in words


def test_csv_for_spreadsheets(run_iop: Runner) -> None:
    code, out, _ = run_iop("status", "--format", "csv", "--per", "2026-12-02", str(EXAMPLES))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out), delimiter=";"))
    assert len(rows) == len(list(EXAMPLES.glob("*.yaml")))
    crossroads = next(r for r in rows if r["id"] == "linkoping-crossroads")
    assert crossroads["sista_dag_besked"] == "2026-12-31"  # six months before 30 June 2027
    assert crossroads["slut"] == "2027-06-30"


def test_an_agreement_without_dates(tmp_path: Path, run_iop: Runner) -> None:
    bad = variant(tmp_path, "linkoping-brottsofferjouren", ("  start: 2025-01-01\n", ""), stem="utan-datum")
    variant(tmp_path, "linkoping-crossroads")
    line = bad.read_text(encoding="utf-8").splitlines().index("tidsram:") + 1
    for command in (("status",), ("calendar", "-o", str(tmp_path / "x.ics"))):
        code, out, err = run_iop(*command, str(tmp_path))
        assert code == 1
        assert f"{bad}:{line}:1: fel TID001 Överenskommelsen saknar startdatum (tidsram › start)" in err
        assert "Traceback" not in err + out
    assert "linkoping-crossroads" in run_iop("status", str(tmp_path))[1]  # the others are still shown


def test_a_date_outside_the_term(tmp_path: Path, run_iop: Runner) -> None:
    bad = variant(
        tmp_path,
        "linkoping-brottsofferjouren",
        ("  uppsägningstid_månader: 6\n", "  uppsägningstid_månader: 6\n  upphörde: 2031-01-31\n"),
    )
    code, _, err = run_iop("calendar", "-o", str(tmp_path / "x.ics"), str(bad))
    assert code == 1
    assert "TID005 Dagen då överenskommelsen upphörde, 2031-01-31, ligger utanför avtalstiden" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere; the missing folder case covers it")
def test_an_unwritable_folder_without_root(tmp_path: Path, run_iop: Runner) -> None:
    locked = tmp_path / "låst"
    locked.mkdir(mode=0o500)
    code, _, err = run_iop("calendar", "-o", str(locked / "x.ics"), str(EXAMPLES))
    assert code == 1 and "behörighet saknas" in err


def test_an_output_folder_that_cannot_be_written(tmp_path: Path, run_iop: Runner) -> None:
    blocker = tmp_path / "fil"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run_iop("calendar", "-o", str(blocker / "x.ics"), str(EXAMPLES))
    assert code == 1
    assert f"kan inte skriva kalendern till '{blocker / 'x.ics'}'" in err
    assert "Traceback" not in err


def test_a_bad_date_option_is_a_usage_error(run_iop: Runner) -> None:
    code, _, err = run_iop("status", "--per", "31/12", str(EXAMPLES))
    assert code == 2 and "--per '31/12' är inget datum" in err
