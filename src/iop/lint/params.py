"""Every check declares its parameters; rule packs and profiles are held to the declarations.

The declarations are data: ``lint/schemas/params.schema.json`` has one JSON Schema
per check (and one for text rules) under ``$defs``. A pack's or a profile's
``rules.CODE.params`` is validated against the schema of the rule's check with
the agreement validator's own messages, so ``params: {min_per_yaer: 5}`` is an
error at its file, line and column with a suggestion ("Menade du 'min_per_year'?").
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

    from iop.diagnostics import Diagnostic
    from iop.lint.rules import Rule
    from iop.loader import Document

PARAMS_SCHEMA = ("lint", "schemas", "params.schema.json")


@cache
def declarations() -> dict[str, Any]:
    """The parameter schema of every check (``$defs``), read once from the data file."""
    from iop.assets import asset

    loaded: dict[str, Any] = json.loads(asset(*PARAMS_SCHEMA).read_text(encoding="utf-8"))
    defs: dict[str, Any] = loaded["$defs"]
    return defs


def kind_of(rule: Rule) -> str:
    """The declaration a rule's params follow: its check, ``text`` or ``schema``."""
    return rule.check or ("text" if rule.match is not None else "schema")


def kind_of_body(body: Any) -> str:
    """The same for a rule as a pack file writes it (a mapping the pack schema accepted)."""
    check = body.get("check") if isinstance(body, Mapping) else None
    if isinstance(check, str):
        return check
    return "text" if isinstance(body, Mapping) and body.get("match") is not None else "schema"


@cache
def _validator(kind: str) -> Validator:
    """A compiled validator for the params of one kind (built once per process)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator({"$ref": f"#/$defs/{kind}", "$defs": declarations()})


def problems(file: Path, data: Any, kinds: Mapping[str, str], doc: Document | None = None) -> list[Diagnostic]:
    """Findings for ``rules.CODE.params`` in a pack or profile ``file`` (its loaded ``data``).

    ``kinds`` maps each rule code to its declaration (a kind that is not declared is
    left to the caller). Each params mapping is checked against its kind's compiled
    validator; only when one fails are positions taken from ``doc`` (or the file,
    read again) and the messages worded.
    """
    defs = declarations()
    rules = data.get("rules") if isinstance(data, Mapping) else None
    if not isinstance(rules, Mapping):
        return []
    codes: dict[str, Any] = {}
    failed = False
    for code, kind in kinds.items():
        entry = rules.get(code)
        params = entry.get("params") if isinstance(entry, Mapping) else None
        if kind not in defs or params is None:
            continue
        codes[code] = {"properties": {"params": {"$ref": f"#/$defs/{kind}"}}}
        failed = failed or not _validator(kind).is_valid(params)
    if not failed:
        return []
    from iop.lint.schemas import REFERENCE
    from iop.loader import LoadError, load
    from iop.validation.messages import schema_diagnostics
    from iop.validation.schema import SchemaView

    if doc is None:
        try:
            doc = load(file, file.name)
        except LoadError as exc:
            return list(exc.diagnostics)
    view = SchemaView({"properties": {"rules": {"properties": codes}}, "$defs": defs}, reference=REFERENCE)
    return schema_diagnostics(doc, view)
