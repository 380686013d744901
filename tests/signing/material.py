"""Test material made at test time: a throwaway PKI (CA, signers, PKCS#12) and signing copies.

No private key is ever committed: every key here is generated in memory per test
session. Also used by ``bench/bench_signing.py``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID


@dataclass
class Identity:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate


def _name(cn: str, org: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "SE"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def make_ca(cn: str) -> Identity:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    name = _name(cn, "Test-CA")
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Identity(key, cert)


def make_signer(ca: Identity, cn: str, org: str) -> Identity:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(cn, org))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False
        )
        .sign(ca.key, hashes.SHA256())
    )
    return Identity(key, cert)


def write_p12(path: Path, who: Identity, ca: Identity, passphrase: bytes | None) -> Path:
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase) if passphrase else serialization.NoEncryption()
    )
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(b"signer", who.key, who.cert, [ca.cert], encryption)
    )
    return path


def write_pem(path: Path, cert: x509.Certificate) -> Path:
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


@dataclass
class SigningCopy:
    """An unsigned signing copy, the YAML it was made from, and its signature fields."""

    pdf: Path
    source: Path
    fields: list[str]


def make_signing_copy(folder: Path) -> SigningCopy:
    """A small PDF with two empty signature fields (stand-in until rendering lands)."""
    from io import BytesIO

    import pikepdf
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    source = folder / "avtal.yaml"
    source.write_text("id: test\nversion: 3\n", encoding="utf-8")
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    pdf.docinfo["/Title"] = "Testavtal"
    pdf.docinfo["/IopVersion"] = "3"
    pdf.docinfo["/IopSourceSha256"] = hashlib.sha256(source.read_bytes()).hexdigest()
    buffer = BytesIO()
    pdf.save(buffer)
    writer = IncrementalPdfFileWriter(BytesIO(buffer.getvalue()))
    append_signature_field(writer, SigFieldSpec("kommunen", box=(60, 100, 270, 160)))
    append_signature_field(writer, SigFieldSpec("foreningen", box=(320, 100, 530, 160)))
    out = folder / "avtal.pdf"
    with out.open("wb") as handle:
        writer.write(handle)
    return SigningCopy(out, source, ["kommunen", "foreningen"])
