"""Read back what ``iop render`` wrote into a PDF: provenance, PDF/A and signature fields."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path
from typing import Any

from iop.files import PDF_LIMIT, read_regular
from iop.i18n import MessageError, text
from iop.render import metadata


class InfoError(MessageError):
    """The file cannot be read as a PDF."""


def _check_is_pdf(path: Path) -> None:
    """A clear message for a missing file or one that is not a PDF (HTML, DOCX ...)."""
    try:
        head = read_regular(path, PDF_LIMIT)[:1024]
    except FileNotFoundError:
        raise InfoError(text("filen finns inte.", "the file does not exist.")) from None
    except OSError as exc:
        raise InfoError(
            text(f"kan inte läsas ({exc.strerror}).", f"cannot be read ({exc.strerror}).")
        ) from None
    if b"%PDF-" not in head:
        kind = path.suffix.lower().lstrip(".").upper() or "filen"
        raise InfoError(
            text(
                f"är ingen PDF ({kind}). 'iop info' läser PDF-filer gjorda med 'iop render'; "
                "öppna HTML och DOCX i en webbläsare eller ordbehandlare.",
                f"is not a PDF ({kind}). 'iop info' reads PDF files made by 'iop render'; "
                "open HTML and DOCX in a browser or word processor.",
            )
        )


def pdf_info(path: Path) -> dict[str, Any]:
    """Metadata of the PDF at ``path`` as plain data (keys in English, values as written)."""
    import pikepdf

    _check_is_pdf(path)
    try:
        data = read_regular(path, PDF_LIMIT)
        pdf = pikepdf.open(BytesIO(data))
    except (OSError, pikepdf.PdfError) as exc:
        raise InfoError(
            text(f"kan inte läsas som PDF ({exc}).", f"cannot be read as a PDF ({exc}).")
        ) from None
    signed_end = last_signed_end(data)
    changed_after: list[str] = []
    if signed_end is not None and data[signed_end:].strip():
        from iop.signing.changes import changes_between

        changed_after = [
            f"{c.kind}: {c.detail}" for c in changes_between(data[:signed_end], data) if c.kind in ("info", "xmp")
        ]
    with pdf:
        props = metadata.read_properties(_xmp(data[:signed_end] if signed_end else data))
        fields = []
        acro = pdf.Root.get("/AcroForm")
        for field in acro.get("/Fields", []) if acro is not None else []:
            if field.get("/FT") != "/Sig":
                continue
            page = next(
                (i + 1 for i, p in enumerate(pdf.pages) if "/P" in field and p.obj.objgen == field.P.objgen),
                None,
            )
            fields.append({"name": str(field.get("/T", "")), "page": page, "signed": "/V" in field})
        info = {
            "file": str(path),
            "title": props.get("title"),
            "agreement_id": props.get("agreementId"),
            "version": props.get("version"),
            "status": props.get("status"),
            "parties": [p for p in str(props.get("parties") or "").split("\n") if p],
            "source_file": props.get("sourceFile"),
            "source_sha256": props.get("sourceSha256"),
            "git_commit": props.get("gitCommit"),
            "git_state": props.get("gitState"),
            "tool_version": props.get("toolVersion"),
            "draft": props.get("draft") == "True" if "draft" in props else None,
            "pdfa": props.get("pdfa"),
            "pages": len(pdf.pages),
            "signature_fields": fields,
            "revisions": max(1, data.count(b"%%EOF")),
            "metadata_changed_after_signing": changed_after,
        }
    return info


_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*0\s+(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s*\]")


def last_signed_end(data: bytes) -> int | None:
    """Where the last signed revision ends: the end of the latest real signature's byte range.

    A candidate counts only when the file cut at that point is a PDF with a signature
    field whose value has exactly that byte range, so a stray ``/ByteRange`` in a later
    unsigned update cannot pass itself off as a signature.
    """
    import pikepdf

    ends = sorted({int(m[2]) + int(m[3]) for m in _BYTE_RANGE.finditer(data)}, reverse=True)
    for end in ends[:16]:
        if not 0 < end <= len(data):
            continue
        try:
            with pikepdf.open(BytesIO(data[:end])) as signed:
                acro = signed.Root.get("/AcroForm")
                for field in acro.get("/Fields", []) if acro is not None else []:
                    value = field.get("/V")
                    if isinstance(value, pikepdf.Dictionary) and "/ByteRange" in value:
                        numbers = [int(n) for n in value.ByteRange]
                        if len(numbers) == 4 and numbers[2] + numbers[3] == end:
                            return end
        except (pikepdf.PdfError, ValueError, TypeError):
            continue
    return None


def _xmp(data: bytes) -> bytes:
    import pikepdf

    try:
        with pikepdf.open(BytesIO(data)) as pdf:
            stream = pdf.Root.get("/Metadata")
            return stream.read_bytes() if isinstance(stream, pikepdf.Stream) else b""
    except pikepdf.PdfError:
        return b""
