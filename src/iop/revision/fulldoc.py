"""The whole signing copy with the changes between two versions marked in place.

The new version is built by the signing-copy renderer with a marker on every field;
the old version is built the same way, and each field whose visible text differs is
replaced by a word-level redline. In DOCX the marks are real tracked changes
(``w:ins``/``w:del`` with author and date, through Pandoc's ``insertion``/``deletion``
spans), so Word's Accept/Reject works; in HTML they are ``ins``/``del``-styled spans and in
PDF struck-through red and underlined green text. Agreement text is only ever ``Str``.
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from iop.render import pandoc_ast as A
from iop.render.document import Builder, Target, swedish_date
from iop.render.pandoc_ast import Node
from iop.revision.words import Segment, word_diff

Mark = Callable[[str, list[Node]], Node]


@dataclass(frozen=True)
class Revision:
    """Who and when, for the tracked changes: from the new version's ``ändringar`` line."""

    author: str
    date: str  # ISO 8601, e.g. 2026-11-20T00:00:00Z


def version_label(data: Mapping[str, Any]) -> str:
    """``version 2 (20 november 2026)``: the number and the date of its ``ändringar`` line."""
    version = data.get("version")
    day = ""
    for line in data.get("ändringar") or []:
        if isinstance(line, Mapping) and str(line.get("version")) == str(version) and line.get("datum"):
            day = swedish_date(line["datum"])
    return f"version {version}" + (f" ({day})" if day else "")


def revision_of(data: Mapping[str, Any]) -> Revision:
    """Author and date of the new version's own ``ändringar`` line (``iop`` when it has none)."""
    version = str(data.get("version"))
    for line in data.get("ändringar") or []:
        if isinstance(line, Mapping) and str(line.get("version")) == version:
            who = str(line.get("beslut") or "").strip() or "iop"
            day = str(line.get("datum") or "")[:10]
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
                return Revision(who, f"{day}T00:00:00Z")
            return Revision(who, "")
    return Revision("iop", "")


def marker(target: Target, rev: Revision) -> Mark:
    """How an insertion or a deletion is shown in ``target``."""

    def mark(op: str, inlines: list[Node]) -> Node:
        if target == "docx":
            kind = "insertion" if op == "insert" else "deletion"
            attrs = [["author", rev.author]] + ([["date", rev.date]] if rev.date else [])
            return {"t": "Span", "c": [["", [kind], attrs], inlines]}
        if target == "html":
            tag = "ins" if op == "insert" else "del"  # fixed tags around Str nodes, never agreement text
            body = [
                {"t": "RawInline", "c": ["html", f"<{tag}>"]},
                *inlines,
                {"t": "RawInline", "c": ["html", f"</{tag}>"]},
            ]
            return {"t": "Span", "c": [["", [f"iop-{tag}"], []], body]}
        return {"t": "Underline" if op == "insert" else "Strikeout", "c": inlines}

    return mark


# ------------------------------------------------------------------ text of AST nodes


def inline_text(nodes: list[Node]) -> str:
    out = []
    for n in nodes:
        t: Any = n.get("t")
        c: Any = n.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space", "SoftBreak"):
            out.append(" ")
        elif t == "LineBreak":
            out.append("\n")
        elif t == "Span":
            out.append(inline_text(c[1]))
        elif isinstance(c, list) and c and isinstance(c[0], dict):
            out.append(inline_text(c))
    return "".join(out)


def block_text(blocks: list[Node]) -> str:
    out = []
    for b in blocks:
        t: Any = b.get("t")
        c: Any = b.get("c")
        if t in ("Para", "Plain"):
            out.append(inline_text(c))
        elif t in ("BulletList", "OrderedList"):
            items = c if t == "BulletList" else c[1]
            out.append("\n".join("- " + block_text(i) for i in items))
        elif t == "Div":
            out.append(block_text(c[1]))
    return "\n\n".join(out)


# ------------------------------------------------------------------ redlines


