"""The canonical layout of an agreement file, with every comment kept.

Two steps. First the keys of every block mapping are put in the schema's order
by moving whole blocks of lines: a key, its value and the comment and blank lines
directly above it travel together, so comments stay with what they describe
(the file's leading comments stay on top; see ``_first_key_start``). Then ruamel.yaml's round-trip dumper
writes the result with one layout: mappings indented 2, sequence dashes indented
2 with items at 4, no line wrapping, block scalars kept as block scalars, and
quotes only where YAML needs them, always double quotes; a value without letters
(an organisationsnummer, "§ 45") is always quoted so nobody mistakes it for a
number. The data never changes: the result is loaded again and compared.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.representer import RoundTripRepresenter

from iop.diagnostics import PathPart
from iop.loader import LoadError, loads, parse_roundtrip, source_lines
from iop.revision.comments import Comment, ScanError, lost
from iop.revision.schemainfo import sort_keys

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


class FormatError(Exception):
    """Formatting would have changed the data; nothing is written."""


class CommentLost(FormatError):
    """Formatting would have dropped a comment (one inside ``[...]`` or ``{...}``); nothing is written."""

    def __init__(self, display: str, comment: Comment) -> None:
        super().__init__(f"{display}:{comment.line}:{comment.column}: {comment.text}")
        self.display, self.comment = display, comment


class _Emitter(RoundTripEmitter):
    """Double quotes whenever a scalar must be quoted."""

    def choose_scalar_style(self) -> Any:
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


class _Representer(RoundTripRepresenter):
    pass


def _represent_str(representer: RoundTripRepresenter, value: str) -> Any:
    style = '"' if value and not _LETTER.search(value) else None
    return representer.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Representer.add_representer(str, _represent_str)


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.Emitter = _Emitter
    yaml.Representer = _Representer
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100_000
    yaml.allow_unicode = True
    yaml.allow_duplicate_keys = False
    return yaml


# ---------------------------------------------------------------- key order (text level)


def _is_trivia(line: str, col: int) -> bool:
    """A blank line, or a comment line indented at most ``col``."""
    stripped = line.lstrip(" ")
    if not stripped.strip():
        return True
    return stripped.startswith("#") and len(line) - len(stripped) <= col


def _leading_start(lines: list[str], line: int, lower: int, col: int) -> int:
    """First line of the comments/blank lines directly above ``line`` (not above ``lower``)."""
    start = line
    while start - 1 >= lower and _is_trivia(lines[start - 1], col):
        start -= 1
    return start


def _first_key_start(lines: list[str], line: int, start: int) -> int:
    """Where the file's first key begins: its own comment lines, not the file's header.

    Comment lines directly above the first key, and the blank lines above them,
    travel with it (``# Titel: ...`` from ``iop new``) when a blank line separates
    them from the header above; a comment block that runs from the top of the file
    down to the key is the file's header and stays on top.
    """
    first = line
    while first - 1 >= start and lines[first - 1].lstrip(" ").startswith("#"):
        first -= 1
    if first == start and first < line:
        return line
    while first - 1 >= start and not lines[first - 1].strip():
        first -= 1
    return first


def _block_map(node: Any) -> bool:
    """A non-empty block mapping whose keys can be moved as blocks of lines.

    A mapping with a merge key (``<<: *base``) is left in its own order: its
    merged keys have no lines of their own in it.
    """
    if not isinstance(node, CommentedMap) or not node or node.fa.flow_style() or getattr(node, "merge", None):
        return False
    key_lines = [node.lc.key(k)[0] for k in node]
    return len(set(key_lines)) == len(key_lines) and key_lines == sorted(key_lines)


def _block_seq(node: Any) -> bool:
    return isinstance(node, CommentedSeq) and bool(node) and not node.fa.flow_style()


def _schema_path(path: tuple[PathPart, ...]) -> tuple[PathPart, ...]:
    return tuple(0 if isinstance(p, int) else p for p in path)


def _value_lines(value: Any, lines: list[str], start: int, end: int, path: tuple[PathPart, ...]) -> list[str]:
    """Lines ``start..end`` holding a value, with nested mappings reordered."""
    if _block_map(value) and value.lc.key(next(iter(value)))[0] >= start:
        return _reorder_map(value, lines, start, end, path, root=False)
    if _block_seq(value) and value.lc.item(0)[0] >= start:
        return _reorder_seq(value, lines, start, end, path)
    return lines[start:end]


def _reorder_map(
    node: CommentedMap, lines: list[str], start: int, end: int, path: tuple[PathPart, ...], *, root: bool
) -> list[str]:
    keys = list(node)
    key_lines = [node.lc.key(k)[0] for k in keys]
    col = node.lc.key(keys[0])[1]
    starts = []
    for i, line in enumerate(key_lines):
        if i == 0:
            starts.append(
                _first_key_start(lines, line, start) if root else _leading_start(lines, line, start, col)
            )
        else:
            starts.append(_leading_start(lines, line, key_lines[i - 1] + 1, col))
    # Comment and blank lines after the last key's content stay at the end of the mapping.
    footer = end
    while footer - 1 > key_lines[-1] and _is_trivia(lines[footer - 1], col):
        footer -= 1
    blocks: dict[str, list[str]] = {}
    for i, key in enumerate(keys):
        block_end = starts[i + 1] if i + 1 < len(keys) else footer
        head = lines[starts[i] : key_lines[i] + 1]
        blocks[key] = head + _value_lines(node[key], lines, key_lines[i] + 1, block_end, (*path, key))
    order = sort_keys([str(k) for k in keys], _schema_path(path))
    out = lines[start : starts[0]]
    for key in order:
        out.extend(blocks[key])
    return out + lines[footer:end]


def _dash_line(lines: list[str], line: int, col: int) -> int:
    """The line holding the ``-`` of a sequence item whose value starts at (line, col)."""
    if "-" in lines[line][:col]:
        return line
    probe = line - 1
    while probe > 0 and not lines[probe].lstrip().startswith("-"):
        probe -= 1
    return probe


def _reorder_seq(
    node: CommentedSeq, lines: list[str], start: int, end: int, path: tuple[PathPart, ...]
) -> list[str]:
    positions = [node.lc.item(i) for i in range(len(node))]
    dash_lines = [_dash_line(lines, line, col) for line, col in positions]
    dash_col = len(lines[dash_lines[0]]) - len(lines[dash_lines[0]].lstrip(" "))
    starts = [
        _leading_start(lines, dl, start if i == 0 else positions[i - 1][0] + 1, dash_col)
        for i, dl in enumerate(dash_lines)
    ]
    out = lines[start : starts[0]]
    for i, item in enumerate(node):
        item_end = starts[i + 1] if i + 1 < len(node) else end
        line = positions[i][0]
        if _block_map(item) and line == dash_lines[i]:
            # Blank the dash so the item reads as a plain block mapping, then put it back.
            local = list(lines)
            dash_at = lines[line].index("-", dash_col)
            local[line] = lines[line][:dash_at] + " " + lines[line][dash_at + 1 :]
            body = _reorder_map(item, local, line, item_end, (*path, i), root=False)
            first = next(k for k, text in enumerate(body) if not _is_trivia(text, 10_000))
            body[first] = body[first][:dash_at] + "-" + body[first][dash_at + 1 :]
            out.extend(lines[starts[i] : line])
            out.extend(body)
        else:
            out.extend(lines[starts[i] : dash_lines[i]])
            out.extend(_value_lines(item, lines, dash_lines[i], item_end, (*path, i)))
    return out


# ---------------------------------------------------------------- comment indentation


def _block_scalar_lines(root: Any, lines: list[str]) -> set[int]:
    """0-based lines inside block scalars (``|`` / ``>``): their ``#`` lines are text, not comments."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    starts: list[tuple[int, int]] = []

    def walk(node: Any) -> None:
        if isinstance(node, CommentedMap):
            for key, value in node.items():
                if isinstance(value, LiteralScalarString | FoldedScalarString):
                    with contextlib.suppress(KeyError):  # a merged key has no line in this mapping
                        starts.append(node.lc.key(key))
                walk(value)
        elif isinstance(node, CommentedSeq):
            for i, value in enumerate(node):
                if isinstance(value, LiteralScalarString | FoldedScalarString):
                    line, _ = node.lc.item(i)
                    text = lines[line] if line < len(lines) else ""
                    starts.append((line, len(text) - len(text.lstrip(" "))))
                walk(value)

    walk(root)
    protected: set[int] = set()
    for line, indent in starts:
        probe = line + 1
        while probe < len(lines):
            text = lines[probe]
            if text.strip() and len(text) - len(text.lstrip(" ")) <= indent:
                break
            protected.add(probe)
            probe += 1
    return protected


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _tidy_comments(text: str, root: Any) -> str:
    """Snap stray full-line comments to the indentation of what follows; tidy line ends.

    A comment keeps its column when that column is the following line's or one of
    the open levels above it (a commented-out key at the end of a nested block
    stays nested); otherwise it takes the following line's indentation. Trailing
    spaces go (outside block scalars) and the file ends with one newline.
    """
    lines = source_lines(text, keepends=True)
    protected = _block_scalar_lines(root, lines)
    stack: list[int] = []
    pending: list[int] = []

    def settle(following: int) -> None:
        valid = {following} | {level for level in stack if level >= following}
        for j in pending:
            if _indent(lines[j]) not in valid:
                lines[j] = " " * following + lines[j].lstrip(" ")
        pending.clear()

    for i, line in enumerate(lines):
        if i in protected:
            continue
        body = line.rstrip()
        lines[i] = body + "\n" if line.endswith("\n") else body
        if not body:
            continue
        if body.lstrip().startswith("#"):
            pending.append(i)
            continue
        level = _indent(body)
        settle(level)
        while stack and stack[-1] >= level:
            stack.pop()
        stack.append(level)
        rest = body.lstrip(" ")
        if rest.startswith("- "):
            inner = rest[1:].lstrip(" ")
            if inner and not inner.startswith("#"):
                stack.append(level + len(rest) - len(inner))
    settle(0)
    return "".join(lines).rstrip("\n") + "\n"


# ---------------------------------------------------------------- public API


def format_source(source: str, display: str = "<text>") -> str:
    """The canonical form of an agreement's text; raises LoadError or FormatError.

    Keys are put in the schema's order when moving their lines keeps the data
    (it cannot for a text continued on a line at column 0, or an anchor that
    would land after its alias); otherwise the file keeps its order and only the
    layout is made canonical.
    """
    original = loads(source.encode("utf-8"), display)
    text = original.text if original.text.endswith("\n") else original.text + "\n"
    lines = source_lines(text, keepends=True)
    if _block_map(original.root):
        reordered = "".join(_reorder_map(original.root, lines, 0, len(lines), (), root=True))
        try:
            return _layout(reordered, text, original.data, display)
        except FormatError:
            pass
    return _layout(text, text, original.data, display)


def _layout(ordered: str, text: str, data: dict[str, Any], display: str) -> str:
    """``ordered`` in the canonical layout; FormatError if the data or a comment of ``text`` would change."""
    try:
        tree = parse_roundtrip(ordered, display)
    except LoadError as exc:  # a bug in the reordering, never the user's
        raise FormatError(f"{display}: reordered text does not load") from exc
    buffer = io.StringIO()
    _yaml().dump(tree, buffer)
    dumped = buffer.getvalue()
    after = _check(dumped, data, display)
    tidied = _tidy_comments(dumped, after.root)
    try:
        _check(tidied, data, display)
    except FormatError:
        tidied = dumped
    _keep_comments(text, tidied, display)
    return tidied


def _keep_comments(before: str, after: str, display: str) -> None:
    """Raise :class:`CommentLost` if ``after`` misses a comment of ``before``."""
    try:
        missing = lost(before, after)
    except ScanError as exc:  # ruamel.yaml loaded it, so this is the scanner's limit, not the user's
        raise FormatError(f"{display}: comments cannot be checked ({exc})") from None
    if missing:
        raise CommentLost(display, missing[0])


def _check(result: str, data: dict[str, Any], display: str) -> Any:
    try:
        after = loads(result.encode("utf-8"), display)
    except LoadError as exc:  # a bug in the formatter, never the user's
        raise FormatError(f"{display}: formatted text does not load") from exc
    if after.data != data:
        raise FormatError(f"{display}: formatting would change the data")
    return after


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` via a temporary file in the same folder, keeping the file mode."""
    mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
