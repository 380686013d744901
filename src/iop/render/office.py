"""The DOCX copy (through ``render/reference.docx``) and the standalone HTML copy."""

from __future__ import annotations

from typing import Any

from iop.assets import asset
from iop.loader import Document
from iop.render import docx_pages, pandoc
from iop.render import pandoc_ast as A
from iop.render.document import KICKER, build, page_reference
from iop.render.provenance import Provenance


def provenance_lines(doc: Document, prov: Provenance) -> list[str]:
    """What the PDF keeps in its XMP, printed at the end of the DOCX and HTML copies."""
    data = doc.data
    lines = [
        f"Version {data.get('version')} · {page_reference(data)} · {data.get('id')}"
        if data.get("diarienummer")
        else f"Version {data.get('version')} · {data.get('id')}",
        f"Källfil: {prov.source} · SHA-256: {prov.sha256}",
    ]
    if prov.commit:
        lines.append(f"Git-commit: {prov.commit}" + (f" ({prov.git_state})" if prov.git_state else ""))
    lines.append(f"Framställd med iop {prov.tool_version}")
    return lines


def _with_provenance(ast: dict[str, Any], doc: Document, prov: Provenance, style: str | None) -> None:
    paras = [A.para(A.text_inlines(line)) for line in provenance_lines(doc, prov)]
    if style:
        ast["blocks"].append(A.div(paras, attrs=[["custom-style", style]]))
    else:
        ast["blocks"].append(A.div(paras, ["iop-provenance"]))


def render_html(doc: Document, prov: Provenance, *, draft: bool) -> bytes:
    """A standalone HTML page with the stylesheet embedded (no external resources)."""
    ast, _ = build(doc.data, "html", draft=draft)
    css = asset("render", "signing.css").read_text(encoding="utf-8").replace("</", "<\\/")
    ast["meta"] = {
        "pagetitle": A.meta_inlines(str(doc.data.get("titel") or doc.data.get("id") or "")),
        "lang": {"t": "MetaString", "c": "sv"},
        # our own stylesheet from render/, inlined (never agreement text)
        "header-includes": {"t": "MetaBlocks", "c": [A.raw_block("html", f"<style>\n{css}</style>")]},
    }
    _with_provenance(ast, doc, prov, None)
    return pandoc.run(ast, "html5", ["--standalone"])  # headings numbered by the builder


def render_docx(doc: Document, prov: Provenance, *, draft: bool) -> bytes:
    """A Word document with the Swedish styles of ``render/reference.docx``."""
    ast, _ = build(doc.data, "docx", draft=draft)
    data = doc.data
    ast["meta"] = {
        "title": A.meta_inlines(str(data.get("titel") or data.get("id") or "")),
        "subtitle": A.meta_inlines(KICKER),
        "lang": {"t": "MetaString", "c": "sv-SE"},
        "subject": A.meta_inlines(f"IOP-överenskommelse {data.get('id')}, version {data.get('version')}"),
        "keywords": {
            "t": "MetaList",
            "c": [A.meta_inlines("IOP"), A.meta_inlines(str(data.get("id") or ""))],
        },
        "description": A.meta_inlines(f"Källfilens SHA-256: {prov.sha256}"),
    }
    _with_provenance(ast, doc, prov, "Footnote Text")
    written = pandoc.run(
        ast,
        "docx",
        ["--number-sections", "--reference-doc", str(asset("render", "reference.docx"))],
        epoch=int(prov.timestamp.timestamp()),
    )
    footer = f"Version {data.get('version')} · {page_reference(data)}"
    return docx_pages.finish(written, footer, draft=draft)