def seg_inlines(segments: list[Segment], mark: Mark) -> list[Node]:
    """Segments as inlines: unchanged text plain, the rest marked; spacing kept."""
    out: list[Node] = []
    for s in segments:
        if not s.text:
            continue
        lead = s.text[:1].isspace()
        trail = s.text[-1:].isspace()
        inner = A.text_inlines(s.text)
        if lead and out and out[-1].get("t") != "Space":
            out.append({"t": "Space"})
        if inner:
            out.append(mark(s.op, inner) if s.op != "equal" else inner[0])
            if s.op == "equal":
                out.extend(inner[1:])
        if trail and inner:
            out.append({"t": "Space"})
    while out and out[-1].get("t") == "Space":
        out.pop()
    return out


def inline_redline(old: str, new: str, mark: Mark) -> list[Node]:
    return seg_inlines(word_diff(old, new), mark)


def _paragraph_segments(segments: list[Segment]) -> list[list[Segment]]:
    paras: list[list[Segment]] = [[]]
    for seg in segments:
        for k, part in enumerate(re.split(r"\n\s*\n", seg.text)):
            if k:
                paras.append([])
            if part:
                paras[-1].append(Segment(seg.op, re.sub(r"\s+", " ", part)))
    return [p for p in paras if any(s.text.strip() for s in p)]


def block_redline(old: list[Node], new: list[Node], mark: Mark) -> list[Node]:
    """Blocks of a changed field: paragraph by paragraph when the shape is the same."""
    same_shape = len(old) == len(new) and all(o.get("t") == n.get("t") for o, n in zip(old, new, strict=True))
    if same_shape:
        out: list[Node] = []
        for o, n in zip(old, new, strict=True):
            t = n.get("t")
            if t in ("Para", "Plain"):
                a, b = inline_text(o["c"]), inline_text(n["c"])
                out.append(n if a == b else {"t": t, "c": inline_redline(a, b, mark)})
            elif t in ("BulletList", "OrderedList") and len(
                o["c"] if t == "BulletList" else o["c"][1]
            ) == len(n["c"] if t == "BulletList" else n["c"][1]):
                out.append(
                    {
                        "t": t,
                        "c": _list_items(o, n, mark)
                        if t == "BulletList"
                        else [n["c"][0], _list_items(o, n, mark)],
                    }
                )
            else:
                same_shape = False
                break
        if same_shape:
            return out
    segments = word_diff(block_text(old), block_text(new))
    return [A.para(seg_inlines(p, mark)) for p in _paragraph_segments(segments)]


def _list_items(old: Node, new: Node, mark: Mark) -> list[list[Node]]:
    o_items = old["c"] if old["t"] == "BulletList" else old["c"][1]
    n_items = new["c"] if new["t"] == "BulletList" else new["c"][1]
    return [
        [A.plain(inline_redline(block_text(oi), block_text(ni), mark))]
        if block_text(oi) != block_text(ni)
        else ni
        for oi, ni in zip(o_items, n_items, strict=True)
    ]


def _mark_all(node: Node, op: str, mark: Mark) -> Node:
    """Every inline of a new field marked as inserted."""
    if node.get("t") in ("Para", "Plain"):
        return {"t": node["t"], "c": [mark(op, node["c"])] if node["c"] else []}
    if node.get("t") == "BulletList":
        return {"t": "BulletList", "c": [[_mark_all(b, op, mark) for b in item] for item in node["c"]]}
    if node.get("t") == "OrderedList":
        return {
            "t": "OrderedList",
            "c": [node["c"][0], [[_mark_all(b, op, mark) for b in i] for i in node["c"][1]]],
        }
    return node


def _anchors(node: Any, found: dict[str, Node]) -> dict[str, Node]:
    if isinstance(node, dict):
        if node.get("t") in ("Div", "Span"):
            ident = node["c"][0][0]
            if ident.startswith("iop"):
                found[ident] = node
        for v in node.values():
            _anchors(v, found)
    elif isinstance(node, list):
        for v in node:
            _anchors(v, found)
    return found


