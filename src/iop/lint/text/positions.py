"""Map character offsets in a loaded YAML string back to line and column in the file.

The loaded value and the source differ by the scalar's style: quotes and
escapes (``"..."``, ``'...'``), a block header and indentation (``|``, ``>``),
and folded line breaks (plain, ``>``, quoted over several lines). We walk the
source from the value's start and the value side by side: equal characters
map to each other, source whitespace the value folded away is skipped, and a
double-quoted escape maps to its backslash.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_PROPS_RE = re.compile(r"(?:[&!][^\s]*\s+)*")  # anchors and tags before a value


class SourceMap:
    """Offsets ↔ (line, column) for one file's text."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", source))]

    def offset(self, line: int, col: int) -> int:
        """Offset of a 1-based (line, column)."""
        if line - 1 >= len(self.line_starts):
            return len(self.source)
        return min(self.line_starts[line - 1] + col - 1, len(self.source))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset."""
        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1


def _escape_length(src: str, p: int) -> int:
    nxt = src[p + 1] if p + 1 < len(src) else ""
    return {"x": 4, "u": 6, "U": 10}.get(nxt, 2)


def value_offsets(source: str, start: int, value: str) -> list[int]:
    """Source offset of every character of ``value``, whose node starts at ``start``.

    The result has ``len(value) + 1`` entries; the last is just after the value.
    """
    src = source
    p = start
    m = _PROPS_RE.match(src, p)
    if m:
        p = m.end()
    style = src[p] if p < len(src) else ""
    if style in "|>":
        # Skip the header line ("|-", ">2", comments) to the first content line.
        nl = src.find("\n", p)
        p = len(src) if nl < 0 else nl + 1
        style = "block"
    elif style in "\"'":
        p += 1
    else:
        style = "plain"
    if (
        style != "block"
        and "\\" not in value
        and "\n" not in value
        and (style == "plain" or style not in value)
        and src.startswith(value, p)
    ):
        # Written as loaded (no escape, doubled quote or folded line): one to one.
        return list(range(p, p + len(value) + 1))
    out: list[int] = []
    n = len(src)
    for ch in value:
        while p < n:
            s = src[p]
            if style == '"' and s == "\\":
                if p + 1 < n and src[p + 1] == "\n":  # escaped line break: joins lines
                    p += 2
                    while p < n and src[p] in " \t":
                        p += 1
                    continue
                out.append(p)
                p += _escape_length(src, p)
                break
            if s == ch:
                out.append(p)
                p += 1
                if style == "'" and ch == "'" and p < n and src[p] == "'":
                    p += 1
                break
            if s in " \t\r\n":
                if ch in " \n" and s == "\n":  # a folded line break became a space/newline
                    out.append(p)
                    p += 1
                    break
                p += 1
                continue
            # Unexpected: map here and move on rather than lose the place.
            out.append(p)
            p += 1
            break
        else:
            out.append(min(p, n))
    out.append(min(p, n))
    return out
