"""Fast path for loading an agreement: libyaml events → plain data plus positions.

Pure-Python round-trip parsing costs ~20 ms for a 15 kB agreement; libyaml's
event parser takes under 1 ms. This module turns the event stream into the same
plain data the round-trip loader produces (YAML 1.2 core resolution, as
ruamel.yaml) and records the 0-based line and column of every key and value.

It only handles ordinary files. Whenever anything is unusual (an alias, an
explicit tag, a duplicate or non-text key, a merge key, a date-time, several
documents, deep nesting, too many values, a syntax error, or libyaml missing) it
returns ``None`` and :mod:`iop.loader` uses ruamel.yaml, which words the error.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from iop.datapath import DataPath
from iop.memo import memo_if_short

Positions = dict[DataPath, tuple[int, int, int, int]]
"""path → (key line, key column, value line, value column), 0-based like ruamel's ``lc``."""

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_T = "tag:yaml.org,2002:"


class _Unusual(Exception):
    """Leave this file to the round-trip loader."""


class LimitExceeded(Exception):
    """Nesting deeper than allowed or too many values, at 1-based ``line``/``column``.

    Reported straight away: parsing the rest with ruamel would only repeat the verdict, slower.
    """

    def __init__(self, line: int, column: int, too_many: bool) -> None:
        super().__init__(line, column)
        self.line, self.column, self.too_many = line, column, too_many


@lru_cache(maxsize=1)
def _resolver() -> Any:
    from ruamel.yaml.resolver import VersionedResolver

    return VersionedResolver(version=(1, 2))


@memo_if_short(64, maxsize=4096)
def _plain_scalar(value: str) -> Any:
    """Resolve and construct a plain scalar exactly as ruamel.yaml does for YAML 1.2.

    Short values (keys, numbers, dates, words) are memoised; long text is not, so the
    cache stays small however much text one process reads.
    """
    from ruamel.yaml.nodes import ScalarNode

    tag = _resolver().resolve(ScalarNode, value, (True, False))
    if tag == _T + "str":
        return value
    if tag == _T + "null":
        return None
    if tag == _T + "bool":
        return value.lower() == "true"
    if tag == _T + "int":
        return _int(value)
    if tag == _T + "float":
        return _float(value)
    if tag == _T + "timestamp" and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            return value  # an impossible date stays text, as in the round-trip loader
    raise _Unusual(tag)


def _int(value: str) -> int:
    digits = value.replace("_", "")
    sign = -1 if digits[:1] == "-" else 1
    digits = digits.lstrip("+-")
    for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if digits.startswith(prefix):
            return sign * int(digits[2:], base)
    return sign * int(digits)


def _float(value: str) -> float:
    text = value.replace("_", "").lower()
    sign = -1.0 if text[:1] == "-" else 1.0
    text = text.lstrip("+-")
    if text == ".inf":
        return sign * float("inf")
    if text == ".nan":
        return float("nan")
    return sign * float(text)


def parse(source: str, max_depth: int, max_nodes: int) -> tuple[dict[str, Any], Positions] | None:
    """Plain data and positions for an ordinary agreement, or None to use the slow path.

    Raises :class:`LimitExceeded` when the depth or node bound is passed.
    """
    try:
        import yaml

        if not getattr(yaml, "__with_libyaml__", False):
            return None
        events = yaml.parse(source, Loader=yaml.CSafeLoader)
        return _build(events, max_depth, max_nodes)
    except LimitExceeded:
        raise
    except (_Unusual, ImportError):
        return None
    except Exception:  # any libyaml error: the round-trip loader reports it properly
        return None


def _build(events: Any, max_depth: int, max_nodes: int) -> tuple[dict[str, Any], Positions]:
    import yaml

    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    map_end, seq_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    doc_start = yaml.DocumentStartEvent

    positions: Positions = {}
    # Each frame: [container, path, pending key or None, key line, key column]
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    nodes = 0

    def place(value: Any, line: int, column: int) -> None:
        nonlocal root
        if not stack:
            if root is not None:
                raise _Unusual("several roots")
            root = value
            return
        frame = stack[-1]
        container, path = frame[0], frame[1]
        if isinstance(container, list):
            positions[(*path, len(container))] = (line, column, line, column)
            container.append(value)
        elif frame[2] is None:
            if not isinstance(value, str) or value in container:
                raise _Unusual("key")
            frame[2], frame[3], frame[4] = value, line, column
        else:
            key = frame[2]
            positions[(*path, key)] = (frame[3], frame[4], line, column)
            container[key] = value
            frame[2] = None

    for event in events:
        kind = type(event)
        if kind is scalar_event:
            nodes += 1
            if len(stack) > max_depth:
                mark = event.start_mark
                raise LimitExceeded(mark.line + 1, mark.column + 1, False)
            if event.tag is not None:
                raise _Unusual("tag")
            mark = event.start_mark
            plain = event.implicit[0] and not event.style
            value = _plain_scalar(event.value) if plain else event.value
            place(value, mark.line, mark.column)
        elif kind is map_start or kind is seq_start:
            nodes += 1
            if len(stack) > max_depth or nodes > max_nodes:
                mark = event.start_mark
                raise LimitExceeded(mark.line + 1, mark.column + 1, nodes > max_nodes)
            if event.tag is not None:
                raise _Unusual("tag")
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None:
                raise _Unusual("complex key")
            container: Any = {} if kind is map_start else []
            mark = event.start_mark
            place(container, mark.line, mark.column)
            parent = stack[-1] if stack else None
            if parent is None:
                path: DataPath = ()
            elif isinstance(parent[0], list):
                path = (*parent[1], len(parent[0]) - 1)
            else:
                path = (*parent[1], _last_key(parent[0]))
            stack.append([container, path, None, 0, 0])
        elif kind is map_end or kind is seq_end:
            stack.pop()
        elif kind is alias_event:
            raise _Unusual("alias")
        elif kind is doc_start:
            documents += 1
            if documents > 1 or event.version or event.tags:
                raise _Unusual("document")
        if nodes > max_nodes:
            mark = event.start_mark
            raise LimitExceeded(mark.line + 1, mark.column + 1, True)
    if not isinstance(root, dict) or not root:
        raise _Unusual("root")
    return root, positions


def _last_key(mapping: dict[str, Any]) -> str:
    return next(reversed(mapping))


def locate(positions: Positions, path: DataPath, *, key: bool = False) -> tuple[int, int]:
    """1-based (line, column) like :func:`iop.loader.locate`, from recorded positions."""
    line, col = 0, 0
    for i in range(1, len(path) + 1):
        entry = positions.get(path[:i])
        if entry is None:
            break
        line, col = (entry[0], entry[1]) if key and i == len(path) else (entry[2], entry[3])
    return line + 1, col + 1
