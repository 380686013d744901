"""What an incremental update changed in a PDF, by kind, and whether signing allows it.

pyHanko's difference analysis decides whether later revisions are form filling; it
lets document metadata (``/Info``, XMP) change freely. A signing copy's metadata
carries the agreement's title, id, version and source hash, so here every revision
after a signature is compared with the signed one, object by object:

- allowed, because the signing flow itself adds them: a signature in a field that
  was prepared and empty, its widget's appearance, document timestamps, the DSS,
  the catalog's developer extensions, and the dates and producer a signing tool
  stamps into ``/Info`` and XMP;
- everything else is a change after signing: metadata, pages, annotations, form
  values, JavaScript and actions, embedded files, other catalog entries.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from iop.i18n import Text, text

# Keys a signing tool may update in /Info and XMP when it appends a signature.
INFO_SIGNING_KEYS = frozenset({"/ModDate", "/Producer"})
XMP_SIGNING_PROPS = frozenset(
    {
        ("http://ns.adobe.com/xap/1.0/", "ModifyDate"),
        ("http://ns.adobe.com/xap/1.0/", "MetadataDate"),
        ("http://ns.adobe.com/pdf/1.3/", "Producer"),
        ("http://ns.adobe.com/xap/1.0/mm/", "InstanceID"),
    }
)
# Catalog entries compared on their own (below) or allowed to change when signing.
CATALOG_HANDLED = frozenset(
    {"/AcroForm", "/Metadata", "/Names", "/OpenAction", "/AA", "/Pages", "/AF", "/DSS", "/Extensions", "/Perms"}
)
# Links that point back up or sideways in the object graph: not content.
# (``/Obj`` and ``/Pg`` in the structure tree point at annotations and pages, which are
# compared on their own.)
SKIP_KEYS = frozenset({"/Parent", "/P", "/Prev", "/Next", "/First", "/Last", "/Length", "/Obj", "/Pg"})
WIDGET_SIGNING_KEYS = frozenset({"/AP", "/AS", "/V", "/Lock", "/SV"})
MAX_NODES = 200_000

KINDS: dict[str, Text] = {
    "signature": text("ny underskrift i ett förberett fält", "new signature in a prepared field"),
    "timestamp": text("dokumenttidsstämpel", "document timestamp"),
    "dss": text("valideringsdata (DSS)", "validation data (DSS)"),
    "info": text("dokumentinformation (/Info)", "document information (/Info)"),
    "xmp": text("XMP-metadata", "XMP metadata"),
    "pages": text("sidor eller sidinnehåll", "pages or page content"),
    "annotations": text("anteckningar", "annotations"),
    "form": text("formulärfält", "form fields"),
    "javascript": text("JavaScript eller automatiska åtgärder", "JavaScript or automatic actions"),
    "embedded_files": text("inbäddade filer", "embedded files"),
    "structure": text("dokumentets struktur", "document structure"),
    "unreadable": text("oläslig revision", "unreadable revision"),
}
ALLOWED_KINDS = frozenset({"signature", "timestamp", "dss"})


@dataclass(frozen=True)
class Change:
    """One kind of change between two revisions; ``detail`` names what changed."""

    kind: str
    detail: str

    @property
    def allowed(self) -> bool:
        return self.kind in ALLOWED_KINDS

    @property
    def label(self) -> Text:
        return KINDS[self.kind]


class _Budget:
    def __init__(self) -> None:
        self.left = MAX_NODES

    def spend(self) -> bool:
        self.left -= 1
        return self.left >= 0


def fingerprint(obj: Any, skip: frozenset[str] = SKIP_KEYS, budget: _Budget | None = None) -> Any:
    """A comparable, bounded summary of a PDF object and everything it refers to.

    Streams are summarised by the SHA-256 of their raw bytes; links back up the tree
    (``/Parent``, ``/P``...) are left out; a reference cycle or an object graph over
    ``MAX_NODES`` ends in a marker instead of recursing further.
    """
    return _fp(obj, skip, budget or _Budget(), set())


def _fp(obj: Any, skip: frozenset[str], budget: _Budget, stack: set[tuple[int, int]]) -> Any:
    import pikepdf

    if not budget.spend():
        return ("too-large",)
    gen = obj.objgen if isinstance(obj, pikepdf.Object) and obj.is_indirect else None
    if gen is not None:
        if gen in stack:
            return ("cycle", gen)
        stack = stack | {gen}
    if isinstance(obj, pikepdf.Stream):
        try:
            digest = hashlib.sha256(obj.read_raw_bytes()).hexdigest()
        except pikepdf.PdfError:
            digest = "unreadable"
        return ("stream", _fp_dict(obj, skip, budget, stack), digest)
    if isinstance(obj, pikepdf.Dictionary):
        return ("dict", _fp_dict(obj, skip, budget, stack))
    if isinstance(obj, pikepdf.Array):
        return ("array", tuple(_fp(item, skip, budget, stack) for item in obj))
    if isinstance(obj, pikepdf.Name):
        return ("name", str(obj))
    if isinstance(obj, pikepdf.String):
        return ("string", bytes(obj))
    if isinstance(obj, pikepdf.Object):
        return ("object", repr(obj))
    return ("value", repr(obj))


def _fp_dict(obj: Any, skip: frozenset[str], budget: _Budget, stack: set[tuple[int, int]]) -> tuple[Any, ...]:
    return tuple((key, _fp(obj[key], skip, budget, stack)) for key in sorted(obj.keys()) if key not in skip)


def changes_between(old: bytes, new: bytes) -> list[Change]:
    """Every kind of change from the PDF revision ``old`` to the later revision ``new``."""
    import pikepdf

    try:
        before = pikepdf.open(BytesIO(old))
        after = pikepdf.open(BytesIO(new))
    except (pikepdf.PdfError, ValueError) as exc:
        return [Change("unreadable", str(exc))]
    with before, after:
        found: list[Change] = []
        found.extend(_info_changes(before, after))
        found.extend(_xmp_changes(before, after))
        found.extend(_page_changes(before, after))
        found.extend(_form_changes(before, after))
        found.extend(_catalog_changes(before, after))
    return found


def _info_changes(before: Any, after: Any) -> Iterator[Change]:
    old, new = _info(before), _info(after)
    changed = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k) and k not in INFO_SIGNING_KEYS)
    if changed:
        yield Change("info", ", ".join(changed))


def _info(pdf: Any) -> dict[str, Any]:
    import pikepdf

    info = pdf.trailer.get("/Info")
    if not isinstance(info, pikepdf.Dictionary):
        return {}
    found: dict[str, Any] = {}
    for key in info.keys():  # noqa: SIM118 - pikepdf's typing knows keys() only
        value = info[key]
        found[str(key)] = str(value) if isinstance(value, pikepdf.String) else fingerprint(value)
    return found


def _xmp_changes(before: Any, after: Any) -> Iterator[Change]:
    old, new = _xmp(before), _xmp(after)
    if old is None and new is None:
        return
    if old is None or new is None:
        yield Change("xmp", "/Metadata")
        return
    changed = sorted(
        f"{_prefix(ns)}{name}"
        for ns, name in old.keys() | new.keys()
        if old.get((ns, name)) != new.get((ns, name)) and (ns, name) not in XMP_SIGNING_PROPS
    )
    if changed:
        yield Change("xmp", ", ".join(changed))


def _prefix(ns: str) -> str:
    known = {
        "http://purl.org/dc/elements/1.1/": "dc:",
        "http://ns.adobe.com/xap/1.0/": "xmp:",
        "http://ns.adobe.com/pdf/1.3/": "pdf:",
        "http://ns.adobe.com/xap/1.0/mm/": "xmpMM:",
        "http://www.aiim.org/pdfa/ns/id/": "pdfaid:",
    }
    from iop.render.metadata import NS

    known[NS] = "iop:"
    return known.get(ns, "{" + ns + "}")


def _xmp(pdf: Any) -> dict[tuple[str, str], Any] | None:
    """XMP properties as ``{(namespace, name): value}``, element and attribute forms alike."""
    import pikepdf

    stream = pdf.Root.get("/Metadata")
    if not isinstance(stream, pikepdf.Stream):
        return None
    try:
        data = stream.read_bytes()
    except pikepdf.PdfError:
        return {("", "unreadable"): True}
    return xmp_properties(data)


def xmp_properties(data: bytes) -> dict[tuple[str, str], Any]:
    """Parse an XMP packet safely into ``{(namespace, name): value}``."""
    from lxml import etree

    from iop.render.metadata import RDF

    try:
        start = data.index(b"<x:xmpmeta")
        end = data.index(b"</x:xmpmeta>") + len(b"</x:xmpmeta>")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.fromstring(data[start:end], parser)
    except (ValueError, etree.XMLSyntaxError):
        return {("", "unparsable"): hashlib.sha256(data).hexdigest()}
    props: dict[tuple[str, str], Any] = {}
    for desc in root.iter(f"{{{RDF}}}Description"):
        for key, value in desc.attrib.items():
            qname = etree.QName(key)
            if qname.namespace and qname.namespace != RDF:
                props[(qname.namespace, qname.localname)] = str(value)
        for child in desc:
            if not isinstance(child.tag, str):
                continue
            qname = etree.QName(child)
            items = [li.text or "" for li in child.iter(f"{{{RDF}}}li")]
            nested = etree.tostring(child, method="c14n") if len(child) and not items else None
            props[(qname.namespace or "", qname.localname)] = (
                tuple(items) if items else nested if nested is not None else (child.text or "").strip()
            )
    return props


def _page_changes(before: Any, after: Any) -> Iterator[Change]:
    old_pages, new_pages = list(before.pages), list(after.pages)
    if len(old_pages) != len(new_pages):
        yield Change("pages", f"{len(old_pages)} → {len(new_pages)}")
    page_skip = SKIP_KEYS | {"/Annots"}
    changed = [
        str(number)
        for number, (old, new) in enumerate(zip(old_pages, new_pages, strict=False), start=1)
        if fingerprint(old.obj, page_skip) != fingerprint(new.obj, page_skip)
    ]
    if changed:
        yield Change("pages", ", ".join(changed))
    old_signed = _signed_field_names(before)
    annotated = []
    for number, (old, new) in enumerate(zip(old_pages, new_pages, strict=False), start=1):
        if _annotations(old.obj, old_signed, newly_signed=set()) != _annotations(
            new.obj, old_signed, newly_signed=_signed_field_names(after) - old_signed
        ):
            annotated.append(str(number))
    if annotated:
        yield Change("annotations", ", ".join(annotated))


def _annotations(page: Any, signed_before: set[str], newly_signed: set[str]) -> list[Any]:
    """Summaries of a page's annotations; a widget signed in this update drops its appearance."""
    out = []
    for annot in page.get("/Annots", []) or []:
        name = _field_name(annot)
        skip = SKIP_KEYS | WIDGET_SIGNING_KEYS if name is not None and name in newly_signed else SKIP_KEYS
        if name is not None and name not in signed_before and name not in newly_signed:
            skip = SKIP_KEYS | WIDGET_SIGNING_KEYS  # an empty field: its look before signing is free
        out.append(fingerprint(annot, skip))
    return out


