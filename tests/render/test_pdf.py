"""The signing copy PDF: content, signature fields, PDF/A markers, fonts, metadata."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from render_helpers import flat, pdf_text

from iop.loader import load
from iop.render.document import COVER_KEYS, SECTION_TITLE_OVERRIDES, page_reference, schema_info
from iop.render.metadata import read_properties


def expected_headings(data: Mapping[str, Any]) -> list[str]:
    """Section titles in schema order; further sections (övriga_avsnitt) under their own rubrik."""
    info = schema_info()
    out: list[str] = []
    for key in info.order:
        if key not in data or key in COVER_KEYS or key == "underskrifter" or data[key] in (None, "", [], {}):
            continue
        if key == "övriga_avsnitt":
            out += [str(section["rubrik"]) for section in data[key]]
        else:
            out.append(SECTION_TITLE_OVERRIDES.get(key) or info.title(key))
    return out


def test_text_holds_title_parties_and_every_heading(example_pdfs: dict[Path, Path]) -> None:
    for source, pdf in example_pdfs.items():
        data = load(source).data
        text = flat(pdf_text(pdf))
        assert flat(data["titel"]) in text, source
        for party in data["parter"]:
            assert flat(party["namn"]) in text, (source, party["namn"])
            assert party["organisationsnummer"] in text
        headings = expected_headings(data)
        assert "Ändringar och tillägg" in headings or "ändringar" not in data
        for heading in [*headings, "Underskrifter"]:
            assert flat(heading) in text, (source, heading)


def test_headings_are_numbered_in_schema_order(example_pdfs: dict[Path, Path]) -> None:
    source, pdf = next(iter(example_pdfs.items()))
    text = flat(pdf_text(pdf))
    positions = [text.find(flat(f"{i}{h}")) for i, h in enumerate(expected_headings(load(source).data), 1)]
    assert all(p >= 0 for p in positions), positions
    assert positions == sorted(positions)


def test_one_signature_field_per_signatory_on_the_signature_page(example_pdfs: dict[Path, Path]) -> None:
    import pypdf

    for source, path in example_pdfs.items():
        data = load(source).data
        expected = [s["part"] for s in data["underskrifter"]]
        texts = [p.extract_text() or "" for p in pypdf.PdfReader(path).pages]
        signature_page = max(i for i, t in enumerate(texts) if "Underskrifter" in t)
        with pikepdf.open(path) as pdf:
            pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
            fields = [f for f in pdf.Root.AcroForm.Fields if f.get("/FT") == "/Sig"]
            assert [str(f.T) for f in fields] == expected, source
            boxes: dict[int, list[tuple[float, ...]]] = {}
            for field in fields:
                page = pages[field.P.objgen]
                assert page >= signature_page, "field before the signature page"
                assert field.objgen in {a.objgen for a in pdf.pages[page].Annots}
                assert "/V" not in field, "field must be empty"
                mediabox = pdf.pages[page].MediaBox
                x1, y1, x2, y2 = (float(v) for v in field.Rect)
                assert 0 < x1 < x2 <= float(mediabox[2]) and 0 < y1 < y2 <= float(mediabox[3])
                assert x2 - x1 > 150 and y2 - y1 > 40, "field too small to sign in"
                boxes.setdefault(page, []).append((x1, y1, x2, y2))
            for rects in boxes.values():
                for i, a in enumerate(rects):
                    for b in rects[i + 1 :]:
                        overlap = a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
                        assert not overlap, f"fields overlap in {source}"


def test_field_lies_between_the_lines_of_its_block(example_pdfs: dict[Path, Path]) -> None:
    import pypdf

    for path in example_pdfs.values():
        reader = pypdf.PdfReader(path)
        with pikepdf.open(path) as pdf:
            pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
            fields = [(pages[f.P.objgen], [float(v) for v in f.Rect]) for f in pdf.Root.AcroForm.Fields]
        for page_ix, (x1, bottom, _x2, top) in fields:
            labels: list[tuple[str, float, float]] = []

            def visit(text: str, cm: Any, tm: Any, font: Any, size: Any, into: list[Any] = labels) -> None:
                if text.strip() in {"Ort och datum", "Underskrift"}:
                    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                    into.append((text.strip(), x, y))

            reader.pages[page_ix].extract_text(visitor_text=visit)
            column = [(t, y) for t, x, y in labels if abs(x - x1) < 3]
            below = [y for t, y in column if t == "Underskrift" and 0 < bottom - y < 25]
            above = [y for t, y in column if t == "Ort och datum" and 0 < y - top < 40]
            assert below and above, f"{path.name}: field at {x1},{bottom} is not between its block's lines"


def test_pdfa_identification_and_embedded_fonts(example_pdfs: dict[Path, Path]) -> None:
    path = next(iter(example_pdfs.values()))
    with pikepdf.open(path) as pdf:
        xmp = pdf.Root.Metadata.read_bytes()
        assert read_properties(xmp)["pdfa"] == "2b"
        assert "/Filter" not in pdf.Root.Metadata, "PDF/A metadata stream must not be compressed"
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFA1"
        fonts = 0
        for page in pdf.pages:
            for font in page.Resources.get("/Font", {}).values():
                fonts += 1
                descendants = font.get("/DescendantFonts")
                descriptor = (descendants[0] if descendants else font).FontDescriptor
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
                assert "Carlito" in str(descriptor.FontName)
        assert fonts > 0
        info = pdf.docinfo
        assert str(info.Title) == read_properties(xmp)["title"]
        assert "/Producer" not in info or "pyHanko" not in str(info.Producer)
        assert str(info.ModDate) == str(info.CreationDate)


def test_metadata_holds_source_hash_parties_and_version(example_pdfs: dict[Path, Path]) -> None:
    for source, path in example_pdfs.items():
        data = load(source).data
        with pikepdf.open(path) as pdf:
            props = read_properties(pdf.Root.Metadata.read_bytes())
        assert props["sourceSha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
        assert props["agreementId"] == data["id"]
        assert props["version"] == str(data["version"])
        assert props["sourceFile"] == f"agreements/{source.name}"
        assert len(props["gitCommit"]) == 40
        for party in data["parter"]:
            assert party["namn"] in props["parties"]
        assert props["signatureFields"].split("\n") == [s["part"] for s in data["underskrifter"]]


def test_a4_footer_and_swedish_amounts(example_pdfs: dict[Path, Path]) -> None:
    import pypdf

    source, path = next(iter(example_pdfs.items()))
    data = load(source).data
    reader = pypdf.PdfReader(path)
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, 1):
        assert [round(float(v)) for v in page.mediabox[2:]] == [595, 842]
        footer = f"Version {data['version']} · {page_reference(data)} · sida {number} av {total}"
        assert footer in (page.extract_text() or ""), footer
    from iop.budget import compute, format_kr

    amount = format_kr(compute(data).total).replace("\u00a0", " ")
    assert amount in pdf_text(path).replace("\u00a0", " "), "amount with thousands separators, on one line"


def test_draft_status_prints_watermark(example_pdfs: dict[Path, Path]) -> None:
    drafts = [p for s, p in example_pdfs.items() if load(s).data.get("status") == "utkast"]
    finals = [p for s, p in example_pdfs.items() if load(s).data.get("status") != "utkast"]
    if not drafts:
        pytest.skip("no example agreement has status utkast")
    assert "UTKAST" in pdf_text(drafts[0])
    assert "UTKAST" not in pdf_text(finals[0])


def test_pyhanko_sees_empty_signature_fields(example_pdfs: dict[Path, Path]) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    source, path = next(iter(example_pdfs.items()))
    with path.open("rb") as handle:
        found = [(name, value) for name, value, _ref in enumerate_sig_fields(PdfFileReader(handle))]
    assert [name for name, _ in found] == [s["part"] for s in load(source).data["underskrifter"]]
    assert all(value is None for _, value in found)


def test_a_year_after_a_line_break_stays_text_not_a_numbered_list(example_files: list[Path]) -> None:
    """Pandoc wraps Typst source at 72 columns by default; a line that then starts with
    ``2024.`` is a numbered list item to Typst (seen as '31 maj' / '   2024.' in a signing copy)."""
    import re

    from iop.render.document import build
    from iop.render.pandoc_ast import document, para, text_inlines
    from iop.render.pdf import typst_source

    long_para = document([para(text_inlines("år 2024. " * 40))])
    assert not re.search(r"(?m)^\s*2024\.", typst_source(long_para).decode("utf-8"))
    for path in example_files:
        ast, _ = build(load(path).data, "typst")
        lines = typst_source(ast).decode("utf-8").splitlines()
        for before, line in itertools.pairwise(lines):
            if re.match(r"\s*\d+\.(\s|$)", line):  # only a real list item may start so
                assert not before.strip() or re.match(r"\s*(\d+\.|\+|-)\s", before), (path.name, before, line)
