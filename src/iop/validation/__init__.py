"""Validate a loaded agreement: JSON Schema errors plus cross-field checks.

``validate(doc)`` returns diagnostics sorted by position; ``check_file(path)``
also turns load errors (YAML001–YAML010) into diagnostics.
"""

from __future__ import annotations

from pathlib import Path

from iop.diagnostics import Diagnostic, PathPart
from iop.loader import Document, LoadError, load


def validate(doc: Document) -> list[Diagnostic]:
    """Schema errors (SCH001–SCH009) and cross-field errors (SCH050–) for ``doc``, by position.

    In a draft (``status: utkast``) missing and empty values are warnings, with one
    summary (SCH063) of what remains.

    Where the schema already reports a place, a cross-field check at the same
    place is left out, so each place gets one message.
    """
    from iop.validation.crossfield import crossfield_diagnostics
    from iop.validation.messages import schema_diagnostics
    from iop.validation.status import soften_draft

    found = schema_diagnostics(doc)
    places = {d.path for d in found}
    found.extend(d for d in crossfield_diagnostics(doc) if not _explained(d.path, places))
    found = soften_draft(found, doc.data, doc.display, doc.locate(("status",)))
    return sorted(found, key=Diagnostic.sort_key)


def _explained(path: tuple[PathPart, ...], places: set[tuple[PathPart, ...]]) -> bool:
    """A schema message at ``path`` or inside it already explains what is wrong there."""
    return any(place[: len(path)] == path for place in places)


def check_file(path: Path, display: str | None = None) -> list[Diagnostic]:
    """Load and validate one file; load problems come back as diagnostics too."""
    try:
        return validate(load(path, display))
    except LoadError as exc:
        return list(exc.diagnostics)
    except Exception as exc:  # a bug in iop: a finding for this file; the batch goes on
        from iop.internal import internal_finding

        return [internal_finding(display or path, exc)]


__all__ = ["check_file", "validate"]
