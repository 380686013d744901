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

from iop.i18n import Text, text

if TYPE_CHECKING:
    from iop.diagnostics import Diagnostic
    from iop.lint.rules import Rule

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


def problems(file: Path, data: Any, kinds: Mapping[str, str]) -> list[Diagnostic]:
    """Findings for ``rules.CODE.params`` in a pack or profile ``file`` (its loaded ``data``).

    ``kinds`` maps each rule code to its declaration. Positions come from reading
    the file again, only when something is wrong.
    """
    from iop.validation.schema import SchemaView

    defs = declarations()
    codes = {
        code: {"properties": {"params": {"$ref": f"#/$defs/{kind}"}}}
        for code, kind in kinds.items()
        if kind in defs
    }
    view = SchemaView({"properties": {"rules": {"properties": codes}}, "$defs": defs})
    if next(iter(view.iter_errors(data)), None) is None:
        return []
    from iop.loader import LoadError, loads
    from iop.validation.messages import schema_diagnostics

    try:
        doc = loads(file.read_bytes(), file.name)
    except (OSError, LoadError):
        return []
    return schema_diagnostics(doc, view)


def message(found: list[Diagnostic]) -> Text:
    """The findings as one two-language message: ``file:line:column: what (hint)`` each."""
    lines = {
        lang: "\n".join(
            f"{d.file}:{d.line}:{d.column}: {d.message[lang]}" + (f" {d.hint[lang]}" if d.hint else "")
            for d in found
        )
        for lang in ("sv", "en")
    }
    return text(lines["sv"], lines["en"])
