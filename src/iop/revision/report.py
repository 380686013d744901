"""Text and Markdown reports of agreement differences."""

from __future__ import annotations

import re
from collections.abc import Callable

from iop.budget import format_kr
from iop.i18n import text, tr
from iop.revision.diff import AgreementDiff, BudgetLine, Change
from iop.revision.words import Segment, clip

Style = Callable[[str, str], str]
"""(role, text) -> styled text; roles: del, ins, head, warn, dim."""

_WS = re.compile(r"\s+")

KIND_WORDS = {
    "added": text("tillagd", "added"),
    "removed": text("borttagen", "removed"),
    "moved": text("flyttad", "moved"),
}
STATUS_WORDS = {
    "added": text("ny överenskommelse", "new agreement"),
    "removed": text("överenskommelsen är borttagen", "agreement removed"),
    "modified": text("ändrad", "changed"),
    "unchanged": text("inga ändringar i innehållet", "no changes in content"),
}
BUDGET_TITLE = text("Budget (beräknad från resurserna)", "Budget (computed from the resources)")
WARN_TITLE = text("Varning", "Warning")


def flatten(segments: list[Segment]) -> list[Segment]:
    """Whitespace runs become single spaces (a paragraph break becomes ' ¶ ')."""
    out = []
    for seg in segments:
        shown = re.sub(r"\n\s*\n\s*", " ¶ ", seg.text)
        out.append(Segment(seg.op, _WS.sub(" ", shown)))
    return out


def plain_style(role: str, value: str) -> str:
    if role == "del":
        return f"[-{value}-]"
    if role == "ins":
        return f"{{+{value}+}}"
    return value


def color_style(role: str, value: str) -> str:
    import click

    styles = {
        "del": {"fg": "red", "strikethrough": True},
        "ins": {"fg": "green", "underline": True},
        "head": {"bold": True},
        "warn": {"fg": "yellow", "bold": True},
        "dim": {"dim": True},
    }
    if role == "del":
        value = f"[-{value}-]"
    elif role == "ins":
        value = f"{{+{value}+}}"
    return click.style(value, **styles.get(role, {}))  # type: ignore[arg-type]


def delta_kr(line: BudgetLine) -> str:
    return format_kr(line.delta, sign=True)


def _heading(d: AgreementDiff) -> str:
    version = ""
    if d.old_version != d.new_version and d.old_name and d.new_name:
        version = f" (version {d.old_version} → {d.new_version})"
    elif d.new_version is not None or d.old_version is not None:
        version = f" (version {d.new_version if d.new_version is not None else d.old_version})"
    return f"{d.ident}: {d.title}{version}"


def _sources(d: AgreementDiff) -> str:
    return f"{d.old_name or '–'} → {d.new_name or '–'}"


# ---------------------------------------------------------------- text


def _text_change(c: Change, style: Style) -> str:
    where = " › ".join(c.label[1:]) or c.label[0]
    if c.kind == "text" and c.segments is not None:
        body = "".join(
            style(s.op[:3], s.text) if s.op != "equal" else s.text for s in flatten(clip(c.segments, 10))
        )
        return f"  ~ {where}: {body}" if len(c.label) > 1 else f"  ~ {body}"
    if c.kind in ("added", "removed"):
        value = c.new_shown if c.kind == "added" else c.old_shown
        sign = "+" if c.kind == "added" else "-"
        role = "ins" if c.kind == "added" else "del"
        return f"  {sign} {where} ({tr(KIND_WORDS[c.kind])}): {style(role, _WS.sub(' ', value))}"
    if c.kind == "moved" and c.moved:
        return "  ↕ " + tr(
            text(
                f"{where}: flyttad från plats {c.moved[0]} till {c.moved[1]}",
                f"{where}: moved from position {c.moved[0]} to {c.moved[1]}",
            )
        )
    delta = f" ({c.delta})" if c.delta else ""
    return f"  ~ {where}: {style('del', c.old_shown)} → {style('ins', c.new_shown)}{delta}"


