"""Word-level differences between two texts."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

Op = Literal["equal", "delete", "insert"]
REWRITE_THRESHOLD = 0.25
"""Below this share of words in common, a text counts as rewritten and is shown whole."""
_TOKEN = re.compile(r"\s+|[\w§%-]+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Segment:
    """A run of text that is unchanged, deleted or inserted."""

    op: Op
    text: str


def tokens(text: str) -> list[str]:
    """Words, whitespace runs and punctuation, in order; ``"".join`` gives the text back."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Segment]:
    """Segments that turn ``old`` into ``new``, compared word by word.

    Whitespace-only differences (re-wrapped lines) count as equal: the new
    text's whitespace is kept.
    """
    a, b = tokens(old), tokens(new)
    norm_a = [" " if t.isspace() else t for t in a]
    norm_b = [" " if t.isspace() else t for t in b]
    matcher = difflib.SequenceMatcher(None, norm_a, norm_b, autojunk=False)
    shared = sum(
        1 for tag, i1, i2, _, _ in matcher.get_opcodes() if tag == "equal" for t in norm_a[i1:i2] if t != " "
    )
    words = max(sum(1 for t in norm_a if t != " "), sum(1 for t in norm_b if t != " "), 1)
    if shared / words < REWRITE_THRESHOLD:
        # Rewritten rather than edited: a word-by-word redline would only be noise.
        return _tidy([Segment("delete", old), Segment("insert", new)])
    out: list[Segment] = []

    def push(op: Op, text: str) -> None:
        if not text:
            return
        if out and out[-1].op == op:
            out[-1] = Segment(op, out[-1].text + text)
        else:
            out.append(Segment(op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            push("equal", "".join(b[j1:j2]))
        else:
            push("delete", "".join(a[i1:i2]))
            push("insert", "".join(b[j1:j2]))
    return _tidy(out)


def _tidy(segments: list[Segment]) -> list[Segment]:
    """Move whitespace at the edges of a change into the unchanged text (``a [-b-] c``)."""
    out: list[Segment] = []

    def push(op: Op, text: str) -> None:
        if not text:
            return
        if out and out[-1].op == op:
            out[-1] = Segment(op, out[-1].text + text)
        else:
            out.append(Segment(op, text))

    for seg in segments:
        if seg.op == "equal":
            push("equal", seg.text)
            continue
        core = seg.text.strip()
        if not core:
            if seg.op == "insert" or not (out and out[-1].text[-1:].isspace()):
                push("equal", seg.text)
            continue
        lead = seg.text[: len(seg.text) - len(seg.text.lstrip())]
        trail = seg.text[len(seg.text.rstrip()) :]
        push("equal", lead)
        push(seg.op, core)
        push("equal", trail)
    return out


def similarity(old: str, new: str) -> float:
    """0..1: how much of the words two texts share."""
    if old == new:
        return 1.0
    a = [t for t in tokens(old) if not t.isspace()]
    b = [t for t in tokens(new) if not t.isspace()]
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def clip(segments: list[Segment], context: int = 8) -> list[Segment]:
    """Shorten long unchanged runs to ``context`` words on each side of a change."""
    out: list[Segment] = []
    last = len(segments) - 1
    for i, seg in enumerate(segments):
        words = tokens(seg.text)
        count = sum(1 for t in words if not t.isspace())
        after, before = i > 0, i < last  # keep words after the previous / before the next change
        if seg.op != "equal" or count <= context * (after + before) + 2 or not (after or before):
            out.append(seg)
            continue
        head = _take(words, context) if after else ""
        tail = "".join(reversed(_take_list(list(reversed(words)), context))) if before else ""
        joined = head + (" …" if after else "…") + (" " + tail.lstrip() if before else "")
        out.append(Segment("equal", joined))
    return out


def _take_list(words: list[str], count: int) -> list[str]:
    taken: list[str] = []
    seen = 0
    for t in words:
        if not t.isspace():
            seen += 1
            if seen > count:
                break
        taken.append(t)
    return taken


def _take(words: list[str], count: int) -> str:
    return "".join(_take_list(words, count)).rstrip()
