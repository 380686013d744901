"""The signing copy: Pandoc → Typst → PDF/A-2b; signature fields and XMP with pikepdf.

Typst compiles in a private, empty root folder, so a Typst file function could
reach nothing even if agreement text ever became code (it cannot: see
``document.py``). The creation date comes from the agreement, and pikepdf
writes deterministic ids, so the same YAML and tool version give the same bytes.
"""

from __future__ import annotations

import io
import itertools
import json
import shutil
import tempfile
from collections.abc import Mapping
from functools import cache
from multiprocessing.util import Finalize
from pathlib import Path
from typing import Any

from iop.assets import asset
from iop.loader import Document
from iop.render import glyphs, metadata, pandoc
from iop.render.document import build, field_name, items, name_pattern, page_reference
from iop.render.provenance import Provenance

_counter = itertools.count()


@cache
def fonts() -> Any:
    """The fonts shipped in ``render/fonts`` (never the system's), loaded once."""
    import typst

    return typst.Fonts(include_system_fonts=False, font_paths=[str(asset("render", "fonts"))])


@cache
def _workdir() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="iop-typst-"))
    # Finalize, not atexit: a render worker process ends without running atexit handlers
    Finalize(None, shutil.rmtree, args=(folder, True), exitpriority=1)
    return folder


def party_lines(data: Mapping[str, Any]) -> list[str]:
    """``Name (org.nr 212000-0001)`` for every party."""
    out = []
    for p in items(data.get("parter")):
        if isinstance(p, Mapping):
            name = str(p.get("namn") or p.get("id") or "")
            orgnr = p.get("organisationsnummer")
            out.append(f"{name} (org.nr {orgnr})" if orgnr else name)
    return out


def field_names(party_ids: list[str]) -> list[str]:
    """Unique field names: the party id, with ``-2``, ``-3`` ... for a party that signs twice."""
    seen: dict[str, int] = {}
    names = []
    for i, pid in enumerate(party_ids):
        base = field_name(pid, i)
        seen[base] = seen.get(base, 0) + 1
        names.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return names


def _compile(
    source: bytes, inputs: dict[str, str], prov: Provenance, doc: Document
) -> tuple[bytes, list[dict[str, Any]]]:
    import typst

    path = _workdir() / f"doc-{next(_counter)}.typ"
    path.write_bytes(source)
    try:
        compiler = typst.Compiler(
            input=str(path),
            root=str(_workdir()),
            font_paths=fonts(),
            ignore_system_fonts=True,
            sys_inputs=inputs,
        )
        pdf = compiler.compile(format="pdf", pdf_standards=["a-2b"], timestamp=prov.timestamp)
        positions = json.loads(compiler.query("<iop-sigfield>", field="value", format="json"))
    except (RuntimeError, ValueError) as exc:
        message = getattr(exc, "message", None) or str(exc)
        missing = glyphs.from_typst_error(doc, message)
        if missing is not None:
            raise pandoc.UnshowableText([missing]) from None
        raise pandoc.RenderError(f"typst: {message}") from None
    finally:
        path.unlink(missing_ok=True)
    assert isinstance(pdf, bytes)
    return pdf, positions


