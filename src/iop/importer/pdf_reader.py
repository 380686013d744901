"""Text PDFs through pdfplumber: lines with font size and weight, two-column rows as tables.

pdfplumber (MIT, on pdfminer.six) was chosen over pypdf's layout mode because it
gives every word's position, size and font: headings are found by size and weight,
paragraphs by vertical gaps and table cells by horizontal gaps, where pypdf only
gives text lines.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from iop.importer.blocks import Block, Extracted, heading_number
from iop.importer.errors import ImportFailure

GAP = 8.0  # points between words that separate table cells
WATERMARK = 48.0  # words larger than this are a watermark, not text
ROW_GAP = 0.3
PARA_GAP = 0.4  # vertical gap (in font sizes) that starts a new paragraph  # vertical gap (in font sizes) that starts a new table row
_BULLET = re.compile(r"^(?:[•◦▪‣·–-]|\d+[.)])\s+")
_KEEP_HYPHEN_BEFORE = {"och", "eller", "samt", "respektive", "till", "som", "men"}


@dataclass
class Line:
    page: int
    top: float
    bottom: float
    size: float
    bold: bool
    cells: list[tuple[float, float, str]] = field(default_factory=list)  # (x0, x1, text)
    words: list[tuple[float, float, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(c[2] for c in self.cells)

    @property
    def x0(self) -> float:
        return self.cells[0][0]


def join_lines(first: str, second: str) -> str:
    """Join two wrapped lines, undoing a hyphen the typesetter added at the line end."""
    if not first:
        return second
    if not second:
        return first
    if first.endswith("-") and len(first) > 1 and first[-2].isalpha() and second[:1].isupper():
        return first + second  # a hyphenated name broken at its hyphen: Hallunda-Norsborg
    if first.endswith("-") and len(first) > 1 and first[-2].isalpha() and second[:1].islower():
        word = second.split(" ", 1)[0].rstrip(".,;:")
        if word not in _KEEP_HYPHEN_BEFORE:
            return first[:-1] + second
    return first + " " + second


def _lines(pdf: Any) -> list[Line]:
    lines: list[Line] = []
    for number, page in enumerate(pdf.pages):
        words = page.extract_words(extra_attrs=["size", "fontname"], x_tolerance=1.5, y_tolerance=2)
        rows: dict[int, list[dict[str, Any]]] = {}
        for w in words:
            if float(w["size"]) > WATERMARK or not w.get("upright", True):
                continue  # a watermark (UTKAST) or rotated text
            key = round(float(w["top"]))
            near = next((k for k in (key - 1, key + 1, key) if k in rows), key)
            rows.setdefault(near, []).append(w)
        for key in sorted(rows):
            ws = sorted(rows[key], key=lambda w: float(w["x0"]))
            cells: list[list[dict[str, Any]]] = [[ws[0]]]
            for a, b in itertools.pairwise(ws):
                if float(b["x0"]) - float(a["x1"]) > GAP:
                    cells.append([b])
                else:
                    cells[-1].append(b)
            gaps = [float(b["x0"]) - float(a["x1"]) for a, b in itertools.pairwise(ws)]
            if (len(gaps) > 3 and min(gaps) > GAP * 0.6) or _BULLET.match(str(ws[0]["text"]) + " "):
                cells = [ws]  # a justified line or a list item: every gap is wide, none is a column
            sizes = Counter(round(float(w["size"]), 1) for w in ws)
            lines.append(
                Line(
                    page=number,
                    top=float(ws[0]["top"]),
                    bottom=max(float(w["bottom"]) for w in ws),
                    size=sizes.most_common(1)[0][0],
                    bold=all("bold" in str(w["fontname"]).lower() for w in ws),
                    cells=[
                        (float(c[0]["x0"]), float(c[-1]["x1"]), " ".join(str(w["text"]) for w in c))
                        for c in cells
                    ],
                    words=[(float(w["x0"]), float(w["x1"]), str(w["text"])) for w in ws],
                )
            )
    return lines


def _drop_running(lines: list[Line], pages: int) -> list[Line]:
    """Remove running headers and footers: text repeated (digits aside) on most pages."""
    if pages < 2:
        return lines
    norm = Counter(re.sub(r"\d+", "#", ln.text) for ln in lines)
    return [ln for ln in lines if norm[re.sub(r"\d+", "#", ln.text)] < max(2, pages // 2 + 1)]


def _blocks(lines: list[Line]) -> tuple[list[Block], str]:
    chars = Counter[float]()
    for ln in lines:
        chars[ln.size] += len(ln.text)
    body = chars.most_common(1)[0][0]
    heading_sizes = sorted({ln.size for ln in lines if ln.size > body + 0.3}, reverse=True)
    title_size = heading_sizes[0] if len(heading_sizes) > 2 else None
    blocks: list[Block] = []
    title_parts: list[str] = []
    prev: Line | None = None
    table_cols: list[float] = []
    header_words: list[tuple[float, float, str]] = []

    def gap(a: Line | None, b: Line) -> float:
        if a is None or a.page != b.page:
            return 99.0
        return (b.top - a.bottom) / max(b.size, 1.0)

    for ln in lines:
        g = gap(prev, ln)
        number, _ = heading_number(ln.text)
        is_heading = ln.size > body + 0.3 and (ln.bold or ln.size >= body + 2)
        if not is_heading and ln.bold and len(ln.cells) == 1 and number and len(ln.text) < 90:
            is_heading = True
        if title_size is not None and ln.size == title_size and not any(b.kind == "heading" for b in blocks):
            title_parts.append(ln.text)
        elif is_heading:
            level = (
                number.count(".") + 1
                if number
                else (heading_sizes.index(ln.size) + 1 if ln.size in heading_sizes else 1)
            )
            if title_size is not None and not number:
                level = max(1, level - 1)
            last = blocks[-1] if blocks else None
            if (
                last is not None
                and last.kind == "heading"
                and prev is not None
                and prev.size == ln.size
                and g < 0.6
            ):
                last.text = join_lines(last.text, ln.text)
            elif not (last is not None and last.kind == "heading" and last.text == ln.text):
                blocks.append(Block("heading", ln.text, level=level))
        elif len(ln.cells) >= 2:
            last = blocks[-1] if blocks else None
            repeated = (
                last is not None
                and last.kind == "table"
                and bool(last.rows)
                and prev is not None
                and prev.page != ln.page
                and [c[2] for c in ln.cells] == [c for c in last.rows[0] if c]
            )
            if repeated:  # the header row again at the top of the next page
                prev = ln
                continue
            if (
                last is None
                or last.kind != "table"
                or (
                    g > 1.2
                    and not (
                        prev and prev.page != ln.page and last.rows and len(last.rows[0]) == len(ln.cells)
                    )
                )
            ):
                table_cols = [c[0] for c in ln.cells]
                header_words = ln.words
                blocks.append(Block("table", rows=[]))
                last = blocks[-1]
            row = [""] * len(table_cols)
            for x0, x1, value in ln.cells:
                col = _column(table_cols, x0, x1)
                if (
                    len(ln.cells) > len(table_cols)
                    and x0 > table_cols[col] + 3
                    and (col + 1 == len(table_cols) or x1 < table_cols[col + 1])
                    and last.rows
                ):
                    split = _split_header(last.rows[0], header_words, table_cols, col, x0)
                    if split:
                        table_cols.insert(col + 1, x0)
                        row.insert(col + 1, "")
                        for r in last.rows[1:]:
                            r.insert(col + 1, "")
                        col += 1
                row[col] = join_lines(row[col], value)
            prev_first = bool(last.rows and prev is not None and prev.x0 <= table_cols[0] + 3)
            _amount_to_last_column(row, last.rows[0] if last.rows else [])
            if not last.rows or (row[0] and (g > ROW_GAP or not prev_first)):
                last.rows.append(row)
            else:
                _continue(last.rows[-1], row)
        else:
            last = blocks[-1] if blocks else None
            text = ln.text
            if (
                last is not None
                and last.kind == "table"
                and prev is not None
                and ln.size == prev.size
                and (g < ROW_GAP or (g < 1.0 and ln.x0 > table_cols[0] + 3))
            ):
                row = [""] * len(table_cols)
                col = _column(table_cols, ln.x0, ln.cells[-1][1])
                if col < len(row):
                    row[col] = text
                    _continue(last.rows[-1], row)
                    prev = ln
                    continue
            bullet = _BULLET.match(text)
            if bullet:
                item = text[bullet.end() :]
                if last is not None and last.kind == "list" and g < 1.0:
                    last.items.append(item)
                else:
                    blocks.append(Block("list", items=[item], ordered=bullet.group(0)[0].isdigit()))
                table_cols = [ln.x0]
            elif (
                last is not None
                and last.kind == "list"
                and g < 0.8
                and prev is not None
                and ln.x0 > table_cols[0] + 2
            ):
                last.items[-1] += "\n" + text
            elif last is not None and last.kind == "para" and g < PARA_GAP:
                last.text = join_lines(last.text, text)
            else:
                blocks.append(Block("para", text))
        prev = ln
    return blocks, " ".join(title_parts)


def _column(cols: list[float], x0: float, x1: float) -> int:
    """The column a cell belongs to: the last column starting at or left of it (right-aligned allowed)."""
    best = 0
    for i, start in enumerate(cols):
        if start <= x0 + 3:
            best = i
    if best + 1 < len(cols) and x1 > cols[best + 1] + 2:
        best += 1  # text never runs into the next column: this is a right-aligned cell of that column
    return best


def _split_header(
    header: list[str], words: list[tuple[float, float, str]], cols: list[float], col: int, x0: float
) -> bool:
    """Split header cell ``col`` at ``x0`` when its words reach past a data column's start."""
    inside = [
        w for w in words if w[0] >= cols[col] - 1 and (col + 1 >= len(cols) or w[0] < cols[col + 1] - 1)
    ]
    left = [w[2] for w in inside if w[0] < x0 - 1]
    right = [w[2] for w in inside if w[0] >= x0 - 1]
    if not left or not right:
        return False
    header[col] = " ".join(left)
    header.insert(col + 1, " ".join(right))
    return True


