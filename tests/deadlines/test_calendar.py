"""``iop calendar``: one VEVENT per due item, stable UIDs, cancelled events for what is no longer due."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from deadline_helpers import EXAMPLES, Runner, variant
from icalendar import Calendar

from iop.deadlines.load import load_terms
from iop.deadlines.schedule import schedule

AS_OF = "2026-12-02"


def events(path: Path) -> dict[str, object]:
    calendar = Calendar.from_ical(path.read_bytes())
    found = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert len(found) == len(calendar.walk("VEVENT")), "duplicate UIDs"
    return found


def test_one_event_per_due_item_for_every_example(tmp_path: Path, run_iop: Runner) -> None:
    out = tmp_path / "iop.ics"
    code, stdout, stderr = run_iop("calendar", "-o", str(out), "--per", AS_OF, str(EXAMPLES))
    assert code == 0, stderr
    found = events(out)
    terms = [item.term for item in load_terms(sorted(EXAMPLES.glob("*.yaml")))]
    expected = {f"{t.id}.{d.key}@iop": d for t in terms if t for d in schedule(t, dt.date(2026, 12, 2))}
    assert set(found) == set(expected)
    assert f"{len(expected)} händelser för {len(terms)} överenskommelser" in stdout
    event = found["linkoping-brottsofferjouren.uppsagning@iop"]
    assert event.decoded("DTSTART") == dt.date(2027, 6, 30)  # six months before 31 December
    assert event.decoded("DTEND") == dt.date(2027, 7, 1)
    text = str(event["DESCRIPTION"])
    assert "stöd till brottsutsatta" in text  # the title
    assert "säga upp" in text and "agreements/linkoping-brottsofferjouren.yaml" in text
    assert "linkoping-brottsofferjouren" in str(event["SUMMARY"])
    assert str(event["STATUS"]) == "CONFIRMED"


def test_a_moved_date_keeps_the_uids_and_raises_the_sequence(tmp_path: Path, run_iop: Runner) -> None:
    out = tmp_path / "iop.ics"
    first = variant(tmp_path, "linkoping-crossroads")
    assert run_iop("calendar", "-o", str(out), "--per", AS_OF, str(first))[0] == 0
    before = events(out)
    variant(tmp_path, "linkoping-crossroads", ("  slut: 2027-06-30\n", "  slut: 2027-05-31\n"))
    assert run_iop("calendar", "-o", str(out), "--per", AS_OF, str(first))[0] == 0
    after = events(out)
    assert set(after) <= set(before) | set()
    moved = after["linkoping-crossroads.slut@iop"]
    assert moved.decoded("DTSTART") == dt.date(2027, 5, 31)
    assert before["linkoping-crossroads.slut@iop"].decoded("DTSTART") == dt.date(2027, 6, 30)
    assert int(moved["SEQUENCE"]) == int(before["linkoping-crossroads.slut@iop"]["SEQUENCE"]) + 1
    same = "linkoping-crossroads.uppfoljning-1@iop"
    assert int(after[same]["SEQUENCE"]) == int(before[same]["SEQUENCE"])
    # The last half-yearly follow-up (30 June 2027) no longer falls within the term: cancelled, not lost.
    gone = after["linkoping-crossroads.uppfoljning-6@iop"]
    assert str(gone["STATUS"]) == "CANCELLED"
    assert set(after) == set(before)


def test_an_extension_updates_and_adds_events(tmp_path: Path, run_iop: Runner) -> None:
    out = tmp_path / "iop.ics"
    path = variant(tmp_path, "linkoping-brottsofferjouren")
    run_iop("calendar", "-o", str(out), "--per", AS_OF, str(path))
    before = events(out)
    variant(
        tmp_path,
        "linkoping-brottsofferjouren",
        (
            "    beslut_månader_före_slut: 9\n",
            "    beslut_månader_före_slut: 9\n    beslutade:\n      - slut: 2028-12-31\n",
        ),
    )
    run_iop("calendar", "-o", str(out), "--per", AS_OF, str(path))
    after = events(out)
    assert set(before) < set(after)
    assert set(after) - set(before) == {
        "linkoping-brottsofferjouren.uppfoljning-7@iop",
        "linkoping-brottsofferjouren.uppfoljning-8@iop",
    }
    assert after["linkoping-brottsofferjouren.slut@iop"].decoded("DTSTART") == dt.date(2028, 12, 31)
    assert "Beslutad" in str(after["linkoping-brottsofferjouren.forlangning-1@iop"]["DESCRIPTION"])


def test_an_ended_agreement_gets_cancelled_events(tmp_path: Path, run_iop: Runner) -> None:
    out = tmp_path / "iop.ics"
    path = variant(
        tmp_path,
        "linkoping-brottsofferjouren",
        ("status: gällande\n", "status: avslutad\n"),
        ("  uppsägningstid_månader: 6\n", "  uppsägningstid_månader: 6\n  upphörde: 2026-09-30\n"),
    )
    assert run_iop("calendar", "-o", str(out), "--per", AS_OF, str(path))[0] == 0
    found = events(out)
    states = {uid.split(".")[1].removesuffix("@iop"): str(e["STATUS"]) for uid, e in found.items()}
    assert states["uppfoljning-3"] == "CONFIRMED"  # 2026-06-30, before the end
    assert states["uppfoljning-4"] == "CANCELLED"  # 2026-12-31
    assert states["uppsagning"] == "CANCELLED"
    assert states["slut"] == "CONFIRMED"
    assert found["linkoping-brottsofferjouren.slut@iop"].decoded("DTSTART") == dt.date(2026, 9, 30)
