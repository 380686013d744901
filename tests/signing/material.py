"""Test material made at test time: a throwaway PKI (CA, signers, PKCS#12) and signing copies.

No private key is ever committed: every key here is generated in memory per test
session. Also used by ``bench/bench_signing.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

REPO = Path(__file__).resolve().parent.parent.parent
AGREEMENT = "linkoping-brottsofferjouren"  # two signatories: kommunen and boj, version 2


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


def make_signer(
    ca: Identity, cn: str, org: str, *, expired: bool = False, for_signing: bool = True
) -> Identity:
    """A signer certificate; ``expired`` ends its validity yesterday, ``for_signing=False`` drops signing key usages."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC) - (dt.timedelta(days=400) if expired else dt.timedelta(0))
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
                digital_signature=for_signing,
                content_commitment=for_signing,
                key_encipherment=not for_signing,
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


def make_signing_copy(folder: Path, agreement: str = AGREEMENT, *, draft: bool = False) -> SigningCopy:
    """Render the signing copy of an example agreement with ``iop render`` (unsigned, empty fields)."""
    from click.testing import CliRunner

    from iop.cli import cli
    from iop.signing.pdf import open_reader, read_pdf, signature_fields

    source = REPO / "agreements" / f"{agreement}.yaml"
    args = ["render", str(source), "--to", "pdf", "--out", str(folder), "--jobs", "1"]
    done = CliRunner().invoke(cli, args + (["--draft"] if draft else []), catch_exceptions=False)
    assert done.exit_code == 0, done.output
    out = folder / f"{agreement}.pdf"
    fields = [f.name for f in signature_fields(open_reader(read_pdf(out), str(out)))]
    return SigningCopy(out, source, fields)
