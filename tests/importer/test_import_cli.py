"""``iop import``: real files in, a draft out; bad input refused in Swedish without a traceback."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml

from iop.render.pandoc import pandoc_path

MALMO_TEMPLATE = """\
# Bakgrundsförutsättningar för avtalet

Text om BEHOV i stadsdelen och om tidigare samverkan.

# Värdegrund

Text om VÄRDEN som respekt och öppenhet.

# Insatser

Föreningen Gemenskap driver INSATS med läxhjälp på kvällstid.

# Avtalad överenskommelse

Överenskommelsen har tagits fram i DIALOG mellan parterna.

# Avtalspartner

- Malmö stad, org.nr 212000-1124
- Föreningen Gemenskap, org.nr 802000-0007

# Avtalets form och utgångspunkt

Text om FORM och vilka beslut som gäller.

# Mål med avtalad verksamhet

## Övergripande målsättning

Text om ÖVERGRIPANDE mål.

## Strategier för att nå målet

- Första STRATEGI.
- Andra STRATEGI.

## Målgruppen

Text om MÅLGRUPP i åldern 12 till 16 år.

# Organisation och samverkan

## Referensgrupp

Gruppen träffas fyra gånger per år och leds av föreningen, REFERENS.

## Kommunikation

Text om KOMMUNIKATION mellan parterna.

# Kunskapsinhämtning och uppföljning

Text om UPPFÖLJNING som sker årligen.

# Ekonomi

Staden bidrar med 250 000 kr per år till EKONOMI i verksamheten.

# Period för avtalet

Avtalet gäller från och med 2026-01-01 till och med 2027-12-31, PERIOD.

# Omförhandling, hävningsrätt samt tvist

Part kan påkalla OMFÖRHANDLING vid ändrade förhållanden.

# Underskrift

För Malmö stad

Ordförande i nämnden

För Föreningen Gemenskap

