"""Plain text: paragraphs at blank lines; short numbered or known lines as headings."""

from __future__ import annotations

import re
from pathlib import Path

from iop.importer.blocks import Block, Extracted, clean, heading_number
from iop.importer.errors import ImportFailure

_BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")


def read(path: Path) -> Extracted:
    """Blocks of a UTF-8 text file (headings are confirmed later against the heading table)."""
    try:
        source = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailure(
            "Textfilen är inte UTF-8; spara den som UTF-8 och försök igen.",
            "The text file is not UTF-8; save it as UTF-8 and try again.",
        ) from None
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", source.replace("\r\n", "\n")):
        lines = [ln for ln in chunk.split("\n") if ln.strip()]
        if not lines:
            continue
        first = lines[0].strip()
        number, _rest = heading_number(first)
        if (
            len(first) <= 90
            and not first.endswith((".", ",", ";", ":"))
            and (number or first.isupper() or len(lines) > 1 or len(first.split()) <= 6)
        ):
            blocks.append(Block("heading", first, level=number.count(".") + 1 if number else 0))
            lines = lines[1:]
            if not lines:
                continue
        if all(_BULLET.match(ln) for ln in lines):
            blocks.append(Block("list", items=[clean(_BULLET.sub("", ln, count=1)) for ln in lines]))
        else:
            blocks.append(Block("para", clean(" ".join(ln.strip() for ln in lines))))
    return Extracted(blocks, "", "text")