def render_text(diffs: list[AgreementDiff], style: Style = plain_style) -> str:
    """Plain-text report (``style`` adds colour on a terminal)."""
    blocks: list[str] = []
    for d in diffs:
        lines = [style("head", _heading(d)), style("dim", f"  {_sources(d)} · {tr(STATUS_WORDS[d.status])}")]
        for w in d.warnings:
            lines.append(style("warn", f"  ! {tr(WARN_TITLE)}: {tr(w)}"))
        for section in d.sections:
            lines.append(style("head", section.title))
            lines.extend(_text_change(c, style) for c in section.changes)
        if d.budget:
            lines.append(style("head", tr(BUDGET_TITLE)))
            for b in d.budget:
                old = format_kr(b.old) if b.old is not None else "–"
                new = format_kr(b.new) if b.new is not None else "–"
                lines.append(f"  {b.label}: {style('del', old)} → {style('ins', new)} ({delta_kr(b)})")
        blocks.append("\n".join(lines))
    if not diffs:
        blocks.append(tr(text("Inga överenskommelser har ändrats.", "No agreements changed.")))
    return "\n\n".join(blocks) + "\n"


# ---------------------------------------------------------------- markdown

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+|~&$@])")


def md_escape(value: str) -> str:
    """Agreement text made inert in Markdown: markup characters escaped, and no
    ``@mention`` or ``#123`` reference that would notify people from a PR comment."""
    return _MD_SPECIAL.sub(r"\\\1", _WS.sub(" ", value)).strip()


def _md_segments(segments: list[Segment]) -> str:
    out = []
    for seg in flatten(clip(segments, 12)):
        if seg.op == "equal":
            out.append(_MD_SPECIAL.sub(r"\\\1", seg.text))
        elif seg.op == "delete":
            out.append(f"~~{md_escape(seg.text)}~~")
        else:
            out.append(f"**{md_escape(seg.text)}**")
    return "".join(out).strip()


def _md_change(c: Change) -> str:
    where = md_escape(" › ".join(c.label[1:]) or c.label[0])
    if c.kind == "text" and c.segments is not None:
        lead = f"**{where}:** " if len(c.label) > 1 else ""
        return f"- {lead}{_md_segments(c.segments)}"
    if c.kind == "added":
        return f"- **{where}** ({tr(KIND_WORDS['added'])}): **{md_escape(c.new_shown)}**"
    if c.kind == "removed":
        return f"- **{where}** ({tr(KIND_WORDS['removed'])}): ~~{md_escape(c.old_shown)}~~"
    if c.kind == "moved" and c.moved:
        return "- " + tr(
            text(
                f"**{where}:** flyttad från plats {c.moved[0]} till {c.moved[1]}",
                f"**{where}:** moved from position {c.moved[0]} to {c.moved[1]}",
            )
        )
    return f"- **{where}:** ~~{md_escape(c.old_shown)}~~ → **{md_escape(c.new_shown)}**"


def _md_table(rows: list[tuple[str, str, str, str]]) -> list[str]:
    head = tr(text("| | Före | Efter | Skillnad |", "| | Before | After | Difference |"))
    return [head, "|---|---:|---:|---:|", *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows)]


def render_markdown(diffs: list[AgreementDiff]) -> str:
    """Markdown for a pull-request comment: a heading per agreement, tables for amounts."""
    out: list[str] = []
    for d in diffs:
        out.append(f"## {md_escape(d.ident)}: {md_escape(d.title)}")
        out.append("")
        version = (
            f"version {d.old_version} → {d.new_version}"
            if d.old_name and d.new_name
            else f"version {d.new_version if d.new_name else d.old_version}"
        )
        out.append(f"`{_sources(d)}` · {version} · {tr(STATUS_WORDS[d.status])}")
        out.append("")
        if d.warnings:
            out.append("> [!WARNING]")
            out.extend(f"> {md_escape(tr(w))}  " for w in d.warnings)
            out.append("")
        for section in d.sections:
            out.append(f"### {md_escape(section.title)}")
            out.append("")
            amounts = [c for c in section.changes if c.kind == "changed" and c.delta]
            others = [c for c in section.changes if c not in amounts]
            out.extend(_md_change(c) for c in others)
            if others and amounts:
                out.append("")
            if amounts:
                rows = [
                    (md_escape(" › ".join(c.label[1:])), c.old_shown, c.new_shown, c.delta or "")
                    for c in amounts
                ]
                out.extend(_md_table(rows))
            out.append("")
        if d.budget:
            out.append(f"### {tr(BUDGET_TITLE)}")
            out.append("")
            out.extend(
                _md_table(
                    [
                        (
                            md_escape(b.label),
                            format_kr(b.old) if b.old is not None else "–",
                            format_kr(b.new) if b.new is not None else "–",
                            delta_kr(b),
                        )
                        for b in d.budget
                    ]
                )
            )
            out.append("")
    if not diffs:
        out.append(tr(text("Inga överenskommelser har ändrats.", "No agreements changed.")))
    return "\n".join(out).rstrip() + "\n"
