"""The agreement JSON Schema: loading it once, navigating it, and validating against it.

The validator is built on first use and cached for the process (jsonschema is
imported lazily, so commands that never validate do not pay for it).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from iop.assets import schema_path
from iop.diagnostics import PathPart

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

Schema = dict[str, Any]


@cache
def schema() -> Schema:
    """The agreement schema as a dict (read once)."""
    loaded: Schema = json.loads(schema_path().read_text(encoding="utf-8"))
    return loaded


@cache
def validator() -> Validator:
    """A Draft 2020-12 validator for the schema, with date format checking, built once."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def iter_errors(data: Any) -> Iterator[ValidationError]:
    """Every raw jsonschema error for ``data``."""
    return validator().iter_errors(data)


def _resolve(node: Schema) -> Schema:
    """Merge a local ``$ref`` target with the sibling keywords (title, description win)."""
    ref = node.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
        return node
    target = schema().get("$defs", {}).get(ref.rsplit("/", 1)[-1], {})
    return {**target, **{k: v for k, v in node.items() if k != "$ref"}}


def schema_at(path: tuple[PathPart, ...]) -> Schema | None:
    """The (resolved) subschema describing the value at ``path``, or None if there is none."""
    node: Schema | None = _resolve(schema())
    for part in path:
        if node is None:
            return None
        child = node.get("items") if isinstance(part, int) else node.get("properties", {}).get(part)
        node = _resolve(child) if isinstance(child, dict) else None
    return node


def allowed_keys(path: tuple[PathPart, ...]) -> list[str]:
    """The property names the schema allows in the mapping at ``path``, in schema order."""
    node = schema_at(path)
    return list(node.get("properties", {})) if node else []


@cache
def key_homes() -> dict[str, list[tuple[str, ...]]]:
    """For each property name anywhere in the schema, the mapping paths it belongs to.

    List levels are written as ``"*"`` (``ekonomi › resurser › * ``).
    """
    homes: dict[str, list[tuple[str, ...]]] = {}

    def walk(node: Schema, path: tuple[str, ...]) -> None:
        node = _resolve(node)
        for key, child in node.get("properties", {}).items():
            homes.setdefault(key, []).append(path)
            if isinstance(child, dict):
                walk(child, (*path, key))
        items = node.get("items")
        if isinstance(items, dict):
            walk(items, (*path, "*"))

    walk(schema(), ())
    return homes
