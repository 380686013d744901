"""``iop import --onto``: a reviewed DOCX comes back as a revision of the same YAML."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from wordedit import AUTHOR, Doc  # noqa: E402

from iop.render.document import anchor_name  # noqa: E402

SOURCE = Path(__file__).resolve().parents[2] / "agreements" / "malmo-fc-rosengard-boost.yaml"
NEW_SENTENCE = " Parterna vill också stärka föräldrarnas delaktighet."
GONE_SENTENCE = " Föreningen engagerar spelare, ledare och tidigare deltagare som ideella mentorer."


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from iop.loader import load
    from iop.render.office import render_docx
    from iop.render.provenance import provenance

    work = tmp_path_factory.mktemp("onto")
    source = work / SOURCE.name
    shutil.copyfile(SOURCE, source)
    doc = load(source)
    docx = work / "copy.docx"
    docx.write_bytes(render_docx(doc, provenance(source, doc.sha256, doc.data), draft=False))
    return source, docx


@pytest.fixture(scope="module")
def reviewed(rendered: tuple[Path, Path]) -> Path:
    _, docx = rendered
    d = Doc(docx)
    d.insert_after(anchor_name(("syfte",)), NEW_SENTENCE)
    d.delete(anchor_name(("insatser", 0, "beskrivning")), GONE_SENTENCE)
    d.replace(anchor_name(("ekonomi", "resurser", 0, "belopp_per_år")), "1\u00a0300\u00a0000\u00a0kr")
    d.comment(anchor_name(("ekonomi", "utbetalning")), "Ska det vara månadsvis?")
    return d.save(docx.with_name("granskad.docx"))


def test_onto_applies_insertion_deletion_and_amount_and_reports_the_comment(
    rendered: tuple[Path, Path],
    reviewed: Path,
    tmp_path: Path,
    iop,  # type: ignore[no-untyped-def]
) -> None:
    source, _ = rendered
    target = tmp_path / "avtal.yaml"
    shutil.copyfile(source, target)
    before = target.read_text(encoding="utf-8")
    result = iop("import", "--onto", target, reviewed)
    assert result.code == 0, result.err
    after = target.read_text(encoding="utf-8")
    new = yaml.safe_load(after)
    old = yaml.safe_load(before)
    assert new["syfte"].rstrip().endswith(NEW_SENTENCE.strip())
    assert GONE_SENTENCE.strip() not in new["insatser"][0]["beskrivning"]
    assert "Föreningen driver Boost" in new["insatser"][0]["beskrivning"]
    assert new["ekonomi"]["resurser"][0]["belopp_per_år"] == 1_300_000
    assert new["version"] == old["version"] + 1
    assert new["ändringar"][-1]["version"] == new["version"]
    assert "syfte" in new["ändringar"][-1]["sammanfattning"]
    # everything else is as it was, and the file's comments are kept
    assert new["bakgrund"] == old["bakgrund"] and new["tidsram"] == old["tidsram"]
    assert after.startswith(before.split("\n", 1)[0])
    assert "# EXEMPEL." in after and "# iop import: föreslagen rad" in after
    assert f"spårade ändringar av {AUTHOR}" in result.out
    assert "ekonomi › resurser › 1 › belopp_per_år: 1200000 → 1300000" in result.out
    assert f"kommentar av {AUTHOR} vid ekonomi › utbetalning: Ska det vara månadsvis?" in result.out

    shown = iop("diff", source, target)
    assert shown.code == 0, shown.err
    assert "föräldrarnas delaktighet" in shown.out
    assert "ideella mentorer" in shown.out
    assert "1 300 000" in shown.out.replace("\xa0", " ")


def test_a_docx_not_from_iop_render_is_refused_and_the_yaml_kept(
    rendered: tuple[Path, Path],
    tmp_path: Path,
    iop,  # type: ignore[no-untyped-def]
) -> None:
    import subprocess

    from iop.render.pandoc import pandoc_path

    source, _ = rendered
    target = tmp_path / "avtal.yaml"
    shutil.copyfile(source, target)
    md = tmp_path / "annat.md"
    md.write_text("# Syfte\n\nEtt annat avtal.\n", encoding="utf-8")
    other = tmp_path / "annat.docx"
    subprocess.run([pandoc_path(), str(md), "-o", str(other)], check=True, timeout=60)
    result = iop("import", "--onto", target, other)
    assert result.code == 1
    assert "inte skapad med 'iop render --to docx'" in result.err
    assert "Traceback" not in result.err
    assert target.read_bytes() == source.read_bytes()
    broken = tmp_path / "trasig.docx"
    broken.write_bytes(b"PK\x03\x04 not really")
    result = iop("import", "--onto", target, broken)
    assert result.code == 1 and "skadad" in result.err
    assert target.read_bytes() == source.read_bytes()


def test_a_docx_of_another_version_is_refused(
    rendered: tuple[Path, Path],
    reviewed: Path,
    tmp_path: Path,
    iop,  # type: ignore[no-untyped-def]
) -> None:
    source, _ = rendered
    target = tmp_path / "avtal.yaml"
    target.write_text(
        source.read_text(encoding="utf-8").replace("\nversion: 1\n", "\nversion: 7\n"), encoding="utf-8"
    )
    before = target.read_bytes()
    result = iop("import", "--onto", target, reviewed)
    assert result.code == 1 and "renderad från version 1" in result.err
    assert target.read_bytes() == before
