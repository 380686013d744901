"""Personal data: which fields the schema marks ``"x-personuppgift": true``, and removing them.

The marking lives in the schema, not here: a field is left out of every public
output (the register, ``iop render --public``) because the schema says so.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from functools import cache
from typing import Any

from iop.diagnostics import PathPart

MARK = "x-personuppgift"
ANY_ITEM = "*"

SchemaPath = tuple[str, ...]
"""A path in the schema: property names, ``*`` for any list item."""


@cache
def personal_paths() -> tuple[SchemaPath, ...]:
    """Every schema path whose node is marked personal (its whole subtree is personal)."""
    from iop.validation.schema import schema

    root = schema()
    defs = root.get("$defs", {})
    found: list[SchemaPath] = []

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            target = defs.get(ref.rsplit("/", 1)[-1], {})
            return {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return node

    def walk(node: Any, path: SchemaPath, depth: int) -> None:
        if not isinstance(node, dict) or depth > 30:
            return
        node = resolve(node)
        if node.get(MARK) is True:
            found.append(path)
            return
        for key, sub in (node.get("properties") or {}).items():
            walk(sub, (*path, key), depth + 1)
        if isinstance(node.get("items"), dict):
            walk(node["items"], (*path, ANY_ITEM), depth + 1)

    walk(root, (), 0)
    return tuple(found)


def _matches(pattern: SchemaPath, path: tuple[PathPart, ...]) -> bool:
    return len(pattern) == len(path) and all(
        (p == ANY_ITEM and isinstance(q, int)) or p == q for p, q in zip(pattern, path, strict=True)
    )


def personal_values(data: Any) -> Iterator[tuple[tuple[PathPart, ...], Any]]:
    """Each personal value present in ``data`` with its path."""
    patterns = personal_paths()

    def walk(obj: Any, path: tuple[PathPart, ...]) -> Iterator[tuple[tuple[PathPart, ...], Any]]:
        if any(_matches(p, path) for p in patterns):
            yield path, obj
            return
        if isinstance(obj, dict):
            for key, value in obj.items():
                yield from walk(value, (*path, key))
        elif isinstance(obj, list):
            for index, value in enumerate(obj):
                yield from walk(value, (*path, index))

    yield from walk(data, ())


def redact(data: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of ``data`` without any field the schema marks as personal."""
    out = copy.deepcopy(data)
    for path, _ in sorted(personal_values(data), key=lambda item: len(item[0]), reverse=True):
        parent: Any = out
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        if isinstance(parent, dict):
            parent.pop(last, None)
        elif isinstance(parent, list) and isinstance(last, int):
            parent[last] = None
    return out


def strings(data: Any) -> list[str]:
    """Every personal string in ``data`` (for checking an output never contains one)."""
    out: list[str] = []

    def collect(obj: Any) -> None:
        if isinstance(obj, str):
            out.append(obj)
        elif isinstance(obj, dict):
            for v in obj.values():
                collect(v)
        elif isinstance(obj, list):
            for v in obj:
                collect(v)

    for _, value in personal_values(data):
        collect(value)
    return out
