"""The gate before a signing copy: validation and linting must find no errors."""

from __future__ import annotations

import importlib

from iop.diagnostics import Diagnostic
from iop.loader import Document


def findings(doc: Document) -> list[Diagnostic]:
    """All findings for ``doc``: the lint engine (which includes validation), else validation alone."""
    try:
        engine = importlib.import_module("iop.lint.engine")
    except ImportError:
        from iop.validation import validate

        return validate(doc)
    found: list[Diagnostic] = engine.lint_document(doc)
    return found


def blocking(found: list[Diagnostic]) -> list[Diagnostic]:
    """The findings that stop a signing copy: errors."""
    return [d for d in found if d.severity == "error"]
