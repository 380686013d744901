"""Paths into loaded agreement data: one alias, one look-up and one end-of-value.

A data path is a tuple of keys and list indexes, ``("parter", 1, "namn")``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from iop.diagnostics import PathPart

DataPath = tuple[PathPart, ...]
"""A path into loaded data (never a file path; that is :class:`pathlib.Path`)."""


def value_at(data: Any, path: Sequence[PathPart]) -> Any:
    """The value at ``path`` in plain loaded data, or None when the path leads nowhere.

    A text key reads a mapping, a non-negative index a list; anything else
    (a missing key, an index past the end, a key into a list) gives None.
    """
    for part in path:
        if isinstance(part, str) and isinstance(data, Mapping):
            data = data.get(part)
        elif isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _quoted_end(rest: str) -> int | None:
    """Length of the quoted scalar that ``rest`` starts with, quotes included; None if it goes on."""
    quote = rest[0]
    i = 1
    while i < len(rest):
        ch = rest[i]
        if quote == '"' and ch == "\\":
            i += 2
            continue
        if ch == quote:
            if quote == "'" and rest[i + 1 : i + 2] == "'":  # '' is a quote inside '...'
                i += 2
                continue
            return i + 1
        i += 1
    return None


def value_end(
    data: Any, lines: Sequence[str], path: Sequence[PathPart], line: int, col: int
) -> tuple[int | None, int | None]:
    """End (line, exclusive column) of the one-line scalar at ``path`` written at (line, col).

    Quotes are part of the value; a trailing comment is not. A mapping, a list, a
    block scalar (``|``, ``>``) or a value that continues on the next line has no
    single-line end: (None, None).
    """
    value = value_at(data, path)
    if isinstance(value, Mapping | list) or not 0 < line <= len(lines) or col < 1:
        return None, None
    rest = lines[line - 1][col - 1 :]
    if not rest or rest[0] in "|>":
        return None, None
    if rest[0] in "'\"":
        length = _quoted_end(rest)
        return (line, col + length) if length else (None, None)
    shown = rest.split(" #", 1)[0].rstrip()
    if not shown or (isinstance(value, str) and value != shown):
        return None, None  # a plain text folded over several lines
    return line, col + len(shown)
