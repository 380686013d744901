"""HTML of the register: the list page and one page per agreement, from templates in ``render/register/``.

Every value from an agreement is escaped here; the agreement's own text reaches
the page only through the signing copy's document model and pandoc, as text.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import cache
from string import Template
from typing import Any

from iop import __version__
from iop.assets import asset
from iop.register.entry import LISTED_STATUSES, STATUS_WORDS, Entry
from iop.render import pandoc_ast as A

SITE_TITLE = "Register över idéburna offentliga partnerskap"
# Layout blocks of the signing copy that the register page shows in its own header.
HIDDEN_CLASSES = {"iop-kicker", "iop-title"}


@cache
def template(name: str) -> Template:
    return Template(asset("render", "register", name).read_text(encoding="utf-8"))


def e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _min_heading(blocks: list[Any]) -> int | None:
    levels: list[int] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("t") == "Header":
                levels.append(int(node["c"][0]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(blocks)
    return min(levels, default=None)


def body_html(entry: Entry) -> str:
    """The agreement's content as an HTML fragment, built like the signing copy's HTML."""
    from iop.render import pandoc
    from iop.render.document import build

    ast, _ = build(entry.data, "html")
    blocks = [
        b
        for b in ast["blocks"]
        if not (b.get("t") == "Div" and HIDDEN_CLASSES & set(b["c"][0][1]))
        and not (b.get("t") == "Header" and HIDDEN_CLASSES & set(b["c"][1][1]))
    ]
    lowest = _min_heading(blocks) or 2
    args = [f"--shift-heading-level-by={2 - lowest}", "--section-divs"]  # numbered by the builder
    return pandoc.run(A.document(blocks, ast.get("meta")), "html5", args).decode("utf-8")


def pdf_link(entry: Entry, pdf_name: str | None, prefix: str) -> str:
    if not pdf_name:
        return "Finns inte i registret ännu."
    return f'<a href="{e(prefix + "pdf/" + pdf_name)}">PDF<span class="visually-hidden"> för {e(entry.title)}</span></a>'


def agreement_page(entry: Entry, pdf_name: str | None) -> str:
    return template("agreement.html").substitute(
        site_title=e(SITE_TITLE),
        title=e(entry.title),
        id=e(entry.slug),
        parties=e(", ".join(entry.parties)),
        status=e(STATUS_WORDS.get(entry.status, entry.status)),
        area=e(", ".join(entry.areas) or "–"),
        period=e(entry.period),
        agreement_version=e(entry.version),
        pdf=pdf_link(entry, pdf_name, "../"),
        source=e(entry.path.name),
        version=e(__version__),
        body=body_html(entry),
    )


def _options(values: Sequence[str], labels: dict[str, str] | None = None) -> str:
    return "".join(f'<option value="{e(v)}">{e((labels or {}).get(v, v))}</option>' for v in values)


def _row(entry: Entry, pdf_name: str | None) -> str:
    start = entry.start_year if entry.start_year is not None else 0
    end = entry.end_year if entry.end_year is not None else 9999
    search = " ".join((entry.title, entry.slug, *entry.parties, *entry.areas))
    parties = "".join(f"<li>{e(p)}</li>" for p in entry.parties)
    return (
        f'<tr data-id="{e(entry.slug)}" data-sok="{e(search)}" data-parter="{e("|".join(entry.parties))}" '
        f'data-status="{e(entry.status)}" data-omrade="{e("|".join(entry.areas))}" '
        f'data-start="{start}" data-slut="{end}">'
        f'<td data-label="Överenskommelse"><a href="overenskommelser/{e(entry.slug)}.html">{e(entry.title)}</a>'
        f'<span class="id">{e(entry.slug)}</span></td>'
        f'<td data-label="Parter"><ul>{parties}</ul></td>'
        f'<td data-label="Status">{e(STATUS_WORDS.get(entry.status, entry.status))}</td>'
        f'<td data-label="Område">{e(", ".join(entry.areas) or "–")}</td>'
        f'<td data-label="Avtalstid">{e(entry.period)}</td>'
        f'<td data-label="Underskriftsexemplar">{pdf_link(entry, pdf_name, "")}</td>'
        "</tr>"
    )


def index_page(entries: Sequence[Entry], pdfs: dict[str, str]) -> str:
    parties = sorted({p for en in entries for p in en.parties}, key=str.casefold)
    areas = sorted({a for en in entries for a in en.areas}, key=str.casefold)
    statuses = [s for s in LISTED_STATUSES if any(en.status == s for en in entries)]
    years = sorted(
        {
            y
            for en in entries
            if en.start_year is not None and en.end_year is not None
            for y in range(en.start_year, en.end_year + 1)
        }
    )
    count = len(entries)
    return template("index.html").substitute(
        site_title=e(SITE_TITLE),
        party_options=_options(parties),
        status_options=_options(statuses, STATUS_WORDS),
        area_options=_options(areas),
        year_options=_options([str(y) for y in years]),
        count_text=e(f"{count} överenskommelse{'' if count == 1 else 'r'} i registret."),
        rows="\n".join(_row(en, pdfs.get(en.slug)) for en in entries),
        version=e(__version__),
        built_note="",
    )