def _field_name(annot: Any) -> str | None:
    """The qualified name of the signature field ``annot`` is a widget of, if any."""
    import pikepdf

    node = annot
    if not isinstance(node, pikepdf.Dictionary):
        return None
    is_sig = node.get("/FT") == "/Sig" or (
        isinstance(node.get("/Parent"), pikepdf.Dictionary) and node.Parent.get("/FT") == "/Sig"
    )
    if not is_sig:
        return None
    parts: list[str] = []
    seen = 0
    while isinstance(node, pikepdf.Dictionary) and seen < 32:
        if "/T" in node:
            parts.append(str(node.T))
        node = node.get("/Parent")
        seen += 1
    return ".".join(reversed(parts)) or None


def _fields(pdf: Any) -> dict[str, Any]:
    """Terminal form fields by qualified name."""
    import pikepdf

    acro = pdf.Root.get("/AcroForm")
    found: dict[str, Any] = {}
    if not isinstance(acro, pikepdf.Dictionary):
        return found
    todo: list[tuple[Any, str, int]] = [(f, "", 0) for f in acro.get("/Fields", []) or []]
    while todo and len(found) < 10_000:
        node, prefix, depth = todo.pop()
        if not isinstance(node, pikepdf.Dictionary) or depth > 32:
            continue
        name = f"{prefix}.{node.T}" if prefix and "/T" in node else str(node.get("/T", prefix))
        kids = [k for k in node.get("/Kids", []) or [] if isinstance(k, pikepdf.Dictionary) and "/T" in k]
        if kids:
            todo.extend((k, name, depth + 1) for k in kids)
        else:
            found[name] = node
    return found


