"""Read a PDF for signing or verification, and list its signature fields."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from iop.files import PDF_LIMIT, read_regular
from iop.signing.errors import SigningError

if TYPE_CHECKING:
    from pyhanko.pdf_utils.reader import PdfFileReader


@dataclass(frozen=True)
class SigField:
    """One signature field: its name and whether it already holds a signature."""

    name: str
    signed: bool


def read_pdf(path: Path) -> bytes:
    """The bytes of ``path``, refusing anything that does not start like a PDF."""
    try:
        data = read_regular(path, PDF_LIMIT)
    except OSError as exc:
        raise SigningError(
            f"Kan inte läsa '{path}': {exc.strerror}.", f"Cannot read '{path}': {exc.strerror}."
        ) from exc
    if b"%PDF-" not in data[:1024]:
        raise SigningError(f"'{path}' är inte en PDF-fil.", f"'{path}' is not a PDF file.")
    return data


def open_reader(data: bytes, display: str) -> PdfFileReader:
    """A pyHanko reader over ``data``; a damaged or encrypted PDF is a :class:`SigningError`."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        reader.root  # noqa: B018 - forces the trailer and catalog to be parsed
    except Exception as exc:
        raise SigningError(
            f"'{display}' kan inte läsas som PDF ({exc}).", f"'{display}' cannot be read as a PDF ({exc})."
        ) from exc
    if reader.encrypted:
        raise SigningError(
            f"'{display}' är krypterad; en undertecknandekopia ska inte vara det.",
            f"'{display}' is encrypted; a signing copy must not be.",
        )
    return reader


def signature_fields(reader: PdfFileReader) -> list[SigField]:
    """Every signature field of the document, in AcroForm order."""
    from pyhanko.sign.fields import enumerate_sig_fields

    return [SigField(str(name), value is not None) for name, value, _ref in enumerate_sig_fields(reader)]
