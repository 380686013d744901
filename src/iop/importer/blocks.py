"""The reading-order blocks every reader produces: headings, paragraphs, lists and tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["heading", "para", "list", "table"]


@dataclass
class Block:
    """One block of a document in reading order.

    ``level`` is the heading level (0 when a bold paragraph only looks like a
    heading); ``rows`` holds table cells, the header row first.
    """

    kind: Kind
    text: str = ""
    level: int = 0
    items: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    ordered: bool = False


@dataclass
class Extracted:
    """What a reader found: the blocks and, where the format has one, the title."""

    blocks: list[Block]
    title: str = ""
    source_format: str = ""


_NUMBER = re.compile(r"^\s*(?:§\s*)?(\d+(?:\.\d+)*)\.?\s+(?=\S)")


def heading_number(value: str) -> tuple[str, str]:
    """``'12.1 Parternas resurser'`` → ``('12.1', 'Parternas resurser')``."""
    m = _NUMBER.match(value)
    if not m:
        return "", value.strip()
    return m.group(1), value[m.end() :].strip()


def clean(value: str) -> str:
    """Collapse runs of blanks within lines (not newlines) and trim."""
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in value.split("\n")]
    return "\n".join(lines).strip()