def _merge(node: Any, old: dict[str, Node], mark: Mark, keep_ids: bool) -> Any:
    if isinstance(node, list):
        return [_merge(v, old, mark, keep_ids) for v in node]
    if not isinstance(node, dict):
        return node
    t = node.get("t")
    if t in ("Div", "Span") and str(node["c"][0][0]).startswith("iop"):
        ident = node["c"][0][0]
        attr = [ident if keep_ids else "", node["c"][0][1], node["c"][0][2]]
        before = old.get(ident)
        content = node["c"][1]
        if t == "Div":
            if before is None:
                content = [_mark_all(b, "insert", mark) for b in content]
            elif block_text(before["c"][1]) != block_text(content):
                content = block_redline(before["c"][1], content, mark)
        else:
            if before is None:
                content = [mark("insert", content)]
            elif inline_text(before["c"][1]) != inline_text(content):
                was = inline_text(before["c"][1])
                if re.search(r"\d", was) and len(was.split()) <= 6:
                    # an amount, a date or a count: shown as a whole value replaced
                    content = [mark("delete", before["c"][1]), {"t": "Space"}, mark("insert", content)]
                else:
                    content = inline_redline(was, inline_text(content), mark)
        return {"t": t, "c": [attr, content]}
    return {k: _merge(v, old, mark, keep_ids) for k, v in node.items()}


def _key(item: Any) -> str:
    if isinstance(item, Mapping):
        texts = [str(v) for k, v in item.items() if k not in ("part", "slag") and isinstance(v, str)]
        return f"{item.get('part', '')}|{item.get('slag', '')}|{(texts or [''])[0][:60]}"
    return str(item)


def _align(a: list[Any], b: list[Any]) -> dict[int, int]:
    """Old list position → new list position for items kept or edited in place."""
    matcher = difflib.SequenceMatcher(None, [_key(x) for x in a], [_key(x) for x in b], autojunk=False)
    out: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            out.update({i1 + k: j1 + k for k in range(i2 - i1)})
    return out


def translate(path: tuple[str | int, ...], old: Any, new: Any) -> tuple[str | int, ...] | None:
    """Where an old field is in the new version (list items followed by content), or None if gone."""
    out: list[str | int] = []
    for step in path:
        if isinstance(step, int):
            if not (isinstance(old, list) and isinstance(new, list)):
                return None
            moved = _align(old, new).get(step)
            if moved is None:
                return None
            out.append(moved)
            old, new = old[step], new[moved]
        else:
            out.append(step)
            old = old.get(step) if isinstance(old, Mapping) else None
            new = new.get(step) if isinstance(new, Mapping) else None
    return tuple(out)


def realign(anchors: dict[str, Node], old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Node]:
    """The old version's field marks keyed by where each field is in the new version, so a
    removed list item shows as removed, not as every later item changed."""
    from iop.render.document import anchor_name, anchor_paths

    paths = anchor_paths(old)
    out: dict[str, Node] = {}
    for name, node in anchors.items():
        path = paths.get(name)
        moved = translate(path, old, new) if path is not None else None
        out[anchor_name(moved) if moved is not None else f"gone:{name}"] = node
    return out


def redline_blocks(
    old: Mapping[str, Any], new: Mapping[str, Any], target: Target, rev: Revision | None = None
) -> tuple[list[Node], list[str]]:
    """The new version's signing-copy blocks with every changed field redlined, and the signers."""
    mark = marker(target, rev or revision_of(new))
    old_builder = Builder(old, target, anchors=True)
    old_anchors = realign(_anchors(old_builder.build(), {}), old, new)
    builder = Builder(new, target, anchors=True)
    blocks = builder.build()
    merged = _merge(copy.deepcopy(blocks), old_anchors, mark, keep_ids=target == "docx")
    gone = removed_blocks(old, new, old_anchors, _anchors(blocks, {}), mark)
    at = next(
        (
            i
            for i, b in enumerate(merged)
            if (b.get("t") == "Header" and inline_text(b["c"][2]) == "Underskrifter")
            or (b.get("t") == "RawBlock" and "iop-signature-page" in b["c"][1])
        ),
        len(merged),
    )
    return merged[:at] + gone + merged[at:], builder.signature_ids


