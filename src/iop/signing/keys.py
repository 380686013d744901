"""Load signing key material from a PKCS#12 file (.p12/.pfx) and find its passphrase.

A wrong passphrase and a file that is not PKCS#12 at all are told apart: the outer
PKCS#12 structure is parsed first (no passphrase needed for that), then the contents
are decrypted.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from iop.files import SMALL_LIMIT, read_regular
from iop.signing.errors import SigningError

if TYPE_CHECKING:
    from cryptography import x509
    from pyhanko.sign.signers import SimpleSigner

PASSWORD_ENV = "IOP_P12_PASSWORD"


def read_passphrase(password_file: Path | None) -> bytes | None:
    """The passphrase from ``--password-file`` (first line) or ``IOP_P12_PASSWORD``; None if neither."""
    if password_file is not None:
        try:
            raw = read_regular(password_file, SMALL_LIMIT)
        except OSError as exc:
            raise SigningError(
                f"Kan inte läsa lösenordsfilen '{password_file}': {exc.strerror}.",
                f"Cannot read the password file '{password_file}': {exc.strerror}.",
            ) from exc
        lines = raw.splitlines()
        return lines[0] if lines else b""
    env = os.environ.get(PASSWORD_ENV)
    if env is not None:
        return env.encode("utf-8")
    return None


def load_signer(p12: Path, passphrase: bytes | None) -> SimpleSigner:
    """A pyHanko signer with the key, certificate and chain of a PKCS#12 file."""
    from asn1crypto import pkcs12 as asn1_pkcs12
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign.signers import SimpleSigner

    try:
        data = read_regular(p12, SMALL_LIMIT)
    except OSError as exc:
        raise SigningError(
            f"Kan inte läsa certifikatfilen '{p12}': {exc.strerror}.",
            f"Cannot read the certificate file '{p12}': {exc.strerror}.",
        ) from exc
    try:
        asn1_pkcs12.Pfx.load(data).native  # noqa: B018 - parses the whole outer structure
    except Exception as exc:
        raise SigningError(
            f"'{p12}' är inte en giltig PKCS#12-fil (.p12/.pfx).",
            f"'{p12}' is not a valid PKCS#12 file (.p12/.pfx).",
        ) from exc
    try:
        key, cert, _others = pkcs12.load_key_and_certificates(data, passphrase)
    except (ValueError, TypeError) as exc:
        if passphrase is not None and _opens_without_passphrase(data):
            # A passphrase set in the environment must not break a file that needs none.
            passphrase = None
            key, cert, _others = pkcs12.load_key_and_certificates(data, None)
        elif passphrase is None:
            raise SigningError(
                f"'{p12}' är skyddad med lösenord. Ange det med --password-file eller miljövariabeln "
                f"{PASSWORD_ENV}.",
                f"'{p12}' is protected by a passphrase. Give it with --password-file or the "
                f"{PASSWORD_ENV} environment variable.",
            ) from exc
        else:
            raise SigningError(
                f"Fel lösenord för '{p12}' (eller skadad fil).",
                f"Wrong passphrase for '{p12}' (or a damaged file).",
            ) from exc
    if key is None or cert is None:
        raise SigningError(
            f"'{p12}' innehåller ingen privat nyckel med certifikat; en underskrift kräver båda.",
            f"'{p12}' holds no private key with a certificate; a signature needs both.",
        )
    check_usable(p12, cert)
    signer: SimpleSigner = SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=passphrase)
    return signer


def check_usable(p12: Path, cert: x509.Certificate) -> None:
    """Refuse a certificate that is not valid today or not meant for signatures."""
    import datetime as dt

    from cryptography import x509 as cx509

    now = dt.datetime.now(dt.UTC)
    if cert.not_valid_after_utc < now:
        day = cert.not_valid_after_utc.date().isoformat()
        raise SigningError(
            f"Certifikatet i '{p12}' gick ut {day}; en underskrift med det skulle inte godkännas.",
            f"The certificate in '{p12}' expired on {day}; a signature made with it would not verify.",
        )
    if cert.not_valid_before_utc > now:
        day = cert.not_valid_before_utc.date().isoformat()
        raise SigningError(
            f"Certifikatet i '{p12}' gäller först från {day}.",
            f"The certificate in '{p12}' is valid only from {day}.",
        )
    try:
        usage = cert.extensions.get_extension_for_class(cx509.KeyUsage).value
    except cx509.ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise SigningError(
            f"Certifikatet i '{p12}' är inte avsett för underskrifter (nyckelanvändningen saknar "
            "digitalSignature och nonRepudiation).",
            f"The certificate in '{p12}' is not meant for signatures (its key usage has neither "
            "digitalSignature nor nonRepudiation).",
        )


def _opens_without_passphrase(data: bytes) -> bool:
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        pkcs12.load_key_and_certificates(data, None)
    except (ValueError, TypeError):
        return False
    return True