def _signed_field_names(pdf: Any) -> set[str]:
    return {name for name, node in _fields(pdf).items() if _field_type(node) == "/Sig" and "/V" in node}


def _field_type(node: Any) -> Any:
    import pikepdf

    while isinstance(node, pikepdf.Dictionary):
        if "/FT" in node:
            return node.FT
        node = node.get("/Parent")
    return None


def _form_changes(before: Any, after: Any) -> Iterator[Change]:
    old, new = _fields(before), _fields(after)
    for name in sorted(old.keys() - new.keys()):
        yield Change("form", f"{name} (borttaget / removed)")
    for name in sorted(new.keys() - old.keys()):
        node = new[name]
        value = node.get("/V")
        if _field_type(node) == "/Sig" and value is not None and value.get("/Type") == "/DocTimeStamp":
            yield Change("timestamp", name)
        else:
            yield Change("form", f"{name} (nytt / new)")
    for name in sorted(old.keys() & new.keys()):
        o, n = old[name], new[name]
        if _field_type(n) == "/Sig" and "/V" not in o and "/V" in n:
            kind = "timestamp" if n.V.get("/Type") == "/DocTimeStamp" else "signature"
            yield Change(kind, name)
            rest = WIDGET_SIGNING_KEYS
        else:
            rest = frozenset()
        if fingerprint(o, SKIP_KEYS | rest | {"/Kids"}) != fingerprint(n, SKIP_KEYS | rest | {"/Kids"}):
            yield Change("form", name)
    acro_skip = SKIP_KEYS | {"/Fields", "/SigFlags", "/DR", "/DA"}
    old_acro, new_acro = before.Root.get("/AcroForm"), after.Root.get("/AcroForm")
    if (old_acro is None) != (new_acro is None) or (
        old_acro is not None and fingerprint(old_acro, acro_skip) != fingerprint(new_acro, acro_skip)
    ):
        yield Change("form", "/AcroForm")


