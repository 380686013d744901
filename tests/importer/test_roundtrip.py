"""Render → import gives the agreement back: ≥ 98 % of fields from DOCX, ≥ 90 % from PDF,
and every party, amount and date exact from DOCX."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop.importer.roundtrip import Score, import_score, round_trip


@pytest.fixture(scope="session")
def scores(
    example_files: list[Path], example_pdfs: dict[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Score]:
    work = tmp_path_factory.mktemp("roundtrip")
    totals = {"docx": Score(), "pdf": Score()}
    for path in example_files:
        each = {"docx": round_trip(path, "docx", work), "pdf": import_score(path, example_pdfs[path])}
        for fmt, found in each.items():
            totals[fmt].add(found)
            totals[f"{fmt}:{path.name}"] = found
    return totals


def test_every_example_comes_back_on_its_own(scores: dict[str, Score]) -> None:
    """Each example, not only the sum: groups, shared and formula amounts, frequencies and the
    named sections of the newer examples must not hide behind the older ones."""
    each = {k: s for k, s in scores.items() if ":" in k}
    assert len(each) >= 20
    for key, s in each.items():
        bar = 0.98 if key.startswith("docx:") else 0.90
        assert s.ratio >= bar, (key, s.mismatches)
        assert s.exact_equal == s.exact_total, (key, s.mismatches)


def test_docx_round_trip_keeps_98_percent_and_every_party_amount_and_date(scores: dict[str, Score]) -> None:
    s = scores["docx"]
    assert s.total > 500
    assert s.ratio >= 0.98, s.mismatches
    assert s.exact_equal == s.exact_total, [m for m in s.mismatches]


def test_pdf_round_trip_keeps_90_percent(scores: dict[str, Score]) -> None:
    s = scores["pdf"]
    assert s.total > 500
    assert s.ratio >= 0.90, s.mismatches


def test_score_notices_a_changed_field() -> None:
    from iop.importer.roundtrip import score

    a = {
        "parter": [{"id": "k", "namn": "K kommun"}],
        "syfte": "Ett.",
        "insatser": [{"part": "k", "beskrivning": "X"}],
    }
    b = {
        "parter": [{"id": "kk", "namn": "K kommun"}],
        "syfte": "Två.",
        "insatser": [{"part": "kk", "beskrivning": "X"}],
    }
    s = score(a, b)
    assert (s.equal, s.total) == (3, 4)
    assert s.mismatches == ["syfte: 'Ett.' ≠ 'Två.'"]


def test_further_sections_render_as_numbered_sections_and_come_back(tmp_path: Path) -> None:
    from iop.render.document import build

    source = Path(__file__).resolve().parents[2] / "agreements" / "malmo-fc-rosengard-boost.yaml"
    agreement = tmp_path / "avtal.yaml"
    agreement.write_text(
        source.read_text(encoding="utf-8")
        + "övriga_avsnitt:\n"
        + "  - rubrik: Lokalens brandskydd\n"
        + "    text: Föreningen ser till att lokalen är godkänd för verksamheten.\n"
        + "    underavsnitt:\n"
        + "      - rubrik: Rutin\n"
        + "        text: Brandskyddet gås igenom med verksamhetsledaren varje år.\n",
        encoding="utf-8",
    )
    import yaml

    data = yaml.safe_load(agreement.read_text(encoding="utf-8"))
    ast, _ = build(data, "html")
    from iop.revision.fulldoc import inline_text

    headings = [inline_text(b["c"][2]) for b in ast["blocks"] if b["t"] == "Header"]
    assert any(h.endswith(" Lokalens brandskydd") for h in headings)
    assert any(h.endswith(" Rutin") for h in headings)
    assert not any("Övriga avsnitt" in h for h in headings)
    for fmt in ("docx", "pdf"):
        s = round_trip(agreement, fmt, tmp_path)
        assert not [m for m in s.mismatches if m.startswith("övriga_avsnitt")], (fmt, s.mismatches)
        assert s.ratio >= 0.98


def test_amounts_as_agreements_state_them_come_back(tmp_path: Path) -> None:
    """cirka, högst, a span and an unvalued contribution survive render → import."""
    from ruamel.yaml import YAML

    source = Path(__file__).resolve().parents[2] / "agreements" / "malmo-fc-rosengard-boost.yaml"
    yaml = YAML(typ="rt", pure=True)
    root = yaml.load(source.read_text(encoding="utf-8"))
    res = root["ekonomi"]["resurser"]
    res[0]["belopp_per_år"] = {"cirka": 1_200_000, "högst": 1_300_000}
    res[1]["belopp_per_år"] = {"högst": 150_000}
    res[2]["belopp_per_år"] = {"lägst": 300_000, "högst": 400_000}
    del res[3]["belopp_per_år"]
    res[3]["värderad"] = False
    agreement = tmp_path / "avtal.yaml"
    with agreement.open("w", encoding="utf-8") as fh:
        yaml.dump(root, fh)
    for fmt in ("docx", "pdf"):
        s = round_trip(agreement, fmt, tmp_path)
        assert s.exact_equal == s.exact_total, (fmt, s.mismatches)
        assert not [m for m in s.mismatches if "resurser" in m], (fmt, s.mismatches)


@pytest.mark.parametrize(
    "value",
    [
        4,
        {"minst": 1},
        {"minst": 2, "vid_behov": True},
        {"vid_behov": True},
        {"minst": 1, "första_avtalsåret": 2, "beskrivning": "Halvårsvis första året."},
        {"intervall_månader": 24},
        {"intervall_månader": 36},
        {"intervall_månader": 3, "vid_behov": True},
        {"datum": ["2026-05-31", "2027-05-31"], "beskrivning": "Inför budgeten."},
    ],
)
def test_frequency_words_read_back_as_the_value_written(value: object) -> None:
    """The importer reads every frequency shape back from the renderer's own words."""
    import datetime as dt

    from iop.frequency import parse_frequency
    from iop.importer.shapes import frequency_value

    stated = parse_frequency(value)
    assert stated is not None
    got = frequency_value(stated.describe(), stated.description or "")
    if isinstance(got, dict) and "datum" in got:
        got["datum"] = [d.isoformat() if isinstance(d, dt.date) else d for d in got["datum"]]
    assert got == value


def test_amounts_by_agreement_year_come_back(tmp_path: Path) -> None:
    """A schedule by year, with and without an amount per year beside it, survives render → import."""
    from ruamel.yaml import YAML

    source = Path(__file__).resolve().parents[2] / "agreements" / "malmo-fc-rosengard-boost.yaml"
    yaml = YAML(typ="rt", pure=True)
    root = yaml.load(source.read_text(encoding="utf-8"))
    res = root["ekonomi"]["resurser"]
    del res[0]["belopp_per_år"]
    res[0]["per_avtalsår"] = [
        {"år": 2027, "belopp": 1_100_000},
        {"år": 2028, "belopp": {"cirka": 1_200_000}},
        {"år": 2029, "belopp": {"högst": 1_300_000}},
    ]
    res[1]["per_avtalsår"] = [{"år": 2029, "belopp": {"lägst": 100_000, "högst": 200_000}}]
    agreement = tmp_path / "avtal.yaml"
    with agreement.open("w", encoding="utf-8") as fh:
        yaml.dump(root, fh)
    for fmt in ("docx", "pdf"):
        s = round_trip(agreement, fmt, tmp_path)
        assert not [m for m in s.mismatches if "resurser" in m], (fmt, s.mismatches)
        assert s.exact_equal == s.exact_total, (fmt, s.mismatches)
