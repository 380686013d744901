"""What the signing copy says about its agreement: id, title, version, source SHA-256.

The renderer writes these into the PDF's Info dictionary and XMP. This module only
reads them; the keys are the renderer's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO

_HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class AgreementMeta:
    """Agreement facts embedded in a signing copy (None when absent)."""

    agreement_id: str | None = None
    title: str | None = None
    version: str | None = None
    sha256: str | None = None
    commit: str | None = None


def read_agreement_meta(data: bytes) -> AgreementMeta:
    """Read the agreement facts from the PDF bytes (Info dictionary first, then XMP)."""
    import pikepdf

    values: dict[str, str] = {}
    try:
        with pikepdf.open(BytesIO(data)) as pdf:
            for key, value in pdf.docinfo.items():
                values.setdefault(str(key).lstrip("/").lower(), str(value))
            with pdf.open_metadata() as xmp:
                for key in list(xmp):
                    local = str(key).rsplit("}", 1)[-1].split(":")[-1].lower()
                    values.setdefault(local, str(xmp.get(key, "")))
    except Exception:
        return AgreementMeta()
    return _pick(values)


def _pick(values: dict[str, str]) -> AgreementMeta:
    def first(*names: str) -> str | None:
        for name in names:
            for key, value in values.items():
                if name in key and value.strip():
                    return value.strip()
        return None

    sha = first("sha256", "sha-256")
    return AgreementMeta(
        agreement_id=first("iopid", "agreementid", "avtalsid"),
        title=first("title"),
        version=first("iopversion", "agreementversion", "version"),
        sha256=sha.lower() if sha and _HEX64.match(sha.lower()) else None,
        commit=first("commit"),
    )