Ordförande i styrelsen
"""


def _docx_from_markdown(md: str, target: Path) -> Path:
    import subprocess

    source = target.with_suffix(".md")
    source.write_text(md, encoding="utf-8")
    subprocess.run([pandoc_path(), str(source), "-o", str(target)], check=True, timeout=60)
    return target


def test_malmo_template_headings_land_in_their_sections(tmp_path: Path, iop) -> None:  # type: ignore[no-untyped-def]
    docx = _docx_from_markdown(MALMO_TEMPLATE, tmp_path / "malmo.docx")
    out = tmp_path / "agreements" / "malmo.yaml"
    result = iop("import", docx, "-o", out)
    assert "Traceback" not in result.err
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    where = {
        "BEHOV": data["bakgrund"],
        "VÄRDEN": data["värdegrund"],
        "INSATS": data["insatser"][0]["beskrivning"],
        "DIALOG": data["initiativ"],
        "FORM": data["avtalets_form"],
        "ÖVERGRIPANDE": data["mål"]["övergripande"],
        "STRATEGI": " ".join(data["mål"]["delmål"]),
        "MÅLGRUPP": data["målgrupp"],
        "REFERENS": data["styrgrupp"]["mandat"],
        "KOMMUNIKATION": data["kommunikation"],
        "UPPFÖLJNING": data["uppföljning"]["former"],
        "EKONOMI": data["ekonomi"]["utbetalning"],
        "OMFÖRHANDLING": data["omförhandling"]["omförhandling"],
    }
    for marker, text in where.items():
        assert marker in text, marker
    assert [p["namn"] for p in data["parter"]] == ["Malmö stad", "Föreningen Gemenskap"]
    assert [p["organisationsnummer"] for p in data["parter"]] == ["212000-1124", "802000-0007"]
    assert data["ekonomi"]["resurser"][0]["belopp_per_år"] == 250000
    assert str(data["tidsram"]["start"]) == "2026-01-01" and str(data["tidsram"]["slut"]) == "2027-12-31"
    assert data["styrgrupp"]["möten_per_år"] == 4
    assert [s["funktion"] for s in data["underskrifter"]] == [
        "Ordförande i nämnden",
        "Ordförande i styrelsen",
    ]
    assert data["status"] == "utkast"
    assert "övriga_avsnitt" not in data
    text = out.read_text(encoding="utf-8")
    assert "# iop import: kontrollera" in text  # e.g. the amount read from running text
    lint = iop("lint", out)
    assert "Traceback" not in lint.err and lint.code in (0, 1)


def test_unknown_heading_goes_to_further_sections_with_its_heading(tmp_path: Path, iop) -> None:  # type: ignore[no-untyped-def]
    md = (
        "# Syfte\n\nAtt hjälpa.\n\n# Lokalens brandskydd\n\nLokalen är godkänd för övernattning.\n\n"
        "# Registerkontroll\n\nFöreningen begär utdrag ur belastningsregistret.\n"
    )
    docx = _docx_from_markdown(md, tmp_path / "x.docx")
    out = tmp_path / "x.yaml"
    iop("import", docx, "-o", out)
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["syfte"] == "Att hjälpa."
    assert data["övriga_avsnitt"] == [
        {"rubrik": "Lokalens brandskydd", "text": "Lokalen är godkänd för övernattning."}
    ]
    assert data["registerkontroll"] == "Föreningen begär utdrag ur belastningsregistret."  # a named section


def test_plain_text_and_markdown_are_read(tmp_path: Path, iop) -> None:  # type: ignore[no-untyped-def]
    txt = tmp_path / "a.txt"
    txt.write_text(
        "1. Syfte\nAtt parterna tillsammans hjälper.\n\n2. Målgrupp\nUnga i staden.\n", encoding="utf-8"
    )
    iop("import", txt, "-o", tmp_path / "a.yaml")
    data = yaml.safe_load((tmp_path / "a.yaml").read_text(encoding="utf-8"))
    assert data["syfte"] == "Att parterna tillsammans hjälper."
    assert data["målgrupp"] == "Unga i staden."
    md = tmp_path / "b.md"
    md.write_text("## Värdegrund\n\nRespekt och *öppenhet*.\n", encoding="utf-8")
    iop("import", md, "-o", tmp_path / "b.yaml")
    assert (
        yaml.safe_load((tmp_path / "b.yaml").read_text(encoding="utf-8"))["värdegrund"]
        == "Respekt och öppenhet."
    )


def test_odt_is_read(tmp_path: Path, iop) -> None:  # type: ignore[no-untyped-def]
    odt = tmp_path / "avtal.odt"
    source = tmp_path / "avtal.md"
    source.write_text(
        "# Syfte\n\nAtt parterna tillsammans hjälper.\n\n# Avtalstid\n\nFrån och med 2026-01-01 till och med 2026-12-31.\n",
        encoding="utf-8",
    )
    import subprocess

    subprocess.run([pandoc_path(), str(source), "-o", str(odt)], check=True, timeout=60)
    iop("import", odt, "-o", tmp_path / "avtal.yaml")
    data = yaml.safe_load((tmp_path / "avtal.yaml").read_text(encoding="utf-8"))
    assert data["syfte"] == "Att parterna tillsammans hjälper."
    assert str(data["tidsram"]["start"]) == "2026-01-01" and str(data["tidsram"]["slut"]) == "2026-12-31"


def _scanned_pdf(path: Path) -> Path:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    pdf.save(path)
    return path


def _corrupt_docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    return path


def _encrypted_docx(path: Path) -> Path:
    # Word saves a password-protected .docx as an OLE compound file (EncryptedPackage)
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    return path


def _huge(path: Path) -> Path:
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    return path


@pytest.mark.parametrize(
    ("make", "name", "expected"),
    [
        (_scanned_pdf, "scan.pdf", "innehåller ingen text"),
        (_corrupt_docx, "trasig.docx", "är skadad"),
        (_encrypted_docx, "lösen.docx", "lösenordsskyddad"),
        (_huge, "stor.pdf", "50 MB"),
        (lambda p: (p.write_bytes(b"garbage" * 100), p)[1], "skräp.docx", "är skadad"),
        (lambda p: (p.write_bytes(b"%PDF-1.4 garbage"), p)[1], "skräp.pdf", "PDF"),
    ],
)
def test_bad_input_is_refused_in_swedish_and_nothing_is_overwritten(
    tmp_path: Path,
    iop,  # type: ignore[no-untyped-def]
    make,  # type: ignore[no-untyped-def]
    name: str,
    expected: str,
) -> None:
    source = make(tmp_path / name)
    existing = tmp_path / "befintlig.yaml"
    existing.write_text("orörd: ja\n", encoding="utf-8")
    result = iop("import", source, "-o", tmp_path / "ny.yaml")
    assert result.code == 1, result.err
    assert expected in result.err
    assert "Traceback" not in result.err and "internt fel" not in result.err
    assert not (tmp_path / "ny.yaml").exists()
    again = iop("import", source, "-o", existing)
    assert again.code == 2 and "finns redan" in again.err
    assert existing.read_text(encoding="utf-8") == "orörd: ja\n"
