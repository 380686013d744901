"""Redlines for readers who never see git: standalone HTML and PDF.

HTML is written directly with every piece of agreement text escaped. The PDF is
built as a Pandoc AST (agreement text only ever as ``Str`` nodes, so it cannot
become markup), converted to Typst by pandoc and compiled by the Typst binding,
like the signing copies.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

from iop.budget import format_kr
from iop.i18n import current, text, tr
from iop.revision.diff import AgreementDiff, Change
from iop.revision.report import BUDGET_TITLE, KIND_WORDS, STATUS_WORDS, WARN_TITLE
from iop.revision.words import Segment

TITLE = text("Ändringar i överenskommelsen", "Changes to the agreement")
LEGEND = text(
    "Struken röd text har tagits bort. Understruken grön text har lagts till.",
    "Struck-through red text has been removed. Underlined green text has been added.",
)
NO_CHANGES = text("Inga överenskommelser har ändrats.", "No agreements changed.")
BEFORE_AFTER = (text("Före", "Before"), text("Efter", "After"), text("Skillnad", "Difference"))


def _version_line(d: AgreementDiff) -> str:
    if d.old_name and d.new_name:
        return f"version {d.old_version} → {d.new_version}"
    return f"version {d.new_version if d.new_name else d.old_version}"


def _moved_text(c: Change, where: str) -> str:
    assert c.moved
    return tr(
        text(
            f"{where}: flyttad från plats {c.moved[0]} till {c.moved[1]}.",
            f"{where}: moved from position {c.moved[0]} to {c.moved[1]}.",
        )
    )


def _paragraphs(segments: list[Segment]) -> list[list[Segment]]:
    """Split segments into paragraphs at blank lines; other whitespace becomes one space."""
    paras: list[list[Segment]] = [[]]
    for seg in segments:
        parts = re.split(r"\n\s*\n", seg.text)
        for k, part in enumerate(parts):
            if k:
                paras.append([])
            shown = re.sub(r"\s+", " ", part)
            if shown:
                paras[-1].append(Segment(seg.op, shown))
    return [p for p in paras if any(s.text.strip() for s in p)]


# ---------------------------------------------------------------- HTML

_CSS = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 46em; margin: 2em auto; padding: 0 1em;
       line-height: 1.5; color: #1a1a1a; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; border-bottom: 1px solid #ccc; margin-top: 2em; }
h3 { font-size: 1.1em; margin-top: 1.5em; }
del { color: #a4161a; background: #fde8e8; text-decoration: line-through; }
ins { color: #1b5e20; background: #e6f4ea; text-decoration: underline; }
.meta, .legend { color: #555; font-size: 0.95em; }
.warning { border-left: 4px solid #c77700; background: #fff6e5; padding: 0.5em 1em; }
table { border-collapse: collapse; margin: 0.5em 0; } td, th { border: 1px solid #ccc; padding: 0.25em 0.6em; }
td.num, th.num { text-align: right; white-space: nowrap; }
.label { font-weight: bold; }
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _html_segments(segments: list[Segment]) -> str:
    out = []
    for para in _paragraphs(segments):
        inner = "".join(
            _e(s.text) if s.op == "equal" else f"<{s.op[:3]}>{_e(s.text)}</{s.op[:3]}>" for s in para
        )
        out.append(f"<p>{inner}</p>")
    return "\n".join(out)


def _html_change(c: Change) -> str:
    where = " › ".join(c.label[1:]) or c.label[0]
    label = f'<span class="label">{_e(where)}</span>'
    if c.kind == "text" and c.segments is not None:
        head = "" if len(c.label) == 1 else f"<p>{label}</p>\n"
        return f"<div class='change'>{head}{_html_segments(c.segments)}</div>"
    if c.kind == "added":
        return f"<p>{label} ({_e(tr(KIND_WORDS['added']))}): <ins>{_e(c.new_shown)}</ins></p>"
    if c.kind == "removed":
        return f"<p>{label} ({_e(tr(KIND_WORDS['removed']))}): <del>{_e(c.old_shown)}</del></p>"
    if c.kind == "moved" and c.moved:
        return f"<p>{_e(_moved_text(c, where))}</p>"
    return f"<p>{label}: <del>{_e(c.old_shown)}</del> → <ins>{_e(c.new_shown)}</ins></p>"


def _html_table(rows: list[tuple[str, str, str, str]]) -> str:
    head = "".join(f"<th class='num'>{_e(tr(t))}</th>" for t in BEFORE_AFTER)
    body = "".join(
        f"<tr><td>{_e(a)}</td><td class='num'>{_e(b)}</td><td class='num'>{_e(c)}</td>"
        f"<td class='num'>{_e(d)}</td></tr>"
        for a, b, c, d in rows
    )
    return f"<table><thead><tr><th></th>{head}</tr></thead><tbody>{body}</tbody></table>"


def _kr(value: int | None) -> str:
    return format_kr(value) if value is not None else "–"


def render_html(diffs: list[AgreementDiff]) -> str:
    """A standalone HTML redline (inline CSS, no scripts, all agreement text escaped)."""
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{current()}"><head><meta charset="utf-8">',
        f"<title>{_e(tr(TITLE))}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(tr(TITLE))}</h1>",
        f"<p class='legend'>{_e(tr(LEGEND))}</p>",
    ]
    if not diffs:
        parts.append(f"<p>{_e(tr(NO_CHANGES))}</p>")
    for d in diffs:
        parts.append(f"<h2>{_e(d.title or d.ident)}</h2>")
        parts.append(
            f"<p class='meta'>{_e(d.ident)} · {_e(_version_line(d))} · {_e(tr(STATUS_WORDS[d.status]))}<br>"
            f"{_e(d.old_name or '–')} → {_e(d.new_name or '–')}</p>"
        )
        for w in d.warnings:
            parts.append(f"<p class='warning'><strong>{_e(tr(WARN_TITLE))}:</strong> {_e(tr(w))}</p>")
        for section in d.sections:
            parts.append(f"<h3>{_e(section.title)}</h3>")
            amounts = [c for c in section.changes if c.kind == "changed" and c.delta]
            parts.extend(_html_change(c) for c in section.changes if c not in amounts)
            if amounts:
                parts.append(
                    _html_table(
                        [(" › ".join(c.label[1:]), c.old_shown, c.new_shown, c.delta or "") for c in amounts]
                    )
                )
        if d.budget:
            parts.append(f"<h3>{_e(tr(BUDGET_TITLE))}</h3>")
            parts.append(
                _html_table(
                    [(b.label, _kr(b.old), _kr(b.new), format_kr(b.delta, sign=True)) for b in d.budget]
                )
            )
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


# ---------------------------------------------------------------- PDF (Pandoc AST → Typst)

_TYPST_STYLE = """#show strike: it => text(fill: rgb("#a4161a"), it)
#show underline: it => text(fill: rgb("#1b5e20"), it)
"""
_TYPST_BODY = """#set text(font: "Carlito", size: 10.5pt, hyphenate: false)
#set par(justify: false)
"""


def _ast() -> Any:
    from iop.render import pandoc_ast

    return pandoc_ast


def _inl(value: str) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = _ast().text_inlines(value)
    return nodes


def _seg_inlines(para: list[Segment]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for s in para:
        lead = " " if s.text[:1].isspace() else ""
        trail = " " if s.text[-1:].isspace() else ""
        inner = _inl(s.text)
        if lead and out:
            out.append({"t": "Space"})
        if s.op == "delete":
            out.append({"t": "Strikeout", "c": inner})
        elif s.op == "insert":
            out.append({"t": "Underline", "c": inner})
        else:
            out.extend(inner)
        if trail:
            out.append({"t": "Space"})
    return out


def _ast_change(c: Change) -> list[dict[str, Any]]:
    a = _ast()
    where = " › ".join(c.label[1:]) or c.label[0]
    label = [a.strong(_inl(where))]
    if c.kind == "text" and c.segments is not None:
        body = [a.para(_seg_inlines(p)) for p in _paragraphs(c.segments)]
        return body if len(c.label) == 1 else [a.para(label), *body]
    if c.kind == "added":
        body = [{"t": "Underline", "c": _inl(c.new_shown)}]
        return [
            a.para([*label, {"t": "Space"}, *_inl(f"({tr(KIND_WORDS['added'])}):"), {"t": "Space"}, *body])
        ]
    if c.kind == "removed":
        body = [{"t": "Strikeout", "c": _inl(c.old_shown)}]
        return [
            a.para([*label, {"t": "Space"}, *_inl(f"({tr(KIND_WORDS['removed'])}):"), {"t": "Space"}, *body])
        ]
    if c.kind == "moved" and c.moved:
        return [a.para(_inl(_moved_text(c, where)))]
    return [
        a.para(
            [
                *label,
                *_inl(":"),
                {"t": "Space"},
                {"t": "Strikeout", "c": _inl(c.old_shown)},
                {"t": "Space"},
                {"t": "Str", "c": "→"},
                {"t": "Space"},
                {"t": "Underline", "c": _inl(c.new_shown)},
            ]
        )
    ]


def _ast_table(rows: list[tuple[str, str, str, str]]) -> dict[str, Any]:
    a = _ast()
    head = ["", *(tr(t) for t in BEFORE_AFTER)]
    table: dict[str, Any] = a.table(
        head,
        [[_inl(x) for x in row] for row in rows],
        ["AlignLeft", "AlignRight", "AlignRight", "AlignRight"],
        [0.46, 0.18, 0.18, 0.18],
    )
    return table


def redline_ast(diffs: list[AgreementDiff]) -> dict[str, Any]:
    """The redline as a Pandoc document (JSON-compatible)."""
    a = _ast()
    blocks: list[dict[str, Any]] = [a.para([{"t": "Emph", "c": _inl(tr(LEGEND))}])]
    if not diffs:
        blocks.append(a.para(_inl(tr(NO_CHANGES))))
    for d in diffs:
        blocks.append(a.header(1, _inl(d.title or d.ident)))
        blocks.append(
            a.para(
                [
                    *_inl(f"{d.ident} · {_version_line(d)} · {tr(STATUS_WORDS[d.status])}"),
                    {"t": "LineBreak"},
                    *_inl(f"{d.old_name or '–'} → {d.new_name or '–'}"),
                ]
            )
        )
        for w in d.warnings:
            blocks.append(a.para([a.strong(_inl(f"{tr(WARN_TITLE)}:")), {"t": "Space"}, *_inl(tr(w))]))
        for section in d.sections:
            blocks.append(a.header(2, _inl(section.title)))
            amounts = [c for c in section.changes if c.kind == "changed" and c.delta]
            for c in section.changes:
                if c not in amounts:
                    blocks.extend(_ast_change(c))
            if amounts:
                blocks.append(
                    _ast_table(
                        [(" › ".join(c.label[1:]), c.old_shown, c.new_shown, c.delta or "") for c in amounts]
                    )
                )
        if d.budget:
            blocks.append(a.header(2, _inl(tr(BUDGET_TITLE))))
            blocks.append(
                _ast_table(
                    [(b.label, _kr(b.old), _kr(b.new), format_kr(b.delta, sign=True)) for b in d.budget]
                )
            )
    meta = {
        "title": a.meta_inlines(tr(TITLE)),
        "header-includes": {"t": "MetaBlocks", "c": [a.raw_block("typst", _TYPST_STYLE)]},
        "include-before": {"t": "MetaBlocks", "c": [a.raw_block("typst", _TYPST_BODY)]},
    }
    document: dict[str, Any] = a.document(blocks, meta)
    return document


def render_pdf(diffs: list[AgreementDiff], timestamp: dt.datetime | None = None) -> bytes:
    """The redline as PDF bytes: pandoc (the renderer's sandboxed helper) → Typst → PDF."""
    import typst

    from iop.render.pandoc import run
    from iop.render.pdf import fonts

    source = run(
        redline_ast(diffs),
        "typst",
        ["--standalone", "--wrap=none", "-V", "papersize=a4", "-V", "lang=sv", "-V", "mainfont=Carlito"],
    )
    stamp = timestamp or dt.datetime.now(dt.UTC)
    pdf = typst.compile(
        source,
        format="pdf",
        font_paths=fonts(),
        ignore_system_fonts=True,
        timestamp=int(stamp.timestamp()),
    )
    assert isinstance(pdf, bytes)
    return pdf
