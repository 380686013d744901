"""Checks on a signature's ``/Contents`` beyond what the signature value covers.

The bytes of ``/Contents`` lie outside the signed byte range by construction, and
within the CMS object only the signed attributes are covered by the signature value.
A validator that looks only at what it needs (pyHanko, like most) accepts changes to
the rest. iop's signing copies come from one known flow, so iop is strict about it:

- after the DER-encoded CMS object, the reserved space must hold only zero bytes;
- the CMS object must be DER exactly as its parts re-encode (no alternative encoding);
- versions as RFC 5652 derives them from the signer identifier;
- one signer, and the digest algorithm list names exactly that signer's algorithm;
- detached content of type *data* (a PDF signature signs the byte range, not content);
- the signer identifier matches the certificate that was validated;
- every certificate carried in the CMS object is signed by its issuer (found among the
  carried and trusted certificates) or is a self-signed root whose own signature holds;
- unsigned attributes: only a signature timestamp, which pyHanko validates.

This follows the way PAdES validators treat the unsigned parts (ETSI EN 319 102-1 lets
them ignore what they do not use) but refuses rather than ignores, since nothing in
iop's own flow writes such data and a changed byte there means the file was altered.
"""

from __future__ import annotations

from typing import Any

from iop.i18n import Text, text

TIMESTAMP_ATTR = "signature_time_stamp_token"


def contents_problems(sig: Any, signing_cert: Any, roots: list[Any]) -> list[Text]:
    """Problems with the unsigned parts of one embedded signature (empty when clean)."""
    from asn1crypto import cms

    raw = bytes(sig.sig_object.get("/Contents", b""))
    try:
        info = cms.ContentInfo.load(raw, strict=False)
        encoded = info.dump()
        reencoded = cms.ContentInfo.load(encoded).dump(force=True)
    except (ValueError, TypeError, KeyError) as exc:
        return [_altered(f"CMS: {exc}")]
    problems: list[Text] = []
    if any(raw[len(encoded) :]):
        problems.append(
            text(
                "Det reserverade utrymmet efter underskriftsdata innehåller annat än nollor: filen har "
                "ändrats efter undertecknandet.",
                "The reserved space after the signature data holds more than zero bytes: the file was "
                "changed after signing.",
            )
        )
    if reencoded != encoded:
        problems.append(_altered("DER"))
    try:
        problems.extend(_structure_problems(info, signing_cert, roots))
    except (ValueError, TypeError, KeyError) as exc:
        problems.append(_altered(str(exc)))
    return problems


def _altered(detail: str) -> Text:
    return text(
        f"Underskriftens data (CMS) är ändrad eller felaktigt kodad ({detail}).",
        f"The signature data (CMS) is altered or wrongly encoded ({detail}).",
    )


def _structure_problems(info: Any, signing_cert: Any, roots: list[Any]) -> list[Text]:
    signed = info["content"]
    signers = list(signed["signer_infos"])
    if info["content_type"].native != "signed_data" or len(signers) != 1:
        return [_altered("signer_infos")]
    signer = signers[0]
    problems: list[Text] = []
    algorithms = [a.dump() for a in signed["digest_algorithms"]]
    if algorithms != [signer["digest_algorithm"].dump()]:
        problems.append(_altered("digestAlgorithms"))
    encap = signed["encap_content_info"]
    if encap["content_type"].native != "data" or encap["content"].native is not None:
        problems.append(_altered("encapContentInfo"))
    sid = signer["sid"]
    # RFC 5652 5.1 and 5.3: the versions follow from the kind of signer identifier.
    expected = "v1" if sid.name == "issuer_and_serial_number" else "v3"
    if signer["version"].native != expected or signed["version"].native not in ("v1", "v3"):
        problems.append(_altered("version"))
    if sid.name == "issuer_and_serial_number":
        matches = (
            sid.chosen["issuer"].dump() == signing_cert.issuer.dump()
            and sid.chosen["serial_number"].native == signing_cert.serial_number
        )
    else:
        matches = sid.chosen.native == signing_cert.key_identifier
    if not matches:
        problems.append(_altered("sid"))
    unsigned = signer["unsigned_attrs"]
    kinds = {attr["type"].native for attr in unsigned} if unsigned.native else set()
    if kinds - {TIMESTAMP_ATTR}:
        problems.append(
            text(
                "Underskriften bär osignerade attribut som iop inte kan kontrollera: "
                + ", ".join(sorted(str(k) for k in kinds - {TIMESTAMP_ATTR})),
                "The signature carries unsigned attributes iop cannot check: "
                + ", ".join(sorted(str(k) for k in kinds - {TIMESTAMP_ATTR})),
            )
        )
    carried = [c.chosen for c in signed["certificates"] if c.name == "certificate"]
    if len(carried) != len(signed["certificates"]):
        problems.append(_altered("certificates"))
    for cert in carried:
        if not _issued_by_known(cert, [*carried, *roots]):
            problems.append(
                text(
                    f"Ett certifikat i underskriften ({cert.subject.human_friendly}) är ändrat: "
                    "utfärdarens underskrift på det stämmer inte.",
                    f"A certificate in the signature ({cert.subject.human_friendly}) is altered: "
                    "its issuer's signature on it does not hold.",
                )
            )
    return problems


def _issued_by_known(cert: Any, known: list[Any]) -> bool:
    """True when some certificate in ``known`` with ``cert``'s issuer name signed ``cert``."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature

    try:
        child = x509.load_der_x509_certificate(cert.dump())
    except ValueError:
        return False
    for candidate in known:
        if candidate.subject.dump() != cert.issuer.dump():
            continue
        try:
            child.verify_directly_issued_by(x509.load_der_x509_certificate(candidate.dump()))
        except (ValueError, TypeError, InvalidSignature):
            continue
        return True
    return False
