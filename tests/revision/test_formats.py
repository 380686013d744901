"""Every output format of iop diff: text, markdown, html and pdf, with agreement text escaped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdf
import pytest
from click.testing import CliRunner
from revision_helpers import EXAMPLE, edited

from iop.cli import cli
from iop.loader import load

HOSTILE = "<script>alert(1)</script> **fet** | `kod` #rubrik [länk](http://x) @someone"


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str, str]:
    """Old and new versions: one word replaced in syfte, hostile markup added to bakgrund."""
    tmp = tmp_path_factory.mktemp("formats")
    old = tmp / "old.yaml"
    old.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    words = load(old).data["syfte"].split()
    removed = next(w for w in words if len(w) > 7 and w.isalpha())

    def edit(root: Any) -> None:
        root["syfte"] = root["syfte"].replace(removed, "Pingvinhjälp", 1)
        root["bakgrund"] = root["bakgrund"] + HOSTILE + "\n"
        root["version"] += 1
        root["ändringar"].append(
            {"version": root["version"], "datum": "2026-02-01", "sammanfattning": "Nytt."}
        )

    new = tmp / "new.yaml"
    new.write_text(edited(old, edit), encoding="utf-8")
    return old, new, removed, "Pingvinhjälp"


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, ["diff", *args], catch_exceptions=False)


def test_text_has_no_colour_when_not_a_terminal(pair: tuple[Path, Path, str, str]) -> None:
    old, new, removed, inserted = pair
    result = invoke(str(old), str(new))
    assert f"[-{removed}-]" in result.output and f"{{+{inserted}+}}" in result.output
    assert "\x1b[" not in result.output
    coloured = invoke("--color", "always", str(old), str(new))
    assert "\x1b[" in coloured.output


def test_markdown_escapes_agreement_text(pair: tuple[Path, Path, str, str]) -> None:
    old, new, removed, inserted = pair
    out = invoke("--format", "markdown", str(old), str(new)).output
    assert out.startswith("## linkoping-brottsofferjouren")
    assert f"~~{removed}~~**{inserted}**" in out
    assert "<script>" not in out and "\\<script\\>" in out
    assert "\\*\\*fet\\*\\*" in out and "\\|" in out and "\\`kod\\`" in out
    assert "\\[länk\\]" in out and "\\@someone" in out and "\\#rubrik" in out


def test_html_redline_is_standalone_and_escaped(pair: tuple[Path, Path, str, str], tmp_path: Path) -> None:
    old, new, removed, inserted = pair
    target = tmp_path / "redline.html"
    assert invoke("--format", "html", "-o", str(target), str(old), str(new)).exit_code == 0
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert f"<del>{removed}</del>" in page and f"<ins>{inserted}</ins>" in page
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_pdf_redline_contains_deleted_and_inserted_words(
    pair: tuple[Path, Path, str, str], tmp_path: Path
) -> None:
    old, new, removed, inserted = pair
    target = tmp_path / "redline.pdf"
    result = invoke("--format", "pdf", "-o", str(target), str(old), str(new))
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(str(target))
    content = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(content.split())
    assert removed in flat and inserted in flat
    # shown literally, never interpreted (compared without line breaks, which may fall inside it)
    assert "<script>alert(1)</script>" in "".join(content.split())
    assert "Ändringar i överenskommelsen" in flat


def test_english_labels(pair: tuple[Path, Path, str, str]) -> None:
    old, new, _, _ = pair
    out = CliRunner().invoke(cli, ["--lang", "en", "diff", "--format", "markdown", str(old), str(new)]).output
    assert " · changed" in out and " · ändrad" not in out
