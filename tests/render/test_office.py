"""The DOCX and HTML copies carry the same content as the PDF."""

from __future__ import annotations

import html
import re
import zipfile

from render_helpers import CLEAN, Rendered, flat

from iop.loader import load


def docx_text(path: object) -> tuple[str, dict[str, str]]:
    with zipfile.ZipFile(str(path)) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
        styles = docx.read("word/styles.xml").decode("utf-8")
        core = docx.read("docProps/core.xml").decode("utf-8")
        footer = docx.read("word/footer1.xml").decode("utf-8")
    assert "NUMPAGES" in footer and "sida" in footer
    words = html.unescape(" ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", body)))
    return words, {"styles": styles, "core": core, "body": body}


def test_docx_has_content_and_swedish_styles(clean: Rendered) -> None:
    data = load(CLEAN).data
    words, parts = docx_text(clean.output("docx"))
    for needle in (
        data["titel"],
        *(p["namn"] for p in data["parter"]),
        "Ändringar och tillägg",
        "Underskrifter",
    ):
        assert flat(needle) in flat(words), needle
    assert "Ort och datum" in words and "Namnförtydligande" in words
    assert "1\u00a0194\u00a0500\u00a0kr" in words or "1 194 500 kr" in words
    assert 'w:val="sv-SE"' in parts["styles"]
    assert "Calibri" in parts["styles"]
    assert 'w:w="11906"' in parts["body"], "A4 page"
    assert "Heading1" in parts["body"]
    assert html.escape(data["titel"], quote=False) in parts["core"]


def test_html_is_standalone_with_its_stylesheet(clean: Rendered) -> None:
    data = load(CLEAN).data
    page = clean.output("html").read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert '<html xmlns="http://www.w3.org/1999/xhtml" lang="sv"' in page
    assert "--accent" in page, "the stylesheet is embedded"
    assert not re.search(r"""(src|href)=["']?https?:""", page), "no external resources"
    assert "<link" not in page
    shown = html.unescape(re.sub(r"<[^>]+>", " ", page))
    for needle in (data["titel"], *(p["namn"] for p in data["parter"]), "Ändringar och tillägg"):
        assert flat(needle) in flat(shown), needle
    assert 'class="header-section-number">1</span>' in page
    assert "SHA-256" in shown
