"""Small constructors for Pandoc's JSON AST.

Agreement text only ever enters the AST as ``Str``/``Space``/``SoftBreak``
nodes, so every Pandoc writer escapes it: it can never become raw markup.
Only this package's own code creates ``RawBlock`` nodes, with fixed strings.
"""

from __future__ import annotations

import re
from typing import Any

Node = dict[str, Any]
API_VERSION = [1, 23, 1, 1]
_BULLET = re.compile(r"^\s*[-*•]\s+")
# "1 194 500 kr" must not break: a space inside a number, or before kr/%, becomes a no-break space.
_KEEP_TOGETHER = re.compile(r"(?<=\d) (?=\d{3}(?!\d))|(?<=\d) (?=(?:kr|kronor|%)(?!\w))")


def text_inlines(value: object) -> list[Node]:
    """Plain text as inlines: words are ``Str``, blanks ``Space``, newlines ``SoftBreak``."""
    out: list[Node] = []
    for i, line in enumerate(_KEEP_TOGETHER.sub("\u00a0", str(value)).split("\n")):
        if i and out:
            out.append({"t": "SoftBreak"})
        for j, word in enumerate(w for w in re.split(r"[ \t\r\f\v]+", line.strip()) if w):
            if j:
                out.append({"t": "Space"})
            out.append({"t": "Str", "c": word})
    return out


def strong(inlines: list[Node]) -> Node:
    return {"t": "Strong", "c": inlines}


def emph(inlines: list[Node]) -> Node:
    return {"t": "Emph", "c": inlines}


def para(inlines: list[Node]) -> Node:
    return {"t": "Para", "c": inlines}


def plain(inlines: list[Node]) -> Node:
    return {"t": "Plain", "c": inlines}


def header(level: int, inlines: list[Node], ident: str = "", classes: list[str] | None = None) -> Node:
    return {"t": "Header", "c": [level, [ident, classes or [], []], inlines]}


def span(inlines: list[Node], classes: list[str] | None = None, ident: str = "") -> Node:
    return {"t": "Span", "c": [[ident, classes or [], []], inlines]}


def div(
    blocks: list[Node], classes: list[str] | None = None, attrs: list[list[str]] | None = None, ident: str = ""
) -> Node:
    return {"t": "Div", "c": [[ident, classes or [], attrs or []], blocks]}


def raw_block(fmt: str, code: str) -> Node:
    """Raw output for one writer; only ever called with this package's own fixed code."""
    return {"t": "RawBlock", "c": [fmt, code]}


def bullet_list(items: list[list[Node]]) -> Node:
    return {"t": "BulletList", "c": items}


def ordered_list(items: list[list[Node]]) -> Node:
    return {"t": "OrderedList", "c": [[1, {"t": "Decimal"}, {"t": "Period"}], items]}


def text_blocks(value: object) -> list[Node]:
    """Multi-paragraph text: blank lines separate paragraphs; lines starting ``- `` form a list."""
    blocks: list[Node] = []
    for chunk in re.split(r"\n\s*\n", str(value).strip()):
        # Each run is ("p", lines) for prose or ("l", items) for a bullet list.
        runs: list[tuple[str, list[str]]] = []
        for line in chunk.split("\n"):
            if _BULLET.match(line):
                if not runs or runs[-1][0] != "l":
                    runs.append(("l", []))
                runs[-1][1].append(_BULLET.sub("", line, count=1))
            elif runs and runs[-1][0] == "l" and line.startswith((" ", "\t")) and line.strip():
                runs[-1][1][-1] += "\n" + line.strip()
            elif line.strip():
                if not runs or runs[-1][0] != "p":
                    runs.append(("p", []))
                runs[-1][1].append(line)
        for kind, lines in runs:
            if kind == "p":
                blocks.append(para(text_inlines("\n".join(lines))))
            else:
                blocks.append(bullet_list([[plain(text_inlines(item))] for item in lines]))
    return blocks


def _cell(blocks: list[Node], align: str = "AlignDefault") -> Node:
    return [["", [], []], {"t": align}, 1, 1, blocks]  # type: ignore[return-value]


def table(
    head: list[str] | None,
    rows: list[list[list[Node]]],
    aligns: list[str],
    widths: list[float],
    foot: list[list[list[Node]]] | None = None,
    classes: list[str] | None = None,
) -> Node:
    """A simple table; cells are lists of inlines, ``aligns`` are ``AlignLeft``/``AlignRight``."""

    def row(cells: list[list[Node]]) -> Node:
        return [["", [], []], [_cell([plain(c)], a) for c, a in zip(cells, aligns, strict=True)]]  # type: ignore[return-value]

    return {
        "t": "Table",
        "c": [
            ["", classes or [], []],
            [None, []],
            [[{"t": a}, {"t": "ColWidth", "c": w}] for a, w in zip(aligns, widths, strict=True)],
            [["", [], []], [row([text_inlines(h) for h in head])] if head else []],
            [[["", [], []], 0, [], [row(r) for r in rows]]],
            [["", [], []], [row(r) for r in (foot or [])]],
        ],
    }


def definition_list(items: list[tuple[list[Node], list[list[Node]]]], classes: list[str]) -> Node:
    """Terms with their definitions (``<dl>`` in HTML), in a Div carrying ``classes`` if any."""
    dl: Node = {"t": "DefinitionList", "c": [[term, defs] for term, defs in items]}
    return div([dl], classes) if classes else dl


def meta_inlines(value: str) -> Node:
    return {"t": "MetaInlines", "c": text_inlines(value)}


def document(blocks: list[Node], meta: dict[str, Node] | None = None) -> dict[str, Any]:
    return {"pandoc-api-version": API_VERSION, "meta": meta or {}, "blocks": blocks}
