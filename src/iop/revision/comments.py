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
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    opening = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)
    closing = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)
    spans: list[tuple[int, int, int]] = []
    level = 0
    try:
        for token in yaml.scan(source, Loader=loader):
            spans.append((token.start_mark.index, token.end_mark.index, level))
            if isinstance(token, opening):
                level += 1
            elif isinstance(token, closing):
                level = max(level - 1, 0)
    except yaml.YAMLError as exc:
        raise ScanError(str(exc)) from None
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