def _catalog_changes(before: Any, after: Any) -> Iterator[Change]:
    old, new = before.Root, after.Root
    names_old, names_new = old.get("/Names"), new.get("/Names")

    def name_tree(tree: Any, key: str) -> Any:
        return fingerprint(tree.get(key)) if tree is not None and key in tree else None

    if name_tree(names_old, "/JavaScript") != name_tree(names_new, "/JavaScript") or any(
        fingerprint(old.get(key)) != fingerprint(new.get(key)) for key in ("/OpenAction", "/AA")
    ):
        yield Change("javascript", "/Names /JavaScript, /OpenAction, /AA")
    if name_tree(names_old, "/EmbeddedFiles") != name_tree(names_new, "/EmbeddedFiles") or fingerprint(
        old.get("/AF")
    ) != fingerprint(new.get("/AF")):
        yield Change("embedded_files", "/EmbeddedFiles, /AF")
    names_skip = SKIP_KEYS | {"/JavaScript", "/EmbeddedFiles"}
    if (names_old is None) != (names_new is None) or (
        names_old is not None and fingerprint(names_old, names_skip) != fingerprint(names_new, names_skip)
    ):
        yield Change("structure", "/Names")
    root_skip = SKIP_KEYS | CATALOG_HANDLED
    if fingerprint(old, root_skip) != fingerprint(new, root_skip):
        keys = sorted(
            k
            for k in set(old.keys()) | set(new.keys())
            if k not in root_skip and fingerprint(old.get(k)) != fingerprint(new.get(k))
        )
        yield Change("structure", ", ".join(keys) or "/Root")
    if fingerprint(old.get("/DSS")) != fingerprint(new.get("/DSS")):
        yield Change("dss", "/DSS")
