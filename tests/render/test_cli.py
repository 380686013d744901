"""``iop render`` and ``iop info`` through the real command line."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pikepdf
from render_helpers import CLEAN, Rendered, pdf_text, run_iop

from iop.render.metadata import read_properties


def props(pdf: Path) -> dict[str, str]:
    with pikepdf.open(pdf) as doc:
        return read_properties(doc.Root.Metadata.read_bytes())


def test_clean_agreement_renders_all_formats(clean: Rendered) -> None:
    assert clean.result.exit_code == 0, clean.result.output
    for fmt in ("pdf", "docx", "html"):
        assert clean.output(fmt).stat().st_size > 1000
    meta = props(clean.output("pdf"))
    assert meta["draft"] == "False"
    assert meta["sourceSha256"] == hashlib.sha256(CLEAN.read_bytes()).hexdigest()
    assert "gitCommit" not in meta, "a source outside git has no commit"
    assert "UTKAST" not in pdf_text(clean.output("pdf"))


def test_two_renders_are_byte_identical(tmp_path: Path) -> None:
    src = tmp_path / "avtal.yaml"
    shutil.copyfile(CLEAN, src)
    first, second = tmp_path / "a", tmp_path / "b"
    assert run_iop("render", src, "--out", first, "--to", "pdf,docx,html").exit_code == 0
    assert run_iop("render", src, "--out", second, "--to", "pdf,docx,html").exit_code == 0
    for fmt in ("pdf", "docx", "html"):
        assert (first / f"avtal.{fmt}").read_bytes() == (second / f"avtal.{fmt}").read_bytes(), fmt


def test_invalid_agreement_is_refused_with_findings(tmp_path: Path) -> None:
    src = tmp_path / "trasig.yaml"
    text = CLEAN.read_text(encoding="utf-8").replace("möten_per_år: 4", "möten_per_år: fyra")
    src.write_text(text, encoding="utf-8")
    result = run_iop("render", src, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "möten_per_år" in result.stderr
    assert "renderas inte" in result.stderr and "--draft" in result.stderr
    assert not (tmp_path / "out" / "trasig.pdf").exists()

    drafted = run_iop("render", src, "--out", tmp_path / "out", "--draft")
    assert drafted.exit_code == 0, drafted.output
    pdf = tmp_path / "out" / "trasig.pdf"
    assert "UTKAST" in pdf_text(pdf)
    assert props(pdf)["draft"] == "True"


def test_lint_error_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "lou.yaml"
    text = CLEAN.read_text(encoding="utf-8").replace(
        "Kommunen bidrar med ekonomiska medel och lokaler,",
        "Föreningen tar över kommunens myndighetsutövning och verkställer biståndsbeslut. Kommunen bidrar med ekonomiska medel och lokaler,",
    )
    src.write_text(text, encoding="utf-8")
    assert run_iop("validate", src).exit_code == 0, "the change must only be a lint finding"
    result = run_iop("render", src, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert " fel LOU" in result.stderr
    assert not (tmp_path / "out" / "lou.pdf").exists()


def test_unreadable_yaml_is_refused_without_traceback(tmp_path: Path) -> None:
    src = tmp_path / "syntax.yaml"
    src.write_text("titel: [öppen\n", encoding="utf-8")
    result = run_iop("render", src, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "YAML001" in result.stderr and "Traceback" not in result.output


def test_up_to_date_outputs_are_skipped(tmp_path: Path) -> None:
    src = tmp_path / "avtal.yaml"
    shutil.copyfile(CLEAN, src)
    out = tmp_path / "out"
    assert run_iop("render", src, "--out", out).exit_code == 0
    pdf = out / "avtal.pdf"
    made = pdf.stat().st_mtime_ns
    again = run_iop("render", src, "--out", out)
    assert again.exit_code == 0 and "redan aktuella: 1" in again.stdout
    assert pdf.stat().st_mtime_ns == made
    # a draft is a different output: not up to date
    assert "redan aktuella: 0" in run_iop("render", src, "--out", out, "--draft").stdout
    assert "redan aktuella: 0" in run_iop("render", src, "--out", out).stdout
    made = pdf.stat().st_mtime_ns
    assert "redan aktuella: 0" in run_iop("render", src, "--out", out, "--force").stdout
    assert pdf.stat().st_mtime_ns > made
    # a newer source is rendered again
    src.write_text(src.read_text(encoding="utf-8").replace("version: 3", "version: 4"), encoding="utf-8")
    changed = run_iop("render", src, "--out", out)
    assert "Skrivna filer: 1," in changed.stdout
    assert props(pdf)["version"] == "4"


def test_formats_as_list_or_repeated_and_unknown_format(tmp_path: Path) -> None:
    src = tmp_path / "avtal.yaml"
    shutil.copyfile(CLEAN, src)
    result = run_iop("render", src, "--out", tmp_path, "--to", "html", "--to", "docx")
    assert result.exit_code == 0
    assert sorted(p.suffix for p in tmp_path.glob("avtal.*") if p.suffix != ".yaml") == [".docx", ".html"]
    bad = run_iop("render", src, "--to", "odt")
    assert bad.exit_code == 2 and "odt" in bad.stderr


def test_batch_of_folder_uses_workers(tmp_path: Path) -> None:
    folder = tmp_path / "avtal"
    folder.mkdir()
    for name in ("ett", "tva", "tre"):
        shutil.copyfile(CLEAN, folder / f"{name}.yaml")
    result = run_iop("render", folder, "--out", tmp_path / "out", "--to", "html")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").glob("*.html")) == ["ett.html", "tre.html", "tva.html"]


def test_info_prints_metadata(clean: Rendered, iop_exe: str) -> None:
    pdf = clean.output("pdf")
    sha = hashlib.sha256(CLEAN.read_bytes()).hexdigest()
    env = {**os.environ, "IOP_LANG": "sv"}
    shown = subprocess.run([iop_exe, "info", str(pdf)], capture_output=True, text=True, env=env, check=False)
    assert shown.returncode == 0, shown.stderr
    assert f"Källfilens SHA-256:   {sha}" in shown.stdout
    assert "Teststads kommun (org.nr 212000-0001)" in shown.stdout
    assert "kommunen (sida" in shown.stdout and "foreningen (sida" in shown.stdout
    english = run_iop("info", pdf, "--lang", "en", "--format", "json")
    data = json.loads(english.stdout)
    assert data["source_sha256"] == sha and data["version"] == "3" and data["pdfa"] == "2b"
    assert [f["name"] for f in data["signature_fields"]] == ["kommunen", "foreningen"]
    assert "Source SHA-256" in run_iop("info", pdf, "--lang", "en").stdout


def test_info_rejects_other_files(tmp_path: Path) -> None:
    bogus = tmp_path / "x.pdf"
    bogus.write_bytes(b"not a pdf")
    result = run_iop("info", bogus)
    assert result.exit_code == 1 and "är ingen PDF" in result.stderr


def test_info_on_a_rendered_html_says_it_is_not_a_pdf(clean: Rendered) -> None:
    result = run_iop("info", clean.output("html"))
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("öppna HTML och DOCX i en webbläsare eller ordbehandlare.")
    assert "är ingen PDF (HTML)" in result.stderr and "trailer" not in result.stderr
    assert result.stdout == ""
    missing = run_iop("info", clean.out / "saknas.pdf")
    assert missing.exit_code == 1 and "filen finns inte" in missing.stderr


def test_render_accepts_o(tmp_path: Path) -> None:
    result = run_iop("render", CLEAN, "-o", tmp_path / "ut", "--to", "html")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ut" / f"{CLEAN.stem}.html").exists()


def test_same_file_name_in_two_folders_is_a_usage_error(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copyfile(CLEAN, tmp_path / folder / "avtal.yaml")
    result = run_iop("render", tmp_path / "a", tmp_path / "b", "--out", tmp_path / "out")
    assert result.exit_code == 2 and "samma utfil" in result.stderr
