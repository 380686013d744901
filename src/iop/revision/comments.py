"""Find every comment in YAML text, so the formatter can prove it lost none.

A comment is what lies between two YAML tokens from an unquoted ``#`` to the end
of its line; the token stream (libyaml's scanner when available) says exactly
where text, keys and punctuation are, so a ``#`` inside a quoted or block text is
never taken for a comment.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

_COMMENT = re.compile(r"(?:^|(?<=[ \t\n]))#[^\n]*")


@dataclass(frozen=True)
class Comment:
    """One comment: 1-based line and column of its ``#``, and its text without trailing spaces."""

    line: int
    column: int
    text: str
    in_flow: bool = False
    """Inside a flow collection (``[...]`` or ``{...}``)."""


class ScanError(Exception):
    """The text could not be split into YAML tokens."""


def comments(source: str) -> list[Comment]:
    """Every comment in ``source``, in order; raises :class:`ScanError` if it cannot be scanned."""
    try:
        spans = _spans(_tokens_libyaml(source))
    except ScanError:
        # ruamel.yaml accepts a little more than libyaml (a plain text continued at
        # column 0); the file loaded with ruamel, so its scanner decides then
        spans = _spans(_tokens_ruamel(source))
    found: list[Comment] = []
    position = 0
    for start, end, depth in [*spans, (len(source), len(source), 0)]:
        if start > position:
            for match in _COMMENT.finditer(source, position, start):
                at = match.start()
                line = source.count("\n", 0, at) + 1
                column = at - (source.rfind("\n", 0, at) + 1) + 1
                found.append(Comment(line, column, match.group().rstrip(), depth > 0))
        position = max(position, end)
    return found


def _tokens_libyaml(source: str) -> list[Any]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return list(yaml.scan(source, Loader=loader))
    except yaml.YAMLError as exc:
        raise ScanError(str(exc)) from None


def _tokens_ruamel(source: str) -> list[Any]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        return list(YAML(typ="safe", pure=True).scan(source))
    except YAMLError as exc:
        raise ScanError(str(exc)) from None


def _spans(tokens: list[Any]) -> list[tuple[int, int, int]]:
    """(start, end, flow depth) of every token; both scanners name their token classes alike."""
    spans: list[tuple[int, int, int]] = []
    level = 0
    for token in tokens:
        spans.append((token.start_mark.index, token.end_mark.index, level))
        kind = type(token).__name__
        if kind in ("FlowSequenceStartToken", "FlowMappingStartToken"):
            level += 1
        elif kind in ("FlowSequenceEndToken", "FlowMappingEndToken"):
            level = max(level - 1, 0)
    return spans


def lost(before: str, after: str) -> list[Comment]:
    """Comments of ``before`` whose text is missing from ``after`` (counting repeats)."""
    remaining = Counter(c.text for c in comments(after))
    missing: list[Comment] = []
    for comment in comments(before):
        if remaining[comment.text] > 0:
            remaining[comment.text] -= 1
        else:
            missing.append(comment)
    return missing
