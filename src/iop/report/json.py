"""JSON report: ``{"findings": [{file, line, column, end_line, end_column, path, rule, severity, message}]}``."""

from __future__ import annotations

import json
from collections.abc import Sequence

from iop.diagnostics import Diagnostic, json_pointer
from iop.i18n import tr


def finding(d: Diagnostic, lang: str | None = None) -> dict[str, object]:
    """One finding as a JSON object; ``path`` is a JSON Pointer (RFC 6901)."""
    return {
        "file": d.file,
        "line": d.line,
        "column": d.column,
        "end_line": d.end_line,
        "end_column": d.end_column,
        "path": json_pointer(d.path),
        "rule": d.rule,
        "severity": d.severity,
        "message": tr(d.message, lang),
        "hint": tr(d.hint, lang) if d.hint else None,
    }


def render(diagnostics: Sequence[Diagnostic], files: int, lang: str | None = None) -> str:
    """The whole report as indented JSON (UTF-8 text, å/ä/ö kept)."""
    counts = {s: sum(1 for d in diagnostics if d.severity == s) for s in ("error", "warning", "info")}
    payload = {
        "findings": [finding(d, lang) for d in diagnostics],
        "summary": {"files": files, **counts},
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
