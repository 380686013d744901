"""Personal data is marked in the schema and left out of public copies."""

from __future__ import annotations

from pathlib import Path

from iop.loader import load
from iop.personal import personal_paths, redact, strings

REPO = Path(__file__).resolve().parents[2]
LINKOPING = REPO / "agreements" / "linkoping-brottsofferjouren.yaml"
NAMES = ("Maria Holmström", "Jonas Ekdahl", "Eva Sandberg", "Karl-Erik Wallin")


def test_the_schema_marks_contact_persons_and_printed_names() -> None:
    assert set(personal_paths()) == {("parter", "*", "kontaktperson"), ("underskrifter", "*", "namn")}


def test_redact_removes_every_marked_value_and_nothing_else() -> None:
    data = load(LINKOPING).data
    found = strings(data)
    assert {n for n in NAMES} <= set(found)
    assert "maria.holmstrom@linkoping.example" in found
    public = redact(data)
    assert strings(public) == []
    assert "kontaktperson" not in str(public) and all(n not in str(public) for n in NAMES)
    assert public["parter"][0]["namn"] == "Linköpings kommun"
    assert public["underskrifter"][0] == {
        "part": "kommunen",
        "funktion": "Social- och omsorgsnämndens ordförande",
    }
    assert "kontaktperson" in data["parter"][0]  # the original is untouched


def test_render_public_leaves_personal_data_out_of_the_copy(tmp_path: Path) -> None:
    from iop.render.batch import Job, render_job

    (tmp_path / "full").mkdir()
    (tmp_path / "public").mkdir()
    full = render_job(Job(LINKOPING, ("html",), tmp_path / "full", draft=False))
    public = render_job(Job(LINKOPING, ("html",), tmp_path / "public", draft=False, public=True))
    full_html = full.written[0].read_text(encoding="utf-8")
    public_html = public.written[0].read_text(encoding="utf-8")
    assert all(name in full_html for name in NAMES)
    assert not [name for name in NAMES if name in public_html]
    assert "Brottsofferjouren Linköping" in public_html
