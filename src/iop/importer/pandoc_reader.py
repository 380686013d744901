"""DOCX, ODT and Markdown through pandoc's JSON AST (tracked changes accepted)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from iop.importer.blocks import Block, Extracted, clean
from iop.importer.errors import ImportFailure

READERS = {".docx": "docx", ".odt": "odt", ".md": "markdown", ".markdown": "markdown"}


def pandoc_json(path: Path, reader: str) -> dict[str, Any]:
    """The pandoc AST of ``path``; pandoc runs sandboxed (reads no other file)."""
    from iop.render.pandoc import pandoc_path

    args = [pandoc_path(), "--sandbox", "-f", reader, "-t", "json"]
    if reader == "docx":
        args.append("--track-changes=accept")
    try:
        done = subprocess.run([*args, str(path)], capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise ImportFailure(f"pandoc kunde inte köras: {exc}", f"pandoc could not run: {exc}") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise ImportFailure(
            f"Filen kunde inte läsas som {reader.upper()}; den är skadad eller i ett annat format ({detail[0]}).",
            f"The file could not be read as {reader.upper()}; it is damaged or in another format ({detail[0]}).",
        )
    ast: dict[str, Any] = json.loads(done.stdout)
    return ast


def inline_text(nodes: list[Any]) -> str:
    """Plain text of pandoc inlines: soft breaks become spaces, hard breaks newlines."""
    out: list[str] = []
    for node in nodes:
        t = node.get("t")
        c = node.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space", "SoftBreak"):
            out.append(" ")
        elif t == "LineBreak":
            out.append("\n")
        elif t in ("Emph", "Strong", "Underline", "Strikeout", "SmallCaps", "Superscript", "Subscript"):
            out.append(inline_text(c))
        elif t == "Span" or t in ("Link", "Image"):
            out.append(inline_text(c[1]))
        elif t == "Quoted":
            mark = "”" if c[0].get("t") == "DoubleQuote" else "’"
            out.append(mark + inline_text(c[1]) + mark)
        elif t == "Code":
            out.append(c[1])
        elif t == "Cite":
            out.append(inline_text(c[1]))
    return "".join(out)


def _only_strong(nodes: list[Any]) -> bool:
    """A paragraph whose text is all bold: a heading in documents without heading styles."""
    meaningful = [n for n in nodes if n.get("t") not in ("Space", "SoftBreak")]
    return bool(meaningful) and all(n.get("t") == "Strong" for n in meaningful)


def _blocks_text(blocks: list[Any]) -> str:
    parts: list[str] = []
    for b in blocks:
        t, c = b.get("t"), b.get("c")
        if t in ("Para", "Plain"):
            parts.append(clean(inline_text(c)))
        elif t in ("BulletList", "OrderedList"):
            items = c if t == "BulletList" else c[1]
            parts.extend("- " + _blocks_text(item) for item in items)
        elif t == "Div":
            parts.append(_blocks_text(c[1]))
        elif t == "LineBlock":
            parts.append("\n".join(clean(inline_text(line)) for line in c))
    return "\n".join(p for p in parts if p)


def _rows(table: list[Any]) -> list[list[str]]:
    rows: list[list[str]] = []

    def add(row_list: list[Any]) -> None:
        for row in row_list:
            rows.append([_blocks_text(cell[4]) for cell in row[1]])

    add(table[3][1])  # head
    for body in table[4]:
        add(body[2])
        add(body[3])
    add(table[5][1])  # foot
    return rows


def to_blocks(nodes: list[Any], out: list[Block]) -> None:
    """Flatten pandoc blocks into reading-order ``Block``s."""
    for node in nodes:
        t, c = node.get("t"), node.get("c")
        if t == "Header":
            out.append(Block("heading", clean(inline_text(c[2])), level=c[0]))
        elif t in ("Para", "Plain"):
            value = clean(inline_text(c))
            if not value:
                continue
            if _only_strong(c) and len(value) <= 90 and "\n" not in value:
                out.append(Block("heading", value, level=0))
            else:
                out.append(Block("para", value))
        elif t in ("BulletList", "OrderedList"):
            items = c if t == "BulletList" else c[1]
            out.append(Block("list", items=[_blocks_text(i) for i in items], ordered=t == "OrderedList"))
        elif t == "Table":
            rows = _rows(c)
            if rows:
                out.append(Block("table", rows=rows))
        elif t in ("Div", "BlockQuote"):
            to_blocks(c[1] if t == "Div" else c, out)
        elif t == "LineBlock":
            out.append(Block("para", "\n".join(clean(inline_text(line)) for line in c)))
        elif t == "DefinitionList":
            for term, defs in c:
                out.append(Block("heading", clean(inline_text(term)), level=0))
                for d in defs:
                    to_blocks(d, out)


def read(path: Path) -> Extracted:
    """Blocks and title of a DOCX, ODT or Markdown file."""
    reader = READERS[path.suffix.lower()]
    ast = pandoc_json(path, reader)
    blocks: list[Block] = []
    to_blocks(ast.get("blocks") or [], blocks)
    title = ""
    meta_title = (ast.get("meta") or {}).get("title")
    if isinstance(meta_title, dict):
        value = meta_title.get("c")
        if meta_title.get("t") == "MetaInlines" and isinstance(value, list):
            title = clean(inline_text(value))
        elif meta_title.get("t") == "MetaString" and isinstance(value, str):
            title = value
    return Extracted(blocks, title, reader)
