"""The signing copy reads well: names keep together, pages name the diarienummer, the change
table names its decisions, DOCX pages carry version and UTKAST, and the HTML is accessible."""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from render_helpers import CLEAN, Rendered, pdf_text
from ruamel.yaml import YAML

from iop.assets import asset
from iop.loader import load, loads
from iop.render.document import Builder, page_reference


def _edited(edit: Any) -> Any:
    yaml = YAML()
    data = yaml.load(CLEAN.read_text(encoding="utf-8"))
    edit(data)
    out = io.StringIO()
    yaml.dump(data, out)
    return loads(out.getvalue().encode("utf-8"), "avtal.yaml")


def test_party_names_are_never_hyphenated(tmp_path: Path) -> None:
    from iop.render.pdf import render_pdf
    from iop.render.provenance import provenance

    names = ["Läxhjälpsföreningen", "Teststadsförbundet"]
    filler = ["och", "med", "för", "samt", "inom", "kring", "genom", "utifrån", "tillsammans", "hos"]
    words: list[str] = []
    for i in range(60):  # long name words at many different places in justified lines
        words += [*filler[: i % 7 + 1], names[i % 2]]

    def edit(data: Any) -> None:
        data["parter"][1]["namn"] = " ".join(names)
        data["syfte"] = " ".join(words)

    doc = _edited(edit)
    target = tmp_path / "avtal.pdf"
    target.write_bytes(render_pdf(doc, provenance(CLEAN, doc.sha256, doc.data), draft=True))
    text = pdf_text(target)
    broken = re.findall(r"(\w+)[-\u00ad]\n(\w+)", text)
    assert broken, "the text is long enough for the PDF to hyphenate some word"
    assert not [a + b for a, b in broken if a + b in names or any(n in a + b for n in names)], broken


def test_pages_name_the_diarienummer(clean: Rendered) -> None:
    import pypdf

    data = load(CLEAN).data
    assert data.get("diarienummer")
    pages = pypdf.PdfReader(clean.output("pdf")).pages
    for number, page in enumerate(pages, 1):
        footer = f"Version {data['version']} · Dnr {data['diarienummer']} · sida {number} av {len(pages)}"
        assert footer in (page.extract_text() or ""), footer
    assert page_reference({"id": "x"}) == "x"


def test_change_table_names_the_decision() -> None:
    data = {
        "beslut": [
            {"organ": "Kommunstyrelsen", "datum": "2025-03-12", "paragraf": "§ 45"},
            {"organ": "Föreningens styrelse", "datum": "2025-03-01"},
        ],
        "ändringar": [
            {"version": 1, "datum": "2025-03-12", "sammanfattning": "Första versionen."},
            {"version": 2, "datum": "2025-09-01", "beslut": "Styrgruppen", "sammanfattning": "Ny."},
            {"version": 3, "datum": "2026-01-10", "sammanfattning": "Inte beslutad ännu."},
        ],
    }
    (table,) = Builder(data, "typst").sec_andringar(data["ändringar"])
    rows = table["c"][4][0][3]
    cells = [
        " ".join(i["c"] for i in row[1][2][4][0]["c"] if i["t"] == "Str") for row in rows
    ]  # the Beslut column
    assert cells == ["Kommunstyrelsen § 45", "Styrgruppen", "–"]
    only = {"beslut": data["beslut"], "ändringar": [data["ändringar"][2]]}
    (single,) = Builder(only, "typst").sec_andringar(only["ändringar"])
    cell = single["c"][4][0][3][0][1][2][4][0]["c"]
    assert "Kommunstyrelsen" in [i.get("c") for i in cell]  # the only change rests on the decisions


def _docx_parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as docx:
        return {n: docx.read(n).decode("utf-8") for n in docx.namelist() if n.endswith((".xml", ".rels"))}


def test_docx_pages_carry_version_reference_and_draft_mark(clean: Rendered, injection: Rendered) -> None:
    data = load(CLEAN).data
    parts = _docx_parts(clean.output("docx"))
    footer_words = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", parts["word/footer1.xml"]))
    assert footer_words.startswith(f"Version {data['version']} · Dnr {data['diarienummer']} · sida ")
    assert "word/header1.xml" not in parts and "UTKAST" not in footer_words
    draft = _docx_parts(injection.output("docx"))
    assert "UTKAST – inte för underskrift" in draft["word/header1.xml"]
    assert 'r:id="rIdIopHeader"' in draft["word/document.xml"]
    assert "header1.xml" in draft["word/_rels/document.xml.rels"]
    assert "/word/header1.xml" in draft["[Content_Types].xml"]
    assert "UTKAST · Version" in "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", draft["word/footer1.xml"]))


