"""What the signing copy says about its agreement: id, title, version, source SHA-256.

The renderer writes these as iop's own XMP properties (``iop.render.metadata``); this
module reads them back with the renderer's own reader, so the keys live in one place.
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
    draft: bool = False

    def differs_from(self, later: AgreementMeta) -> bool:
        """True when ``later`` states a different value for a fact this one states.

        A later revision whose tool dropped a value is not a contradiction; one that
        states another version or hash is.
        """
        pairs = (
            (self.agreement_id, later.agreement_id),
            (self.version, later.version),
            (self.sha256, later.sha256),
            (self.commit, later.commit),
        )
        return any(a is not None and b is not None and a != b for a, b in pairs)


def read_agreement_meta(data: bytes) -> AgreementMeta:
    """Read the agreement facts from the XMP packet of the PDF in ``data``."""
    import pikepdf

    from iop.render.metadata import read_properties

    try:
        with pikepdf.open(BytesIO(data)) as pdf:
            stream = pdf.Root.get("/Metadata")
            xmp = stream.read_bytes() if isinstance(stream, pikepdf.Stream) else b""
    except Exception:
        return AgreementMeta()
    props = read_properties(xmp)
    props.update({k: v for k, v in _attribute_properties(xmp).items() if k not in props})

    def get(key: str) -> str | None:
        value = props.get(key)
        return str(value).strip() or None if value is not None else None

    sha = (get("sourceSha256") or "").lower()
    return AgreementMeta(
        agreement_id=get("agreementId"),
        title=get("title"),
        version=get("version"),
        sha256=sha if _HEX64.match(sha) else None,
        commit=get("gitCommit"),
        draft=(get("draft") or "").lower() == "true",
    )


def _attribute_properties(xmp: bytes) -> dict[str, str]:
    """iop's properties written as attributes of ``rdf:Description``.

    XMP allows both forms; the renderer writes elements, while other PDF tools that
    rewrite the packet on a later save (pyHanko, some signing services) use attributes.
    """
    from lxml import etree

    from iop.render.metadata import NS

    try:
        start = xmp.index(b"<x:xmpmeta")
        end = xmp.index(b"</x:xmpmeta>") + len(b"</x:xmpmeta>")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.fromstring(xmp[start:end], parser)
    except (ValueError, etree.XMLSyntaxError):
        return {}
    found: dict[str, str] = {}
    prefix = "{" + NS + "}"
    for element in root.iter():
        for key, value in element.attrib.items():
            if isinstance(key, str) and key.startswith(prefix):
                found.setdefault(key[len(prefix) :], str(value))
    return found
