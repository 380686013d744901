"""The gate before a signing copy: validation and linting must find no errors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from iop.diagnostics import Diagnostic
from iop.loader import Document

if TYPE_CHECKING:
    from iop.lint.ruleset import RuleSet


def findings(doc: Document, ruleset: RuleSet | None = None) -> list[Diagnostic]:
    """All findings for ``doc`` by the lint engine, which includes validation (no cache is read).

    Pass the process's rule set when gating several agreements; without one it is built here.
    """
    from iop.lint.document import lint_document
    from iop.lint.ruleset import RuleSet

    return lint_document(doc, ruleset or RuleSet.load())


def blocking(found: list[Diagnostic]) -> list[Diagnostic]:
    """The findings that stop a signing copy: errors."""
    return [d for d in found if d.severity == "error"]
