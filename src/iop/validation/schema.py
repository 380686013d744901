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
from iop.i18n import Text

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

Schema = dict[str, Any]
REFERENCE: Text = {"sv": "Jämför med schema/referens.yaml.", "en": "Compare with schema/referens.yaml."}


class SchemaView:
    """One JSON Schema with what the messages need: its validator, subschemas and keys.

    ``reference`` is what a message that has nothing better to say points to.
    """

    def __init__(self, schema: Schema, *, reference: Text = REFERENCE) -> None:
        self.schema = schema
        self.reference = reference
        self._validator: Validator | None = None
        self._homes: dict[str, list[tuple[str, ...]]] | None = None

    def validator(self) -> Validator:
        """A Draft 2020-12 validator with date format checking, built on first use."""
        if self._validator is None:
            from jsonschema import Draft202012Validator

            self._validator = Draft202012Validator(
                self.schema, format_checker=Draft202012Validator.FORMAT_CHECKER,
            )
        return self._validator

    def iter_errors(self, data: Any) -> Iterator[ValidationError]:
        """Every raw jsonschema error for ``data``."""
        return self.validator().iter_errors(data)

    def _resolve(self, node: Schema) -> Schema:
        """Merge a local ``$ref`` target with the sibling keywords (title, description win)."""
        ref = node.get("$ref")
        if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
            return node
        target = self.schema.get("$defs", {}).get(ref.rsplit("/", 1)[-1], {})
        return {**target, **{k: v for k, v in node.items() if k != "$ref"}}

    def schema_at(self, path: tuple[PathPart, ...]) -> Schema | None:
        """The (resolved) subschema describing the value at ``path``, or None if there is none."""
        node: Schema | None = self._resolve(self.schema)
        for part in path:
            if node is None:
                return None
            child = node.get("items") if isinstance(part, int) else node.get("properties", {}).get(part)
            if child is None and not isinstance(part, int):
                extra = node.get("additionalProperties")
                child = extra if isinstance(extra, dict) else None
            node = self._resolve(child) if isinstance(child, dict) else None
        return node

    def allowed_keys(self, path: tuple[PathPart, ...]) -> list[str]:
        """The property names the schema allows in the mapping at ``path``, in schema order."""
        node = self.schema_at(path)
        return list(node.get("properties", {})) if node else []

    def key_homes(self) -> dict[str, list[tuple[str, ...]]]:
        """For each property name anywhere in the schema, the mapping paths it belongs to.

        List levels are written as ``"*"`` (``ekonomi › resurser › * ``).
        """
        if self._homes is None:
            homes: dict[str, list[tuple[str, ...]]] = {}

            def walk(node: Schema, path: tuple[str, ...]) -> None:
                node = self._resolve(node)
                for key, child in node.get("properties", {}).items():
                    homes.setdefault(key, []).append(path)
                    if isinstance(child, dict):
                        walk(child, (*path, key))
                items = node.get("items")
                if isinstance(items, dict):
                    walk(items, (*path, "*"))

            walk(self.schema, ())
            self._homes = homes
        return self._homes


@cache
def agreement_view() -> SchemaView:
    """The agreement schema's view (built once)."""
    loaded: Schema = json.loads(schema_path().read_text(encoding="utf-8"))
    return SchemaView(loaded)


def schema() -> Schema:
    """The agreement schema as a dict (read once)."""
    return agreement_view().schema


def validator() -> Validator:
    """The agreement schema's validator, built once."""
    return agreement_view().validator()


def iter_errors(data: Any) -> Iterator[ValidationError]:
    """Every raw jsonschema error for ``data`` against the agreement schema."""
    return agreement_view().iter_errors(data)


def schema_at(path: tuple[PathPart, ...]) -> Schema | None:
    """The agreement subschema describing the value at ``path``."""
    return agreement_view().schema_at(path)


def allowed_keys(path: tuple[PathPart, ...]) -> list[str]:
    """The property names the agreement schema allows at ``path``."""
    return agreement_view().allowed_keys(path)


def key_homes() -> dict[str, list[tuple[str, ...]]]:
    """Where each property name of the agreement schema belongs."""
    return agreement_view().key_homes()