def removed_blocks(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    before: dict[str, Node],
    after: dict[str, Node],
    mark: Mark,
) -> list[Node]:
    """Text that is gone from the new version (a removed goal, resource or section), struck through,
    each under the place it had; there is no place left for it in the new text."""
    from iop.i18n import text, tr
    from iop.render.document import anchor_paths

    paths = anchor_paths(old)
    gone = sorted(
        (
            (paths[name.removeprefix("gone:")], node)
            for name, node in before.items()
            if name not in after and name.removeprefix("gone:") in paths
        ),
        key=lambda pn: [f"{p:06d}" if isinstance(p, int) else p for p in pn[0]],
    )
    if not gone:
        return []
    items: list[list[Node]] = []
    for path, node in gone:
        label = " › ".join(str(p + 1) if isinstance(p, int) else p for p in path)
        body = node["c"][1]
        value = inline_text(body) if node["t"] == "Span" else block_text(body)
        items.append(
            [
                A.para(
                    [
                        A.emph(A.text_inlines(label + ":")),
                        {"t": "Space"},
                        mark("delete", A.text_inlines(value)),
                    ]
                )
            ]
        )
    title = tr(text("Borttaget ur överenskommelsen", "Removed from the agreement"))
    return [A.header(1, A.text_inlines(title), classes=["unnumbered"]), A.bullet_list(items)]


def heading_blocks(
    old: Mapping[str, Any], new: Mapping[str, Any], target: Target, rev: Revision
) -> list[Node]:
    """The line that names both versions, and the legend."""
    from iop.i18n import text, tr

    mark = marker(target, rev)
    title = tr(
        text(
            f"Ändringar i överenskommelsen från {version_label(old)} till {version_label(new)}",
            f"Changes to the agreement from {version_label(old)} to {version_label(new)}",
        )
    )
    legend = [
        *A.text_inlines(tr(text("Tillagd text är", "Added text is"))),
        {"t": "Space"},
        mark("insert", A.text_inlines(tr(text("understruken och grön", "underlined and green")))),
        *A.text_inlines(tr(text(", borttagen text", ", removed text"))),
        {"t": "Space"},
        mark("delete", A.text_inlines(tr(text("överstruken och röd", "struck through and red")))),
        {"t": "Str", "c": "."},
    ]
    if target == "docx":
        legend = A.text_inlines(
            tr(
                text(
                    "Ändringarna är spårade ändringar: granska dem med Words Godkänn och Avvisa.",
                    "The changes are tracked changes: review them with Word's Accept and Reject.",
                )
            )
        )
    return [A.para([A.strong(A.text_inlines(title))]), A.para(legend)]


# ------------------------------------------------------------------ documents

_HTML_CSS = """
.iop-ins { color: #1b5e20; background: #e6f4ea; text-decoration: underline; }
.iop-del { color: #a4161a; background: #fde8e8; text-decoration: line-through; }
.iop-versions { border-left: 4px solid #1f3b5a; padding: 0.3em 1em; background: #f3f6f9; }
"""
_TYPST_MARKS = '#show strike: it => text(fill: rgb("#a4161a"), it)\n#show underline: it => text(fill: rgb("#1b5e20"), it)'


@dataclass(frozen=True)
class Pair:
    """The two versions of one agreement (``{}`` for an added or removed agreement)."""

    old: Mapping[str, Any]
    new: Mapping[str, Any]


def _blocks(pair: Pair, target: Target) -> tuple[list[Node], Revision]:
    if not pair.new:  # removed: the old text, all struck
        rev = revision_of(pair.old)
        mark = marker(target, rev)
        blocks, _ = Builder(pair.old, target, anchors=True).build(), None
        return [_strike_all(b, mark) for b in blocks], rev
    rev = revision_of(pair.new)
    blocks, _ = redline_blocks(pair.old, pair.new, target, rev)
    # after the cover (title, parties, version), before the first section
    title = str(pair.new.get("titel") or "")
    at = next(
        (i for i, b in enumerate(blocks) if b.get("t") == "Header" and inline_text(b["c"][2]).strip() != title),
        0,
    )
    return blocks[:at] + heading_blocks(pair.old, pair.new, target, rev) + blocks[at:], rev


def _strike_all(node: Any, mark: Mark) -> Any:
    if isinstance(node, list):
        return [_strike_all(v, mark) for v in node]
    if isinstance(node, dict):
        if node.get("t") in ("Para", "Plain", "BulletList", "OrderedList"):
            return _mark_all(node, "delete", mark)
        return {k: _strike_all(v, mark) for k, v in node.items()}
    return node


