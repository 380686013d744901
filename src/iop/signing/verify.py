"""Verify every signature of a signing copy and, optionally, its source YAML.

For each signature pyHanko checks the digest over the signed byte range (integrity),
the signature value (validity), the chain to a trusted root given by the user
(trust, no network), how much of the file the byte range covers, and what the later
incremental updates changed (only further signatures and form filling are allowed).
The agreement facts (version, source SHA-256) are read from the revision the first
signature covers, so a later unsigned update cannot swap them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iop.files import SMALL_LIMIT, read_regular
from iop.i18n import Text, text, tr
from iop.signing.changes import Change, changes_between
from iop.signing.cms import contents_problems
from iop.signing.errors import SigningError
from iop.signing.metadata import AgreementMeta, read_agreement_meta
from iop.signing.pdf import open_reader, read_pdf, signature_fields
from iop.signing.sign import signer_name
from iop.signing.source import SourceCheck, check_source

if TYPE_CHECKING:
    from asn1crypto import x509

# Later revisions may do this much and no more (pyHanko's ModificationLevel names).
ALLOWED_MODIFICATIONS = ("NONE", "LTA_UPDATES", "FORM_FILLING")
KEY_USAGES = {"digital_signature", "non_repudiation"}


@dataclass
class SignatureCheck:
    """The verdict on one signature."""

    field_name: str
    signer: str | None
    signed_at: str | None
    coverage: str
    modification: str | None
    intact: bool
    valid: bool
    trusted: bool
    problems: list[Text] = field(default_factory=list)
    later: list[Change] = field(default_factory=list)

    @property
    def covers_revision(self) -> bool:
        return self.coverage in ("ENTIRE_FILE", "ENTIRE_REVISION")

    @property
    def later_changes_ok(self) -> bool:
        """pyHanko's difference analysis and iop's own by kind both allow what came later."""
        return self.modification in ALLOWED_MODIFICATIONS and all(c.allowed for c in self.later)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Verification:
    """Everything ``iop verify`` found out about one PDF."""

    path: Path
    signatures: list[SignatureCheck]
    empty_fields: list[str]
    meta: AgreementMeta
    source: SourceCheck | None = None
    problems: list[Text] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            bool(self.signatures)
            and not self.problems
            and all(s.ok for s in self.signatures)
            and (self.source is None or self.source.matches)
        )


def load_trust_roots(paths: list[Path]) -> list[x509.Certificate]:
    """Certificates (PEM, possibly several per file, or DER) to trust as roots."""
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    roots: list[asn1_x509.Certificate] = []
    for path in paths:
        try:
            data = read_regular(path, SMALL_LIMIT)
        except OSError as exc:
            raise SigningError(
                f"Kan inte läsa certifikatet '{path}': {exc.strerror}.",
                f"Cannot read the certificate '{path}': {exc.strerror}.",
            ) from exc
        try:
            if pem.detect(data):
                found = [
                    asn1_x509.Certificate.load(der)
                    for kind, _headers, der in pem.unarmor(data, multiple=True)
                    if kind == "CERTIFICATE"
                ]
            else:
                found = [asn1_x509.Certificate.load(data)]
            for cert in found:
                cert.native  # noqa: B018 - parse it fully now, not during validation
        except Exception as exc:
            raise SigningError(
                f"'{path}' är inte ett certifikat i PEM- eller DER-format.",
                f"'{path}' is not a certificate in PEM or DER format.",
            ) from exc
        if not found:
            raise SigningError(f"'{path}' innehåller inget certifikat.", f"'{path}' contains no certificate.")
        roots.extend(found)
    return roots


def quiet_pyhanko() -> None:
    """pyHanko logs validation failures with tracebacks; the report says it better."""
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
        logger.propagate = False


def verify_file(pdf: Path, trust: list[Path], source: str | None = None) -> Verification:
    """Verify ``pdf`` against the roots in ``trust`` (and the source YAML, if given)."""
    quiet_pyhanko()
    roots = load_trust_roots(trust)
    data = read_pdf(pdf)
    reader = open_reader(data, str(pdf))
    try:
        embedded = list(reader.embedded_regular_signatures)
        fields = signature_fields(reader)
    except Exception as exc:
        raise SigningError(
            f"Underskrifterna i '{pdf}' kan inte läsas ({exc}).",
            f"The signatures in '{pdf}' cannot be read ({exc}).",
        ) from exc
    embedded.sort(key=lambda s: s.signed_revision)
    checks = [_check_signature(sig, roots) for sig in embedded]
    _check_later_revisions(data, embedded, checks)
    empty = [f.name for f in fields if not f.signed]

    problems: list[Text] = []
    notes: list[Text] = []
    if not embedded:
        problems.append(text("PDF-filen har inga underskrifter.", "The PDF has no signatures."))
        meta = read_agreement_meta(data)
    else:
        first = min(embedded, key=lambda s: s.signed_revision)
        signed_end = int(first.byte_range[2]) + int(first.byte_range[3])
        meta = read_agreement_meta(data[:signed_end])
        if meta.differs_from(read_agreement_meta(data)):
            problems.append(
                text(
                    "Avtalsuppgifterna i PDF:ens metadata har ändrats efter den första underskriften.",
                    "The agreement facts in the PDF metadata changed after the first signature.",
                )
            )
        for name in empty:
            notes.append(
                text(
                    f"Fältet '{name}' är ännu inte undertecknat.",
                    f"The field '{name}' is not signed yet.",
                )
            )
    if meta.draft:
        notes.append(
            text(
                "Kopian är renderad som utkast (UTKAST).",
                "The copy was rendered as a draft (UTKAST).",
            )
        )
    result = Verification(pdf, checks, empty, meta, problems=problems, notes=notes)
    if source is not None:
        result.source = check_source(source, meta)
    return result


def _check_signature(sig: Any, roots: list[x509.Certificate]) -> SignatureCheck:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    name = str(sig.field_name)
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    usage = KeyUsageConstraints(key_usage=KEY_USAGES, match_all_key_usages=False)
    try:
        status = validate_pdf_signature(sig, context, key_usage_settings=usage)
    except Exception as exc:
        return SignatureCheck(
            field_name=name,
            signer=None,
            signed_at=None,
            coverage="UNCLEAR",
            modification=None,
            intact=False,
            valid=False,
            trusted=False,
            problems=[
                text(
                    f"Underskriften kunde inte kontrolleras: {exc}",
                    f"The signature could not be checked: {exc}",
                )
            ],
        )
    when = status.signer_reported_dt
    check = SignatureCheck(
        field_name=name,
        signer=signer_name(status.signing_cert.subject.native),
        signed_at=when.isoformat(timespec="seconds") if when else None,
        coverage=status.coverage.name if status.coverage is not None else "UNCLEAR",
        modification=status.modification_level.name if status.modification_level is not None else None,
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted),
    )
    if not check.intact:
        check.problems.append(
            text(
                "Innehållet har ändrats efter undertecknandet (kontrollsumman stämmer inte).",
                "The content changed after signing (the digest does not match).",
            )
        )
    elif not check.valid:
        check.problems.append(
            text("Själva underskriften är ogiltig.", "The signature value itself is invalid.")
        )
    if not check.covers_revision:
        check.problems.append(
            text(
                "Underskriften täcker inte hela dokumentet fram till sin revision.",
                "The signature does not cover the whole document up to its revision.",
            )
        )
    if check.modification not in ALLOWED_MODIFICATIONS:
        check.problems.append(
            text(
                "Dokumentet har ändrats efter underskriften på annat sätt än genom nya underskrifter "
                "eller ifyllda fält.",
                "The document was changed after this signature by more than further signatures "
                "or form filling.",
            )
        )
    elif status.docmdp_ok is False:
        check.problems.append(
            text(
                "En certifierande underskrift i dokumentet tillåter inte de senare ändringarna.",
                "A certifying signature in the document does not permit the later changes.",
            )
        )
    if check.intact and check.valid:
        roots_and_path = [*roots, *_path_certificates(status)]
        check.problems.extend(contents_problems(sig, status.signing_cert, roots_and_path))
    if check.intact and check.valid and not check.trusted:
        indic = getattr(status, "trust_problem_indic", None)
        check.problems.append(_trust_problem(indic.name if indic is not None else None))
    return check


def _path_certificates(status: Any) -> list[Any]:
    """The certificates of the validated path (empty when none was found)."""
    path = getattr(status, "validation_path", None)
    if path is None:
        return []
    try:
        return [cert for cert in path.iter_certs(include_root=True)]
    except (AttributeError, TypeError):
        return []


def _check_later_revisions(data: bytes, embedded: list[Any], checks: list[SignatureCheck]) -> None:
    """Compare each signed revision with the next one (or the file's end), by kind of change."""
    ends = [int(sig.byte_range[2]) + int(sig.byte_range[3]) for sig in embedded]
    for index, (end, check) in enumerate(zip(ends, checks, strict=True)):
        later_end = ends[index + 1] if index + 1 < len(ends) else len(data)
        if not data[end:later_end].strip():
            continue
        check.later = changes_between(data[:end], data[:later_end])
        refused = [change for change in check.later if not change.allowed]
        if refused:
            kinds = ", ".join(dict.fromkeys(tr(change.label, "sv") for change in refused))
            kinds_en = ", ".join(dict.fromkeys(tr(change.label, "en") for change in refused))
            check.problems.append(
                text(
                    f"Ändrat efter underskriften: {kinds}.",
                    f"Changed after this signature: {kinds_en}.",
                )
            )


def _trust_problem(indication: str | None) -> Text:
    """Why the certificate is not trusted, from pyHanko's AdES sub-indication."""
    if indication in ("EXPIRED", "OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED"):
        return text(
            "Certifikatet är inte giltigt i dag (utgånget). Utan tidsstämpel (PAdES B-T) kan "
            "underskriften inte kontrolleras efter certifikatets giltighetstid.",
            "The certificate is not valid today (expired). Without a timestamp (PAdES B-T) the "
            "signature cannot be checked after the certificate's validity period.",
        )
    if indication == "NOT_YET_VALID":
        return text("Certifikatet är ännu inte giltigt.", "The certificate is not valid yet.")
    if indication and indication.startswith("REVOKED"):
        return text("Certifikatet är spärrat.", "The certificate has been revoked.")
    if indication in ("SIG_CONSTRAINTS_FAILURE", "CHAIN_CONSTRAINTS_FAILURE"):
        return text(
            "Certifikatet får inte användas för underskrifter (nyckelanvändning eller kedjans villkor).",
            "The certificate may not be used for signatures (key usage or chain constraints).",
        )
    detail = f" ({indication})" if indication and indication != "NO_CERTIFICATE_CHAIN_FOUND" else ""
    return text(
        "Certifikatet leder inte till någon betrodd utfärdare (ange utfärdarens rotcertifikat "
        f"med --trust){detail}.",
        "The certificate does not chain to a trusted issuer (give the issuer's root certificate "
        f"with --trust){detail}.",
    )
