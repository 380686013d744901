"""Generate ``render/reference.docx``: Pandoc's default reference document with Swedish styles.

Run ``python -m iop.render.reference_docx [OUT]`` after changing the settings
below. Calibri is named (Word users have it; the PDF uses the metric-compatible
Carlito), language ``sv-SE``, A4 with 25 mm margins, headings in the same blue
as the PDF, a footer "sida X av Y". The archive is written with fixed timestamps, so it is reproducible.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

from lxml import etree

from iop.render.pandoc import pandoc_path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT = "Calibri"
ACCENT = "1F3B5A"
MUTED = "595959"
# styleId -> (size in half-points, bold, colour, space before, space after, alignment)
STYLES: dict[str, tuple[int, bool, str | None, int | None, int | None, str | None]] = {
    "Title": (40, True, ACCENT, 0, 240, "left"),
    "Subtitle": (20, False, MUTED, 0, 80, "left"),
    "Heading1": (28, True, ACCENT, 360, 120, None),
    "Heading2": (23, True, ACCENT, 240, 80, None),
    "Heading3": (22, True, ACCENT, 200, 60, None),
    "BodyText": (22, False, None, 60, 120, None),
    "Compact": (21, False, None, 20, 20, None),
}
A4 = {"w": "11906", "h": "16838"}
MARGIN_TWIPS = "1417"  # 25 mm


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _child(parent: etree._Element, name: str) -> etree._Element:
    found = parent.find(_w(name))
    if found is None:
        found = etree.SubElement(parent, _w(name))
    return found


def _set_fonts(rpr: etree._Element) -> None:
    fonts = _child(rpr, "rFonts")
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(_w(attr), FONT)


def restyle(styles_xml: bytes) -> bytes:
    root = etree.fromstring(styles_xml, etree.XMLParser(resolve_entities=False, no_network=True))
    rpr = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
    assert rpr is not None
    _set_fonts(rpr)
    _child(rpr, "sz").set(_w("val"), "22")
    _child(rpr, "szCs").set(_w("val"), "22")
    lang = _child(rpr, "lang")
    lang.set(_w("val"), "sv-SE")
    for style in root.iter(_w("style")):
        sid = style.get(_w("styleId"))
        if sid not in STYLES and sid not in {f"{s}Char" for s in STYLES}:
            continue
        size, bold, colour, before, after, align = STYLES[
            sid.removesuffix("Char") if sid.endswith("Char") else sid
        ]
        srpr = _child(style, "rPr")
        _set_fonts(srpr)
        _child(srpr, "sz").set(_w("val"), str(size))
        _child(srpr, "szCs").set(_w("val"), str(size))
        if bold:
            _child(srpr, "b")
        if colour:
            col = _child(srpr, "color")
            for attr in list(col.attrib):
                del col.attrib[attr]
            col.set(_w("val"), colour)
        if sid.endswith("Char"):
            continue
        ppr = _child(style, "pPr")
        if before is not None or after is not None:
            spacing = _child(ppr, "spacing")
            if before is not None:
                spacing.set(_w("before"), str(before))
            if after is not None:
                spacing.set(_w("after"), str(after))
        if align:
            _child(ppr, "jc").set(_w("val"), align)
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out


def a4(document_xml: bytes) -> bytes:
    root = etree.fromstring(document_xml, etree.XMLParser(resolve_entities=False, no_network=True))
    sect = root.find(f".//{_w('sectPr')}")
    assert sect is not None
    size = _child(sect, "pgSz")
    for key, value in A4.items():
        size.set(_w(key), value)
    margins = _child(sect, "pgMar")
    for key in ("top", "bottom", "left", "right"):
        margins.set(_w(key), MARGIN_TWIPS)
    for key, value in (("header", "709"), ("footer", "709"), ("gutter", "0")):
        margins.set(_w(key), value)
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out


R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FOOTER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
FOOTER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"


def _field(code: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


FOOTER = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:ftr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
    f'<w:r><w:rPr><w:color w:val="{MUTED}"/><w:sz w:val="17"/></w:rPr><w:t xml:space="preserve">sida </w:t></w:r>'
    + _field("PAGE")
    + f'<w:r><w:rPr><w:color w:val="{MUTED}"/><w:sz w:val="17"/></w:rPr><w:t xml:space="preserve"> av </w:t></w:r>'
    + _field("NUMPAGES")
    + "</w:p></w:ftr>"
).encode("utf-8")


def with_footer(name: str, data: bytes) -> bytes:
    """Reference a "sida X av Y" footer from the section, its relationship and content type."""
    if name == "word/document.xml":
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        sect = root.find(f".//{_w('sectPr')}")
        assert sect is not None
        ref = etree.Element(_w("footerReference"))
        ref.set(_w("type"), "default")
        ref.set(f"{{{R}}}id", "rIdIopFooter")
        sect.insert(0, ref)
        out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return out
    if name == "word/_rels/document.xml.rels":
        rel = f'<Relationship Type="{FOOTER_REL}" Id="rIdIopFooter" Target="footer1.xml" /></Relationships>'
        return data.replace(b"</Relationships>", rel.encode())
    if name == "[Content_Types].xml":
        override = f'<Override PartName="/word/footer1.xml" ContentType="{FOOTER_TYPE}" /></Types>'
        return data.replace(b"</Types>", override.encode())
    return data


def build() -> bytes:
    """The restyled reference document as bytes."""
    default = subprocess.run(
        [pandoc_path(), "--print-default-data-file", "reference.docx"], capture_output=True, check=True
    ).stdout
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(default)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist()):
            data = src.read(name)
            if name == "word/styles.xml":
                data = restyle(data)
            elif name == "word/document.xml":
                data = a4(data)
            data = with_footer(name, data)
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data)
        info = zipfile.ZipInfo("word/footer1.xml", date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        dst.writestr(info, FOOTER)
    return out.getvalue()


def main(argv: list[str]) -> int:
    from iop.assets import asset

    target = Path(argv[0]) if argv else asset("render", "reference.docx")
    target.write_bytes(build())
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