def render_docx(pair: Pair) -> bytes:
    """The new version as DOCX with every change as a Word tracked change."""
    from iop.assets import asset
    from iop.render import pandoc
    from iop.render.document import KICKER

    blocks, _ = _blocks(pair, "docx")
    data = pair.new or pair.old
    ast = A.document(blocks)
    ast["meta"] = {
        "title": A.meta_inlines(str(data.get("titel") or data.get("id") or "")),
        "subtitle": A.meta_inlines(KICKER),
        "lang": {"t": "MetaString", "c": "sv-SE"},
        "subject": A.meta_inlines(
            f"IOP-överenskommelse {data.get('id')}, ändringar från {version_label(pair.old)} till {version_label(pair.new)}"
        ),
    }
    return _unique_revision_ids(
        pandoc.run(
            ast, "docx", ["--number-sections", "--reference-doc", str(asset("render", "reference.docx"))]
        )
    )


def _unique_revision_ids(docx: bytes) -> bytes:
    """Pandoc numbers insertions and deletions separately; Word wants every w:id unique."""
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    counter = iter(range(1, 1_000_000))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r'<w:(ins|del) w:id="\d+"',
                    lambda m: f'<w:{m.group(1)} w:id="{900000 + next(counter)}"',
                    text,
                )
                data = text.encode("utf-8")
            dst.writestr(info, data)
    return out.getvalue()


def render_html(pairs: list[Pair]) -> bytes:
    """Standalone HTML: each agreement's full signing copy with the changes marked."""
    from iop.assets import asset
    from iop.render import pandoc

    blocks: list[Node] = []
    for pair in pairs:
        body, _ = _blocks(pair, "html")
        blocks += body
    css = asset("render", "signing.css").read_text(encoding="utf-8") + _HTML_CSS
    ast = A.document(blocks)
    title = "Ändringar i överenskommelsen"
    ast["meta"] = {
        "pagetitle": A.meta_inlines(title),
        "lang": {"t": "MetaString", "c": "sv"},
        "header-includes": {
            "t": "MetaBlocks",
            "c": [A.raw_block("html", "<style>\n" + css.replace("</", "<\\/") + "</style>")],
        },
    }
    return pandoc.run(ast, "html5", ["--standalone", "--wrap=none"])  # headings numbered by the builder


def render_pdf(pairs: list[Pair]) -> bytes:
    """PDF: each agreement's full signing copy (same template) with the changes marked."""
    import io

    import pikepdf
    import typst

    from iop.assets import asset
    from iop.render import pandoc
    from iop.render.document import name_pattern, page_reference
    from iop.render.pdf import fonts, party_lines

    parts: list[bytes] = []
    for pair in pairs:
        body, _ = _blocks(pair, "typst")
        data = pair.new or pair.old
        ast = A.document([A.raw_block("typst", _TYPST_MARKS), *body])
        source = pandoc.run(ast, "typst", ["--template", str(asset("render", "signing.typst"))])
        inputs = {
            "iop-title": str(data.get("titel") or data.get("id") or ""),
            "iop-id": str(data.get("id") or ""),
            "iop-version": f"{pair.old.get('version', '–')} → {pair.new.get('version', '–')}",
            "iop-parties": "\n".join(party_lines(data)),
            "iop-keywords": "\n".join(["IOP", "ändringar", str(data.get("id") or "")]),
            "iop-description": f"Ändringar från {version_label(pair.old)} till {version_label(pair.new)}",
            "iop-draft": "",
            "iop-ref": page_reference(data),
            "iop-names": name_pattern(data),
        }
        try:
            pdf = typst.compile(
                source, format="pdf", font_paths=fonts(), ignore_system_fonts=True, sys_inputs=inputs
            )
        except (RuntimeError, ValueError) as exc:
            raise pandoc.RenderError(f"typst: {getattr(exc, 'message', None) or exc}") from None
        assert isinstance(pdf, bytes)
        parts.append(pdf)
    if len(parts) == 1:
        return parts[0]
    merged = pikepdf.new()
    for part in parts:
        with pikepdf.open(io.BytesIO(part)) as doc:
            merged.pages.extend(doc.pages)
    out = io.BytesIO()
    merged.save(out, deterministic_id=True)
    return out.getvalue()
