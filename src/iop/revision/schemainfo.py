"""What the revision tools need from the agreement schema: key order, titles, descriptions.

The schema's property order is the order of sections in an agreement. The schema
is read once, by :mod:`iop.validation.schema`; a key the schema does not know gets
its name as title and keeps its place after the known keys.
"""

from __future__ import annotations

from typing import Any

from iop.diagnostics import PathPart

Schema = dict[str, Any]


def load_schema() -> Schema:
    """The agreement JSON Schema as a dict (read once, shared with validation)."""
    from iop.validation.schema import schema

    return schema()


def node_at(path: tuple[PathPart, ...]) -> Schema:
    """The (resolved) schema node describing the value at ``path``; ``{}`` if unknown."""
    from iop.validation.schema import schema_at

    return schema_at(path) or {}


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
