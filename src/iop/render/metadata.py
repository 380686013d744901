"""iop's own XMP properties in a PDF, declared by a PDF/A extension schema.

PDF/A allows custom XMP properties only when the packet describes them in
``pdfaExtension:schemas``; this module adds both the description and the values
to the packet Typst wrote, and reads them back for ``iop info``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree

NS = "http://ns.iop.invalid/render/1.0/"
PREFIX = "iop"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
X = "adobe:ns:meta/"
PDFA_EXT = "http://www.aiim.org/pdfa/ns/extension/"
PDFA_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PDFA_PROP = "http://www.aiim.org/pdfa/ns/property#"
PDFAID = "http://www.aiim.org/pdfa/ns/id/"
DC = "http://purl.org/dc/elements/1.1/"


@dataclass(frozen=True)
class Prop:
    name: str
    value_type: str
    description: str


PROPERTIES = (
    Prop("agreementId", "Text", "Agreement id (slug) of the IOP agreement"),
    Prop("version", "Integer", "Version of the agreement"),
    Prop("status", "Text", "Status of the agreement when rendered"),
    Prop("parties", "Text", "Parties with organisation numbers, one per line"),
    Prop("sourceFile", "Text", "Path of the source YAML file within its repository"),
    Prop("sourceSha256", "Text", "SHA-256 of the source YAML file's bytes, 64 hex digits"),
    Prop("gitCommit", "Text", "Git commit (HEAD) of the repository holding the source"),
    Prop("gitState", "Text", "Whether the source was committed, modified or untracked"),
    Prop("toolVersion", "Text", "Version of iop that rendered the copy"),
    Prop("draft", "Boolean", "True when the copy is a draft (UTKAST)"),
    Prop("signatureFields", "Text", "Names of the signature fields, one per line"),
)
_NAMES = {p.name for p in PROPERTIES}


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _schema_entry() -> etree._Element:
    li = etree.Element(_q(RDF, "li"), nsmap={"pdfaSchema": PDFA_SCHEMA, "pdfaProperty": PDFA_PROP})
    li.set(_q(RDF, "parseType"), "Resource")
    etree.SubElement(li, _q(PDFA_SCHEMA, "schema")).text = "iop agreement rendering"
    etree.SubElement(li, _q(PDFA_SCHEMA, "namespaceURI")).text = NS
    etree.SubElement(li, _q(PDFA_SCHEMA, "prefix")).text = PREFIX
    seq = etree.SubElement(etree.SubElement(li, _q(PDFA_SCHEMA, "property")), _q(RDF, "Seq"))
    for prop in PROPERTIES:
        item = etree.SubElement(seq, _q(RDF, "li"))
        item.set(_q(RDF, "parseType"), "Resource")
        etree.SubElement(item, _q(PDFA_PROP, "name")).text = prop.name
        etree.SubElement(item, _q(PDFA_PROP, "valueType")).text = prop.value_type
        etree.SubElement(item, _q(PDFA_PROP, "category")).text = "external"
        etree.SubElement(item, _q(PDFA_PROP, "description")).text = prop.description
    return li


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False, huge_tree=False)


def add_properties(xmp: bytes, values: dict[str, str]) -> bytes:
    """Return the XMP packet ``xmp`` with iop's properties (and their schema) added."""
    unknown = set(values) - _NAMES
    if unknown:
        raise ValueError(f"unknown XMP properties: {sorted(unknown)}")
    start = xmp.index(b"<x:xmpmeta")
    end = xmp.index(b"</x:xmpmeta>") + len(b"</x:xmpmeta>")
    root = etree.fromstring(xmp[start:end], _parser())
    rdf = root.find(_q(RDF, "RDF"))
    if rdf is None:
        raise ValueError("XMP packet without rdf:RDF")
    bag = rdf.find(f".//{_q(PDFA_EXT, 'schemas')}/{_q(RDF, 'Bag')}")
    if bag is None:
        first = rdf.find(_q(RDF, "Description"))
        if first is None:
            first = etree.SubElement(rdf, _q(RDF, "Description"))
            first.set(_q(RDF, "about"), "")
        bag = etree.SubElement(etree.SubElement(first, _q(PDFA_EXT, "schemas")), _q(RDF, "Bag"))
    bag.append(_schema_entry())
    desc = etree.SubElement(rdf, _q(RDF, "Description"), nsmap={PREFIX: NS})
    desc.set(_q(RDF, "about"), "")
    for prop in PROPERTIES:
        if prop.name in values:
            etree.SubElement(desc, _q(NS, prop.name)).text = values[prop.name]
    body: bytes = etree.tostring(root, encoding="utf-8")
    return xmp[:start] + body + xmp[end:]


def read_properties(xmp: bytes) -> dict[str, Any]:
    """iop's properties plus title, creators and the PDF/A identification from an XMP packet."""
    try:
        start = xmp.index(b"<x:xmpmeta")
        end = xmp.index(b"</x:xmpmeta>") + len(b"</x:xmpmeta>")
        root = etree.fromstring(xmp[start:end], _parser())
    except (ValueError, etree.XMLSyntaxError):
        return {}
    out: dict[str, Any] = {}
    for el in root.iter(_q(NS, "*")):
        name = etree.QName(el).localname
        if name in _NAMES and el.text is not None:
            out[name] = el.text
    title = root.find(f".//{_q(DC, 'title')}//{_q(RDF, 'li')}")
    if title is not None and title.text:
        out["title"] = title.text
    part = root.find(f".//{_q(PDFAID, 'part')}")
    conformance = root.find(f".//{_q(PDFAID, 'conformance')}")
    if part is not None and part.text:
        out["pdfa"] = f"{part.text}{(conformance.text or '').lower() if conformance is not None else ''}"
    for desc in root.iter(_q(RDF, "Description")):
        for attr in ("part", "conformance"):
            val = desc.get(_q(PDFAID, attr))
            if val and "pdfa" not in out and attr == "part":
                conf = desc.get(_q(PDFAID, "conformance")) or ""
                out["pdfa"] = f"{val}{conf.lower()}"
    return out
