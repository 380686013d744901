"""The JSON Schemas of the linter's own files: rule packs, profiles and repository settings.

``lint/schemas/`` holds one draft 2020-12 schema per kind of file, with Swedish titles
and descriptions (editor hover) and English ones under ``x-en``. A file is read with
the agreement loader (safe YAML: no tags that build objects, bounded size, depth and
aliases) and checked with the agreement validator's messages, so each problem reads
``file:line:column: message hint`` in Swedish or English, with a did-you-mean for a
misspelt key. Each schema is read and compiled once per process.

Checks a schema cannot express (a code defined twice, a pattern that does not
compile, an unknown check) are reported through :func:`finding` in the same form.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from iop.i18n import MessageError, Text, text

if TYPE_CHECKING:
    from iop.datapath import DataPath
    from iop.diagnostics import Diagnostic
    from iop.loader import Document
    from iop.validation.schema import SchemaView

PACK = "regelpaket.schema.json"
PROFILE = "profil.schema.json"
CONFIG = "iop-config.schema.json"
THRESHOLDS = "gransbelopp.schema.json"
REFERENCE: Text = {"sv": "Jämför med lint/README.md.", "en": "Compare with lint/README.md."}
SETTINGS_CODE = "CFG003"
"""The code of a finding in a pack, profile or settings file that no schema keyword covers."""


@cache
def view(name: str) -> SchemaView:
    """The schema ``lint/schemas/<name>`` with its validator, read and compiled once."""
    from iop.assets import asset
    from iop.validation.schema import SchemaView

    loaded = json.loads(asset("lint", "schemas", name).read_text(encoding="utf-8"))
    built = SchemaView(loaded, reference=REFERENCE)
    built.validator()
    return built


def read(file: Path, display: str, what: Text, error: type[MessageError], *, empty_ok: bool = False) -> Document | None:
    """Load ``file`` safely as ``display``; raise ``error`` with the loader's findings.

    ``what`` names the kind of file ("En regelfil") for a top level that is no mapping.
    An empty file is None when ``empty_ok``, else an error.
    """
    from iop.loader import LoadError, load

    try:
        return load(file, display)
    except LoadError as exc:
        found = list(exc.diagnostics)
    if empty_ok and [d.rule for d in found] == ["YAML005"]:
        return None
    raise error(message([_reworded(d, what) for d in found]))


def _reworded(d: Diagnostic, what: Text) -> Diagnostic:
    """A loader finding without its advice for agreements ("compare with agreements/")."""
    from dataclasses import replace

    if d.rule == "YAML006":
        return replace(
            d,
            message=text(f"{what['sv']} ska vara en samling nycklar.", f"{what['en']} must be a mapping of keys."),
            hint=REFERENCE,
        )
    if d.hint and ("agreement" in d.hint["en"].lower() or "iop new" in d.hint["en"]):
        return replace(d, hint=REFERENCE)
    return d


def problems(doc: Document, name: str) -> list[Diagnostic]:
    """Every place where ``doc`` does not follow the schema ``name``."""
    from iop.validation.messages import schema_diagnostics

    schema = view(name)
    if schema.validator().is_valid(doc.data):
        return []
    return sorted(schema_diagnostics(doc, schema), key=lambda d: (d.line, d.column))


def check(doc: Document, name: str, error: type[MessageError]) -> None:
    """Raise ``error`` naming every place where ``doc`` does not follow the schema ``name``."""
    found = problems(doc, name)
    if found:
        raise error(message(found))


def finding(
    doc: Document, path: DataPath, message_: Text, hint: Text | None = None, *, key: bool = False
) -> Diagnostic:
    """A finding at ``path`` in ``doc`` (its key with ``key``) for a check no schema expresses."""
    from iop.diagnostics import Diagnostic

    line, column = doc.locate(path, key=key)
    return Diagnostic(doc.display, line, column, SETTINGS_CODE, "error", message_, path=path, hint=hint)


def suggestion(word: str, known: Sequence[str]) -> Text | None:
    """'Menade du ...?' for the closest of ``known``, or None."""
    from iop.validation.words import did_you_mean

    guess = did_you_mean(word, known)
    return text(f"Menade du '{guess}'?", f"Did you mean '{guess}'?") if guess else None


def message(found: Sequence[Diagnostic]) -> Text:
    """Findings as one two-language message: ``file:line:column: what (hint)`` per line."""
    lines = {
        lang: "\n".join(
            f"{d.file}:{d.line}:{d.column}: {d.message[lang]}" + (f" {d.hint[lang]}" if d.hint else "")
            for d in found
        )
        for lang in ("sv", "en")
    }
    return text(lines["sv"], lines["en"])
