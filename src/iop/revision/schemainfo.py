"""What the revision tools need from the agreement schema: key order, titles, descriptions.

The schema's property order is the order of sections in an agreement. When the
schema cannot be read, every lookup degrades gracefully (key names as titles,
no canonical order), so ``iop diff`` and ``iop fmt`` still work.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from iop.diagnostics import PathPart

Schema = dict[str, Any]


@cache
def load_schema() -> Schema:
    """The agreement JSON Schema as a dict (empty when it cannot be read)."""
    try:
        from iop.assets import schema_path

        with schema_path().open(encoding="utf-8") as fh:
            loaded = json.load(fh)
    except (OSError, ValueError, FileNotFoundError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _resolve(node: Schema, root: Schema) -> Schema:
    """Merge a local ``$ref`` target under the node's own keywords (own title wins)."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 10:
        ref = str(node["$ref"])
        target: Any = root
        if not ref.startswith("#/"):
            break
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        merged = dict(target) if isinstance(target, dict) else {}
        merged.update({k: v for k, v in node.items() if k != "$ref"})
        node = merged
        seen += 1
    return node


def node_at(path: tuple[PathPart, ...], schema: Schema | None = None) -> Schema:
    """The (resolved) schema node describing the value at ``path``; ``{}`` if unknown."""
    root = load_schema() if schema is None else schema
    node = _resolve(root, root)
    for part in path:
        if isinstance(part, int):
            node = _resolve(node.get("items", {}), root) if isinstance(node.get("items"), dict) else {}
        else:
            props = node.get("properties", {})
            node = _resolve(props[part], root) if isinstance(props, dict) and part in props else {}
        if not node:
            return {}
    return node


def key_order(path: tuple[PathPart, ...]) -> list[str]:
    """The schema's property order for the mapping at ``path`` (empty if unknown)."""
    props = node_at(path).get("properties", {})
    return list(props) if isinstance(props, dict) else []


def title(path: tuple[PathPart, ...]) -> str:
    """Swedish title of the value at ``path``, falling back to the key name."""
    if not path:
        return str(load_schema().get("title", "Överenskommelse"))
    found = node_at(path).get("title")
    if isinstance(found, str) and found:
        return found
    last = path[-1]
    return str(last).replace("_", " ").capitalize() if isinstance(last, str) else f"{last + 1}"


def description(path: tuple[PathPart, ...]) -> str:
    """The schema's description of the value at ``path`` (empty if none)."""
    found = node_at(path).get("description")
    return found if isinstance(found, str) else ""


def sort_keys(keys: list[str], path: tuple[PathPart, ...]) -> list[str]:
    """``keys`` in the schema's order; unknown keys keep their order at the end."""
    order = {k: i for i, k in enumerate(key_order(path))}
    known = sorted((k for k in keys if k in order), key=order.__getitem__)
    return known + [k for k in keys if k not in order]
