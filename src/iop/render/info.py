"""Read back what ``iop render`` wrote into a PDF: provenance, PDF/A and signature fields."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from iop.i18n import MessageError, text
from iop.render import metadata


class InfoError(MessageError):
    """The file cannot be read as a PDF."""


def _check_is_pdf(path: Path) -> None:
    """A clear message for a missing file or one that is not a PDF (HTML, DOCX ...)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
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
        pdf = pikepdf.open(path)
    except (OSError, pikepdf.PdfError) as exc:
        raise InfoError(
            text(f"kan inte läsas som PDF ({exc}).", f"cannot be read as a PDF ({exc}).")
        ) from None
    with pdf:
        xmp = pdf.Root.Metadata.read_bytes() if "/Metadata" in pdf.Root else b""
        props = metadata.read_properties(xmp)
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
            "revisions": _revisions(path),
        }
    return info


def _revisions(path: Path) -> int:
    """Number of revisions (``%%EOF`` markers): 1 as rendered, one more per incremental update."""
    try:
        return max(1, path.read_bytes().count(b"%%EOF"))
    except OSError:
        return 1
