"""``iop diff --format docx|pdf|html``: the whole signing copy with the changes marked in place."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pypdf
import pytest
from click.testing import CliRunner
from revision_helpers import REPO, edited

from iop.cli import cli

SOURCE = REPO / "agreements" / "malmo-fc-rosengard-boost.yaml"
ADDED = "Parterna vill också stärka föräldrarnas delaktighet."
REMOVED = "Föreningen engagerar spelare, ledare och tidigare deltagare som ideella mentorer."
BOARD = "FC Rosengårds styrelse § 21"
DROPPED = "Andelen unga kvinnor bland deltagarna ökar under perioden."


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Version 1 and a version 2 with a sentence added to syfte, one removed from insatser, an amount changed."""
    tmp = tmp_path_factory.mktemp("fulldoc")
    old = tmp / "v1.yaml"
    shutil.copyfile(SOURCE, old)

    def edit(root: Any) -> None:
        root["syfte"] = root["syfte"].rstrip() + " " + ADDED + "\n"
        text = root["insatser"][0]["beskrivning"]
        root["insatser"][0]["beskrivning"] = " ".join(text.split()).replace(" " + REMOVED, "") + "\n"
        root["ekonomi"]["resurser"][0]["belopp_per_år"] = 1_300_000
        del root["mål"]["delmål"][2]  # a goal dropped from the middle of the list
        root["version"] = 2
        root["ändringar"].append(
            {"version": 2, "datum": "2026-11-30", "beslut": BOARD, "sammanfattning": "Granskning."}
        )

    new = tmp / "v2.yaml"
    new.write_text(edited(old, edit), encoding="utf-8")
    return old, new


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, ["diff", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def docx(versions: tuple[Path, Path]) -> Path:
    old, new = versions
    target = old.parent / "ändringar.docx"
    result = invoke("--format", "docx", "-o", str(target), str(old), str(new))
    assert result.exit_code == 0, result.output
    return target


def _document(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


def test_docx_has_word_tracked_changes_with_author_and_date(docx: Path) -> None:
    xml = _document(docx)
    changes = re.findall(r"<w:(ins|del) w:id=\"(\d+)\" w:author=\"([^\"]*)\" w:date=\"([^\"]*)\"", xml)
    assert {c[0] for c in changes} == {"ins", "del"}
    assert {(c[2], c[3]) for c in changes} == {(BOARD, "2026-11-30T00:00:00Z")}
    ids = [c[1] for c in changes]
    assert len(ids) == len(set(ids))
    inserted = " ".join(re.findall(r"<w:ins [^>]*>(.*?)</w:ins>", xml, re.S))
    deleted = " ".join(re.findall(r"<w:del [^>]*>(.*?)</w:del>", xml, re.S))
    assert "föräldrarnas" in inserted and "delaktighet" in inserted
    assert "<w:delText" in deleted and "mentorer" in deleted
    assert "300" in inserted and "200" in deleted
    # the rest of the agreement is there, unmarked
    assert "Många unga vuxna i Malmö" in xml and "Underskrifter" in xml


def test_html_is_the_full_signing_copy_with_numbers_names_and_both_versions(
    versions: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = versions
    target = tmp_path / "ändringar.html"
    assert invoke("--format", "html", "-o", str(target), str(old), str(new)).exit_code == 0
    page = target.read_text(encoding="utf-8")
    assert (
        "Ändringar i överenskommelsen från version 1 (21 oktober 2026) till version 2 (30 november 2026)"
        in page
    )
    assert re.search(r'header-section-number">5</span>\s*Syfte', page)
    assert "<ins>föräldrarnas" in page.replace("\u00a0", " ") or "föräldrarnas delaktighet.</ins>" in page
    assert "<del>" in page and "mentorer" in page
    assert "FC Rosengård åtar sig" in page and "Malmö stad" in page
    assert "v1.yaml" not in page and "v2.yaml" not in page and "fcr" not in page.split("<body", 1)[1]
    # the dropped goal is shown as removed, and the goals after it are not marked as changed
    assert "Borttaget ur överenskommelsen" in page and f"<del>{DROPPED}</del>" in page
    assert page.count("<del>") == 4  # the legend, the sentence, the old amount, the goal
    assert "<ins>Minst hälften" not in page


def test_pdf_is_the_full_signing_copy_with_changes(versions: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = versions
    target = tmp_path / "ändringar.pdf"
    result = invoke("--format", "pdf", "-o", str(target), str(old), str(new))
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(str(target)).pages).split())
    assert "från version 1 (21 oktober 2026) till version 2 (30 november 2026)" in text
    assert "5 Syfte" in text and "9.2 FC Rosengård åtar sig" in text
    assert "föräldrarnas delaktighet" in text and "ideella mentorer" in text
    assert "1 300 000 kr" in text.replace("\u00a0", " ") and "1 200 000 kr" in text.replace("\u00a0", " ")
    assert "Underskrifter" in text


@pytest.fixture(scope="module")
def libreoffice_fodt(docx: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The redline DOCX converted by LibreOffice itself (one conversion for the module)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        message = "LibreOffice saknas: installera det med apt-get install libreoffice-writer-nogui"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    out = tmp_path_factory.mktemp("lo")
    profile = out / "profile"
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "fodt",
            "--outdir",
            str(out),
            str(docx),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    converted = out / (docx.stem + ".fodt")
    assert done.returncode == 0 and converted.exists(), done.stderr
    return converted.read_text(encoding="utf-8")


def test_libreoffice_opens_the_docx_and_lists_its_tracked_changes(libreoffice_fodt: str) -> None:
    fodt = libreoffice_fodt
    assert "<text:tracked-changes" in fodt
    regions = re.findall(
        r'<text:changed-region[^>]*text:id="([^"]+)">(.*?)</text:changed-region>', fodt, re.S
    )
    kinds = {ident: re.findall(r"<text:(insertion|deletion)>", body)[0] for ident, body in regions}
    assert set(kinds.values()) == {"insertion", "deletion"} and len(regions) >= 4
    assert all(BOARD in body for _, body in regions)

    def marked(kind: str) -> str:
        """The text LibreOffice marks for every change of ``kind`` (kept in the body between marks)."""
        spans = []
        for ident, k in kinds.items():
            if k == kind:
                m = re.search(
                    rf'<text:change-start text:change-id="{ident}"/>(.*?)<text:change-end text:change-id="{ident}"/>',
                    fodt,
                    re.S,
                )
                spans.append(re.sub(r"<[^>]+>", "", m.group(1)) if m else "")
        return " ".join(spans)

    assert "ideella mentorer" in marked("deletion") and "200" in marked("deletion")
    assert "föräldrarnas delaktighet" in marked("insertion") and "300" in marked("insertion")
    assert "Många unga vuxna i Malmö" in fodt  # the whole document came through