_TRAILING_AMOUNT = re.compile(r"\s(\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?[ \u00a0](?:kr|%))$")


def _amount_to_last_column(row: list[str], header: list[str]) -> None:
    """A right-aligned amount that ran into the text beside it goes back to its own column."""
    if len(row) < 2 or row[-1] or not header or not header[-1]:
        return
    for i in range(len(row) - 2, -1, -1):
        m = _TRAILING_AMOUNT.search(row[i])
        if m:
            row[i], row[-1] = row[i][: m.start()], m.group(1)
            return


def _continue(row: list[str], extra: list[str]) -> None:
    for i, value in enumerate(extra):
        if value and i < len(row):
            row[i] = join_lines(row[i], value)


def read(path: Path) -> Extracted:
    """Blocks and title of a text PDF; a PDF without text (a scan) is refused."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
            lines = _lines(pdf)
    except Exception as exc:
        if isinstance(exc, PDFPasswordIncorrect) or "password" in repr(exc).lower():
            raise ImportFailure(
                "PDF:en är lösenordsskyddad; spara en kopia utan lösenord och försök igen.",
                "The PDF is password-protected; save a copy without a password and try again.",
            ) from None
        raise ImportFailure(
            f"Filen kunde inte läsas som PDF; den är skadad eller i ett annat format ({type(exc).__name__}).",
            f"The file could not be read as PDF; it is damaged or in another format ({type(exc).__name__}).",
        ) from None
    if not lines:
        raise ImportFailure(
            "PDF:en innehåller ingen text (troligen inskannade bilder). Kör textigenkänning (OCR) först "
            "eller importera originalet i Word-format.",
            "The PDF contains no text (probably scanned images). Run OCR first or import the Word original.",
        )
    blocks, title = _blocks(_drop_running(lines, pages))
    return Extracted(blocks, title, "pdf")