class _Outline(HTMLParser):
    """Headings, tables and the html element's lang, as a screen reader would meet them."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.headings: list[tuple[int, str]] = []
        self.tables: list[dict[str, int]] = []
        self.hidden: list[str] = []
        self._heading: list[str] | None = None
        self._level = 0
        self._in_thead = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang") or ""
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._level = [], int(tag[1])
        if tag == "table":
            self.tables.append({"th": 0, "thead_th": 0})
        if tag == "thead":
            self._in_thead = True
        if tag == "th" and self.tables:
            self.tables[-1]["th"] += 1
            self.tables[-1]["thead_th"] += self._in_thead
        if found.get("aria-hidden") == "true":
            self.hidden.append(found.get("class") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self._in_thead = False
        if self._heading is not None and tag == f"h{self._level}":
            self.headings.append((self._level, " ".join("".join(self._heading).split())))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)


def _outline(page: str) -> _Outline:
    parser = _Outline()
    parser.feed(page)
    return parser


def test_html_outline_is_accessible(clean: Rendered, injection: Rendered) -> None:
    data = load(CLEAN).data
    found = _outline(clean.output("html").read_text(encoding="utf-8"))
    assert found.lang == "sv"
    levels = [level for level, _ in found.headings]
    assert levels.count(1) == 1 and found.headings[0] == (1, " ".join(data["titel"].split()))
    assert all(2 <= level <= 4 for level in levels[1:])
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), "no skipped heading level"
    assert (2, "1 Parter") in found.headings and (2, "Underskrifter") in found.headings
    # numbers run 1, 1.1, 1.2, 2 ...: each sub-heading is numbered under its section
    parents: dict[int, str] = {}
    for level, title in found.headings[1:]:
        number = title.split()[0]
        if not re.fullmatch(r"\d+(\.\d+)*", number):
            continue
        assert number.count(".") == level - 2, (level, title)
        if level > 2:
            assert number.rsplit(".", 1)[0] == parents[level - 1], (title, parents)
        parents[level] = number
    assert found.tables, "the agreement has tables"
    assert all(t["thead_th"] > 0 for t in found.tables), "every table has column headers"
    draft = _outline(injection.output("html").read_text(encoding="utf-8"))
    assert draft.hidden == ["iop-watermark"], "the decorative watermark is hidden from screen readers"


def _hex(value: str) -> str:
    """``#abc`` -> ``#aabbcc``."""
    return "#" + "".join(c * 2 for c in value[1:]) if len(value) == 4 else value


def _luminance(hex_colour: str) -> float:
    hex_colour = _hex(hex_colour)
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(fg: str, bg: str) -> float:
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_stylesheet_text_colours_meet_wcag_aa() -> None:
    css = asset("render", "signing.css").read_text(encoding="utf-8")
    hexa = r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b"
    variables = dict(re.findall(rf"--([\w-]+):\s*({hexa})", css))
    page = re.search(rf"body\s*\{{[^}}]*?background:\s*({hexa})", css)
    assert page, "the page background is declared"
    checked = 0
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        colour = re.search(r"(?<![-\w])color:\s*([^;]+);?", body)
        if colour is None or ".iop-watermark" in selector:  # decorative, aria-hidden (tested above)
            continue
        value = colour.group(1).strip()
        value = variables.get(value[6:-1].lstrip("-"), value) if value.startswith("var(") else value
        assert re.fullmatch(hexa, value), (selector, value)
        background = re.search(rf"background:\s*({hexa})", body)
        bg = background.group(1) if background else page.group(1)
        # all text here is normal size (bold below 14pt): 4.5:1
        assert contrast(value, bg) >= 4.5, (selector.strip(), value, bg, round(contrast(value, bg), 2))
        checked += 1
    assert checked >= 5
    # also the muted text of the draft note's grey box
    note = re.search(rf"\.iop-draft-note\s*\{{[^}}]*background:\s*({hexa})", css)
    assert note and contrast("#1b1b1b", note.group(1)) >= 4.5


@pytest.mark.parametrize(("fg", "bg", "ratio"), [("#000000", "#ffffff", 21.0), ("#777777", "#ffffff", 4.48)])
def test_contrast_formula(fg: str, bg: str, ratio: float) -> None:
    assert round(contrast(fg, bg), 2) == ratio