def _add_fields(pdf: Any, positions: list[dict[str, Any]], names: list[str], labels: list[str]) -> None:
    """Empty signature fields (AcroForm /Sig widgets) where Typst placed the signature boxes.

    The same objects pyHanko's ``append_signature_field`` writes (a locked, printable
    widget merged with its field and an empty appearance stream, as PDF/A wants), built
    with pikepdf: importing pyHanko alone would take half of the one-second budget.
    """
    from pikepdf import Array, Dictionary, Name, String

    fields = []
    for pos in sorted(positions, key=lambda p: int(p["idx"])):
        idx = int(pos["idx"])
        page = pdf.pages[int(pos["page"]) - 1]
        height = float(page.MediaBox[3])
        x, y, w, h = (float(pos[k]) for k in ("x", "y", "w", "h"))
        appearance = pdf.make_stream(
            b"",
            Type=Name.XObject,
            Subtype=Name.Form,
            BBox=[0, 0, round(w, 2), round(h, 2)],
            Resources=Dictionary(),
        )
        field = pdf.make_indirect(
            Dictionary(
                Type=Name.Annot,
                Subtype=Name.Widget,
                FT=Name.Sig,
                T=String(names[idx]),
                TU=String(labels[idx]),
                Rect=[round(x, 2), round(height - y - h, 2), round(x + w, 2), round(height - y, 2)],
                F=132,  # Print + Locked
                P=page.obj,
                AP=Dictionary(N=appearance),
            )
        )
        if "/Annots" not in page.obj:
            page.obj.Annots = Array()
        page.obj.Annots.append(field)
        fields.append(field)
    if fields:
        pdf.Root.AcroForm = Dictionary(Fields=Array(fields), SigFlags=1)


def _finish(
    pdf_bytes: bytes,
    positions: list[dict[str, Any]],
    names: list[str],
    labels: list[str],
    values: dict[str, str],
) -> bytes:
    """Add the signature fields and iop's XMP properties; save with deterministic ids."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        _add_fields(pdf, positions, names, labels)
        stream = pdf.make_stream(metadata.add_properties(pdf.Root.Metadata.read_bytes(), values))
        stream.Type = pikepdf.Name.Metadata
        stream.Subtype = pikepdf.Name.XML
        pdf.Root.Metadata = stream
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, fix_metadata_version=False)
    return out.getvalue()


def typst_source(ast: dict[str, Any]) -> bytes:
    """The Typst source for ``ast``. Unwrapped: a wrapped line that starts with ``2024.`` would
    be read by Typst as a numbered list item (``31 maj`` / ``2024.`` on a line of its own)."""
    return pandoc.run(ast, "typst", ["--wrap=none", "--template", str(asset("render", "signing.typst"))])


def render_pdf(doc: Document, prov: Provenance, *, draft: bool) -> bytes:
    """The signing copy of ``doc`` as PDF/A-2b bytes."""
    unshowable = glyphs.unshowable(doc)
    if unshowable:
        raise pandoc.UnshowableText(unshowable)
    data = doc.data
    ast, party_ids = build(data, "typst", draft=draft)
    source = typst_source(ast)
    parties = party_lines(data)
    inputs = {
        "iop-title": str(data.get("titel") or data.get("id") or ""),
        "iop-id": str(data.get("id") or ""),
        "iop-version": str(data.get("version") or ""),
        "iop-parties": "\n".join(parties),
        "iop-keywords": "\n".join(["IOP", "idéburet offentligt partnerskap", str(data.get("id") or "")]),
        "iop-description": f"IOP-överenskommelse, version {data.get('version')}; källfilens SHA-256: {prov.sha256}",
        "iop-draft": "1" if draft else "",
        "iop-ref": page_reference(data),
        "iop-names": name_pattern(data),
    }
    pdf, positions = _compile(source, inputs, prov, doc)
    names = field_names(party_ids)
    party_names = {
        str(p.get("id")): str(p.get("namn")) for p in items(data.get("parter")) if isinstance(p, Mapping)
    }
    labels = [f"Underskrift för {party_names.get(pid, pid)}" for pid in party_ids]
    values = {
        "agreementId": inputs["iop-id"],
        "version": str(data.get("version") or ""),
        "status": str(data.get("status") or ""),
        "parties": inputs["iop-parties"],
        "sourceFile": prov.source,
        "sourceSha256": prov.sha256,
        "toolVersion": prov.tool_version,
        "draft": "True" if draft else "False",
        "signatureFields": "\n".join(names),
    }
    if prov.commit:
        values["gitCommit"] = prov.commit
    if prov.git_state:
        values["gitState"] = prov.git_state
    return _finish(pdf, positions, names, labels, values)
