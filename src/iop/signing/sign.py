"""Fill one party's empty signature field with a PAdES signature (pyHanko).

The signature is an incremental update appended to the input's bytes, so earlier
signatures keep covering exactly what they covered. The input is never changed; the
output is written to a temporary file beside it and renamed into place.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from iop.signing.errors import SigningError
from iop.signing.keys import load_signer
from iop.signing.metadata import read_agreement_meta
from iop.signing.pdf import open_reader, read_pdf, signature_fields


@dataclass(frozen=True)
class SignResult:
    """What was signed: the field, the signer's name and the agreement version (if known)."""

    field: str
    signer: str
    version: str | None
    output: Path
    draft: bool = False


def check_output(source: Path, output: Path, force: bool) -> None:
    """Refuse to overwrite the input, or an existing file without ``force``."""
    same = output.resolve() == source.resolve()
    if not same and output.exists() and source.exists():
        same = os.path.samefile(output, source)
    if same:
        raise SigningError(
            f"Utfilen '{output}' är samma som indatafilen; iop sign skriver aldrig över sin indata. "
            "Ange en ny fil med -o.",
            f"The output '{output}' is the input file; iop sign never overwrites its input. "
            "Give a new file with -o.",
        )
    if output.exists() and not force:
        raise SigningError(
            f"'{output}' finns redan. Välj ett annat namn eller ange --force för att ersätta den.",
            f"'{output}' already exists. Choose another name or pass --force to replace it.",
        )


def find_field(pdf: Path, data: bytes, part: str) -> None:
    """Make sure ``part`` names an empty signature field of a document that may be signed."""
    from pyhanko.sign.fields import MDPPerm
    from pyhanko.sign.validation.pdf_embedded import read_certification_data

    reader = open_reader(data, str(pdf))
    certification = read_certification_data(reader)
    if certification is not None and certification.permission == MDPPerm.NO_CHANGES:
        raise SigningError(
            f"'{pdf}' är certifierad med en underskrift som inte tillåter några ändringar; "
            "fler underskrifter kan inte läggas till.",
            f"'{pdf}' is certified by a signature that permits no changes; no further "
            "signatures can be added.",
        )
    fields = signature_fields(reader)
    match = [f for f in fields if f.name == part]
    if not match:
        if fields:
            names = ", ".join(f.name for f in fields)
            raise SigningError(
                f"'{pdf}' har inget underskriftsfält för parten '{part}'. Fält som finns: {names}.",
                f"'{pdf}' has no signature field for the party '{part}'. Fields present: {names}.",
            )
        raise SigningError(
            f"'{pdf}' har inga underskriftsfält alls. Rendera en undertecknandekopia med 'iop render'.",
            f"'{pdf}' has no signature fields at all. Render a signing copy with 'iop render'.",
        )
    if match[0].signed:
        # A party that signs twice has fields 'id', 'id-2', ...: point at a free one.
        free = [f.name for f in fields if not f.signed and f.name.startswith(f"{part}-")]
        more_sv = f" Lediga fält för samma part: {', '.join(free)}." if free else ""
        more_en = f" Free fields of the same party: {', '.join(free)}." if free else ""
        raise SigningError(
            f"Fältet '{part}' i '{pdf}' är redan undertecknat; en underskrift kan inte ersättas.{more_sv}",
            f"The field '{part}' in '{pdf}' is already signed; a signature cannot be replaced.{more_en}",
        )


def signer_name(subject: dict[str, object]) -> str:
    """The name shown for a certificate subject: common name, and organisation if any."""
    name = str(subject.get("common_name") or subject.get("organization_name") or "?")
    org = subject.get("organization_name")
    return f"{name}, {org}" if org and str(org) != name else name


def sign_file(
    pdf: Path,
    output: Path,
    p12: Path,
    part: str,
    passphrase: bytes | None,
    *,
    reason: str | None = None,
    location: str | None = None,
    force: bool = False,
) -> SignResult:
    """Sign ``part``'s field of ``pdf`` with the key in ``p12`` and write ``output``."""
    from pyhanko.sign import fields as sig_fields
    from pyhanko.sign import signers

    check_output(pdf, output, force)
    data = read_pdf(pdf)
    find_field(pdf, data, part)
    signer = load_signer(p12, passphrase)
    assert signer.signing_cert is not None
    name = signer_name(signer.signing_cert.subject.native)
    meta = read_agreement_meta(data)

    from iop.signing.stamp import stamp_style

    writer = _metadata_preserving_writer(BytesIO(data))
    signature_meta = signers.PdfSignatureMetadata(
        field_name=part,
        subfilter=sig_fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
    )
    pdf_signer = signers.PdfSigner(
        signature_meta, signer, stamp_style=stamp_style(meta.version, meta.agreement_id)
    )
    buffer = BytesIO()
    try:
        pdf_signer.sign_pdf(
            writer, existing_fields_only=True, appearance_text_params={"signer": name}, output=buffer
        )
    except Exception as exc:
        raise SigningError(
            f"Underskriften kunde inte skapas: {exc}", f"The signature could not be created: {exc}"
        ) from exc
    write_atomic(output, buffer.getvalue())
    return SignResult(field=part, signer=name, version=meta.version, output=output, draft=meta.draft)


def _metadata_preserving_writer(stream: BytesIO) -> Any:
    """An incremental writer that leaves the Info dictionary and XMP packet as they are.

    pyHanko otherwise re-serialises the XMP packet on every save (new producer and
    modification date, other namespace prefixes). Leaving both untouched keeps the
    renderer's PDF/A metadata exactly as rendered and Info/XMP consistent; the signing
    time lives in the signature itself.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    class _Writer(IncrementalPdfFileWriter):
        def _update_meta(self) -> None:
            return None

    return _Writer(stream, strict=False)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SigningError(
            f"Kan inte skriva i '{folder}': {exc.strerror}.", f"Cannot write in '{folder}': {exc.strerror}."
        ) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
