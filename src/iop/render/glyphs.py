"""Characters the PDF's fonts cannot show, found before Typst is asked to typeset them.

A PDF/A file must embed a glyph for every character it shows; Typst refuses
text its fonts (``render/fonts/``) lack, with an English error about a font.
This check names the field and the character in Swedish instead, before
rendering. HTML and Word are not affected: the reader's fonts show them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from iop.assets import asset
from iop.diagnostics import Diagnostic, PathPart
from iop.i18n import text
from iop.loader import Document

RULE = "PDF001"
# Characters Typst typesets without a glyph of their own: controls, format marks
# (zero-width space, bidi marks), spaces, line and paragraph separators, combining marks.
_NO_GLYPH_NEEDED = {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"}
_TYPST_MISSING = re.compile(r"the text `\"(?P<text>.+?)\"` could not be displayed with font")


@cache
def covered() -> frozenset[int]:
    """Every code point some font in ``render/fonts/`` has a glyph for."""
    from fontTools.ttLib import TTFont

    points: set[int] = set()
    for font in sorted(asset("render", "fonts").glob("*.[ot]tf")):
        with TTFont(font, lazy=True) as tt:
            points.update(tt.getBestCmap() or {})
    return frozenset(points)


def shown(char: str) -> bool:
    """Whether the PDF can show ``char`` (directly, or as its compatibility form)."""
    if ord(char) in covered() or unicodedata.category(char) in _NO_GLYPH_NEEDED:
        return True
    compatible = unicodedata.normalize("NFKC", char)
    return compatible != char and all(shown(c) for c in compatible)


def _strings(data: object, path: tuple[PathPart, ...] = ()) -> Iterator[tuple[tuple[PathPart, ...], str, bool]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*path, key), str(key), True
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))
    elif isinstance(data, str):
        yield path, data, False


def _name(char: str) -> str:
    return unicodedata.name(char, "").lower() or "okänt tecken"


def unshowable(doc: Document) -> list[Diagnostic]:
    """One finding per field holding a character the PDF fonts lack (the first such character)."""
    found: list[Diagnostic] = []
    for path, value, is_key in _strings(doc.data):
        bad = next((c for c in value if not shown(c)), None)
        if bad is None:
            continue
        line, column = doc.locate(path, key=is_key)
        offset = value.index(bad)
        if not is_key and "\n" not in value[:offset] and doc.lines[line - 1 : line]:
            # the character's own column when the value is on one line as written
            at = doc.lines[line - 1].find(bad, column - 1)
            column = at + 1 if at >= 0 else column
        found.append(_finding(doc.display, line, column, path, bad))
    return found


def _finding(display: str, line: int, column: int, path: tuple[PathPart, ...], char: str) -> Diagnostic:
    code = f"U+{ord(char):04X}"
    return Diagnostic(
        display,
        line,
        column,
        RULE,
        "error",
        text(
            f"Tecknet '{char}' ({code}, {_name(char)}) finns inte i PDF:ens typsnitt och kan inte "
            "visas i ett PDF/A-exemplar.",
            f"The character '{char}' ({code}, {_name(char)}) is not in the PDF's fonts and cannot "
            "be shown in a PDF/A copy.",
        ),
        path=path,
        hint=text(
            "Ta bort tecknet eller skriv det med ord (t.ex. en emoji); HTML och Word kan visa det. "
            "Typsnitten finns i render/fonts/.",
            "Remove the character or write it in words (an emoji, for example); HTML and Word can "
            "show it. The fonts are in render/fonts/.",
        ),
    )


def from_typst_error(doc: Document, message: str) -> Diagnostic | None:
    """The same finding from Typst's own error, for a character this check let through."""
    match = _TYPST_MISSING.search(message)
    if match is None:
        return None
    missing = match["text"]
    for path, value, is_key in _strings(doc.data):
        if missing in value:
            line, column = doc.locate(path, key=is_key)
            return _finding(doc.display, line, column, path, missing[0])
    return _finding(doc.display, 1, 1, (), missing[0])
