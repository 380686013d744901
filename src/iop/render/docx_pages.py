"""What each DOCX page says about the document: the footer names version and diarienummer
(or id), and a draft carries UTKAST in its header on every page.

``render/reference.docx`` has a footer "sida X av Y"; the writer copies it unchanged,
so the document's own facts are filled in here, in the finished archive. Entries keep
their order and timestamps, so the file stays reproducible.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER_REL = f"{R}/header"
HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
FOOTER_PART = "word/footer1.xml"
HEADER_PART = "word/header1.xml"
PAGE_WORD = b'<w:t xml:space="preserve">sida </w:t>'
DRAFT_TEXT = "UTKAST – inte för underskrift"


def _header() -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:hdr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
        '<w:r><w:rPr><w:b/><w:color w:val="9C1C1C"/><w:sz w:val="24"/></w:rPr>'
        f"<w:t>{escape(DRAFT_TEXT)}</w:t></w:r></w:p></w:hdr>"
    ).encode()


def _edit(name: str, data: bytes, footer: str, draft: bool) -> bytes:
    if name == FOOTER_PART:
        prefix = escape(f"{'UTKAST · ' if draft else ''}{footer} · sida ")
        return data.replace(PAGE_WORD, f'<w:t xml:space="preserve">{prefix}</w:t>'.encode(), 1)
    if not draft:
        return data
    if name == "word/document.xml":
        ref = f'<w:headerReference xmlns:r="{R}" r:id="rIdIopHeader" w:type="default"/>'
        at = data.rfind(b"<w:sectPr")
        end = data.index(b">", at) + 1
        return data[:end] + ref.encode() + data[end:]
    if name == "word/_rels/document.xml.rels":
        rel = f'<Relationship Id="rIdIopHeader" Target="header1.xml" Type="{HEADER_REL}" /></Relationships>'
        return data.replace(b"</Relationships>", rel.encode(), 1)
    if name == "[Content_Types].xml":
        override = f'<Override PartName="/{HEADER_PART}" ContentType="{HEADER_TYPE}" /></Types>'
        return data.replace(b"</Types>", override.encode(), 1)
    return data


def finish(docx: bytes, footer: str, *, draft: bool) -> bytes:
    """``docx`` with ``footer`` before "sida X av Y", and UTKAST on every page of a draft."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        infos = src.infolist()
        for info in infos:
            dst.writestr(info, _edit(info.filename, src.read(info), footer, draft))
        if draft and HEADER_PART not in src.namelist():
            header = zipfile.ZipInfo(
                HEADER_PART, date_time=infos[0].date_time if infos else (1980, 1, 1, 0, 0, 0)
            )
            header.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(header, _header())
    return out.getvalue()
