"""Deadline dates of the example agreements against dates computed by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from deadline_helpers import EXAMPLES, variant

from iop.dates import add_months, months_before_end
from iop.deadlines.schedule import Due, schedule
from iop.deadlines.terms import Term, TermError, read_term
from iop.loader import load

D = dt.date
TODAY = D(2026, 12, 2)


def term_of(path: Path) -> Term:
    return read_term(load(path))


def by_kind(items: list[Due], kind: str) -> list[dt.date]:
    return [d.day for d in items if d.kind == kind]


def test_month_arithmetic_clamps_to_the_last_day() -> None:
    assert add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2025, 1, 1), -1) == D(2024, 12, 1)
    assert add_months(D(2025, 12, 15), 1) == D(2026, 1, 15)


def test_six_months_notice_before_31_december_is_30_june() -> None:
    assert months_before_end(D(2027, 12, 31), 6) == D(2027, 6, 30)
    assert months_before_end(D(2027, 6, 30), 6) == D(2026, 12, 31)
    assert months_before_end(D(2027, 12, 31), 9) == D(2027, 3, 31)


def test_linkoping_follow_ups_notice_extension_and_expiry() -> None:
    """2025-01-01–2027-12-31, twice a year, six months' notice, extension decided nine months before."""
    items = schedule(term_of(EXAMPLES / "linkoping-brottsofferjouren.yaml"), TODAY)
    assert by_kind(items, "uppföljning") == [
        D(2025, 6, 30),
        D(2025, 12, 31),
        D(2026, 6, 30),
        D(2026, 12, 31),
        D(2027, 6, 30),
        D(2027, 12, 31),
    ]
    assert by_kind(items, "uppsägning") == [D(2027, 6, 30)]
    # The agreement's own text: "Frågan tas upp i styrgruppen senast den 31 mars 2027".
    assert by_kind(items, "förlängning") == [D(2027, 3, 31)]
    assert by_kind(items, "slut") == [D(2027, 12, 31)]
    assert not any(d.cancelled or d.done for d in items)


def test_a_term_starting_1_july_and_a_leap_year() -> None:
    crossroads = schedule(term_of(EXAMPLES / "linkoping-crossroads.yaml"), TODAY)
    assert by_kind(crossroads, "uppföljning")[:3] == [D(2024, 12, 31), D(2025, 6, 30), D(2025, 12, 31)]
    assert by_kind(crossroads, "uppsägning") == [D(2026, 12, 31)]
    goteborg = schedule(term_of(EXAMPLES / "goteborg-ensamkommande.yaml"), TODAY)
    assert by_kind(goteborg, "uppföljning") == [
        D(2027, 8, 31),
        D(2028, 2, 29),
        D(2028, 8, 31),
        D(2029, 2, 28),
        D(2029, 8, 31),
        D(2030, 2, 28),
    ]


def test_once_a_year_follow_ups() -> None:
    items = schedule(term_of(EXAMPLES / "boras-vgif-sport-for-you.yaml"), TODAY)
    assert by_kind(items, "uppföljning") == [D(2025, 12, 31), D(2026, 12, 31), D(2027, 12, 31)]


def test_a_decided_extension_moves_the_end_and_adds_follow_ups(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        "linkoping-brottsofferjouren",
        (
            "    beslut_månader_före_slut: 9\n",
            "    beslut_månader_före_slut: 9\n    beslutade:\n      - slut: 2028-12-31\n"
            "        beslut: Social- och omsorgsnämnden 2027-03-17 § 52\n",
        ),
    )
    items = schedule(term_of(path), TODAY)
    assert by_kind(items, "uppföljning")[-3:] == [D(2027, 12, 31), D(2028, 6, 30), D(2028, 12, 31)]
    assert len(by_kind(items, "uppföljning")) == 8
    assert by_kind(items, "slut") == [D(2028, 12, 31)]
    assert by_kind(items, "uppsägning") == [D(2028, 6, 30)]
    decisions = [d for d in items if d.kind == "förlängning"]
    # One extension allowed and used: the first decision stays (done), no second one.
    assert [(d.key, d.day, d.done) for d in decisions] == [("forlangning-1", D(2027, 3, 31), True)]
    assert "§ 52" in decisions[0].description


def test_an_early_end_cancels_what_comes_after(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        "linkoping-brottsofferjouren",
        ("  uppsägningstid_månader: 6\n", "  uppsägningstid_månader: 6\n  upphörde: 2026-03-31\n"),
    )
    items = schedule(term_of(path), TODAY)
    cancelled = {d.key for d in items if d.cancelled}
    assert cancelled == {
        "uppfoljning-3",
        "uppfoljning-4",
        "uppfoljning-5",
        "uppfoljning-6",
        "uppsagning",
        "forlangning-1",
    }
    end = next(d for d in items if d.kind == "slut")
    assert end.day == D(2026, 3, 31) and not end.cancelled
    assert "upphörde i förtid" in end.description


def test_an_ended_agreement_cancels_only_what_is_still_ahead() -> None:
    items = schedule(term_of(EXAMPLES / "orebro-stadsmissionen-gemenskap.yaml"), D(2025, 6, 1))
    # Notice and (with no decision month given) the extension decision six months before
    # 31 December, the third yearly follow-up and the expiry are all after 1 June 2025.
    assert [(d.kind, d.day) for d in items if d.cancelled] == [
        ("uppsägning", D(2025, 6, 30)),
        ("förlängning", D(2025, 6, 30)),
        ("uppföljning", D(2025, 12, 31)),
        ("slut", D(2025, 12, 31)),
    ]
    assert not [d for d in items if d.day <= D(2025, 6, 1) and d.cancelled]


@pytest.mark.parametrize(
    ("old", "new", "code", "words"),
    [
        ("  start: 2025-01-01\n", "", "TID001", "saknar startdatum"),
        ("  slut: 2027-12-31\n", "", "TID001", "saknar slutdatum"),
        (
            "  uppsägningstid_månader: 6\n",
            "  uppsägningstid_månader: 6\n  upphörde: 2029-01-31\n",
            "TID005",
            "utanför avtalstiden",
        ),
        (
            "    beslut_månader_före_slut: 9\n",
            "    beslut_månader_före_slut: 9\n    beslutade:\n      - slut: 2027-06-30\n",
            "TID003",
            "förlänger inte",
        ),
    ],
)
def test_dates_that_cannot_give_deadlines_are_reported_where_they_are(
    tmp_path: Path, old: str, new: str, code: str, words: str
) -> None:
    path = variant(tmp_path, "linkoping-brottsofferjouren", (old, new))
    with pytest.raises(TermError) as exc:
        term_of(path)
    (problem,) = exc.value.diagnostics
    assert problem.rule == code and words in problem.message["sv"]
    line = path.read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert "tidsram" in line or "upphörde" in line or "slut" in line, line
