"""The signing copy: Pandoc → Typst → PDF/A-2b, signature fields (pyHanko), XMP (pikepdf).

Typst compiles in a private, empty root folder, so a Typst file function could
reach nothing even if agreement text ever became code (it cannot: see
``document.py``). The creation date comes from the agreement, and pikepdf
writes deterministic ids, so the same YAML and tool version give the same bytes.
"""

from __future__ import annotations

import atexit
import io
import itertools
import json
import shutil
import tempfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from iop.assets import asset
from iop.loader import Document
from iop.render import metadata, pandoc
from iop.render.document import build, field_name
from iop.render.provenance import Provenance

_counter = itertools.count()


@cache
def _fonts() -> Any:
    import typst

    return typst.Fonts(include_system_fonts=False, font_paths=[str(asset("render", "fonts"))])


@cache
def _workdir() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="iop-typst-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def party_lines(data: Mapping[str, Any]) -> list[str]:
    """``Name (org.nr 212000-0001)`` for every party."""
    out = []
    for p in data.get("parter") or []:
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


def _compile(source: bytes, inputs: dict[str, str], prov: Provenance) -> tuple[bytes, list[dict[str, Any]]]:
    import typst

    path = _workdir() / f"doc-{next(_counter)}.typ"
    path.write_bytes(source)
    try:
        compiler = typst.Compiler(
            input=str(path),
            root=str(_workdir()),
            font_paths=_fonts(),
            ignore_system_fonts=True,
            sys_inputs=inputs,
        )
        pdf = compiler.compile(format="pdf", pdf_standards=["a-2b"], timestamp=prov.timestamp)
        positions = json.loads(compiler.query("<iop-sigfield>", field="value", format="json"))
    except (RuntimeError, ValueError) as exc:
        message = getattr(exc, "message", None) or str(exc)
        raise pandoc.RenderError(f"typst: {message}") from None
    finally:
        path.unlink(missing_ok=True)
    assert isinstance(pdf, bytes)
    return pdf, positions


def _add_fields(pdf: bytes, positions: list[dict[str, Any]], names: list[str], labels: list[str]) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    for pos in sorted(positions, key=lambda p: int(p["idx"])):
        idx = int(pos["idx"])
        page_ix = int(pos["page"]) - 1
        page = writer.find_page_for_modification(page_ix)[0].get_object()  # type: ignore[no-untyped-call]
        height = float(page["/MediaBox"][3])
        x, y, w, h = (float(pos[k]) for k in ("x", "y", "w", "h"))
        box = (round(x), round(height - y - h), round(x + w), round(height - y))
        append_signature_field(
            writer,
            SigFieldSpec(
                sig_field_name=names[idx], on_page=page_ix, box=box, readable_field_name=labels[idx]
            ),
        )
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def _original_meta(pdf: bytes) -> tuple[bytes, dict[str, Any]]:
    """The XMP packet and /Info entries as Typst wrote them."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        info = {str(k): doc.docinfo[k] for k in doc.docinfo.keys()}  # noqa: SIM118
        return doc.Root.Metadata.read_bytes(), {k: pikepdf.String(str(v)) for k, v in info.items()}


def _finish(pdf: bytes, xmp: bytes, info: dict[str, Any], values: dict[str, str]) -> bytes:
    """Put back Typst's XMP (plus iop's properties) and /Info, then save with deterministic ids.

    pyHanko stamps its name and the current time into both; PDF/A wants /Info and
    XMP to agree and reproducibility wants no clock, so the originals win.
    """
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        stream = doc.make_stream(metadata.add_properties(xmp, values))
        stream.Type = pikepdf.Name.Metadata
        stream.Subtype = pikepdf.Name.XML
        doc.Root.Metadata = stream
        doc.trailer.Info = doc.make_indirect(pikepdf.Dictionary(info))
        out = io.BytesIO()
        doc.save(out, deterministic_id=True, fix_metadata_version=False)
    return out.getvalue()


def render_pdf(doc: Document, prov: Provenance, *, draft: bool) -> bytes:
    """The signing copy of ``doc`` as PDF/A-2b bytes."""
    data = doc.data
    ast, party_ids = build(data, "typst", draft=draft)
    source = pandoc.run(ast, "typst", ["--template", str(asset("render", "signing.typst"))])
    parties = party_lines(data)
    inputs = {
        "iop-title": str(data.get("titel") or data.get("id") or ""),
        "iop-id": str(data.get("id") or ""),
        "iop-version": str(data.get("version") or ""),
        "iop-parties": "\n".join(parties),
        "iop-keywords": "\n".join(["IOP", "idéburet offentligt partnerskap", str(data.get("id") or "")]),
        "iop-description": f"IOP-överenskommelse, version {data.get('version')}; källfilens SHA-256: {prov.sha256}",
        "iop-draft": "1" if draft else "",
    }
    pdf, positions = _compile(source, inputs, prov)
    xmp, info = _original_meta(pdf)
    names = field_names(party_ids)
    party_names = {
        str(p.get("id")): str(p.get("namn")) for p in data.get("parter") or [] if isinstance(p, Mapping)
    }
    labels = [f"Underskrift för {party_names.get(pid, pid)}" for pid in party_ids]
    if positions:
        pdf = _add_fields(pdf, positions, names, labels)
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
    return _finish(pdf, xmp, info, values)
