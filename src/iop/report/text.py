"""Human-readable report: ``file:line:col: severity CODE message`` with place and hint."""

from __future__ import annotations

from collections.abc import Sequence

from iop.diagnostics import SEVERITY_NAMES, Diagnostic, format_path
from iop.i18n import current, tr


def format_diagnostic(d: Diagnostic, lang: str | None = None) -> str:
    lang = lang or current()
    head = (
        f"{d.file}:{d.line}:{d.column}: {tr(SEVERITY_NAMES[d.severity], lang)} {d.rule} {tr(d.message, lang)}"
    )
    place_label = "plats" if lang == "sv" else "place"
    lines = [head, f"    {place_label}: {format_path(d.path, lang)}"]
    if d.hint:
        hint_label = "åtgärd" if lang == "sv" else "fix"
        lines.append(f"    {hint_label}: {tr(d.hint, lang)}")
    return "\n".join(lines)


def summary(diagnostics: Sequence[Diagnostic], files: int, lang: str | None = None) -> str:
    lang = lang or current()
    counts = {s: sum(1 for d in diagnostics if d.severity == s) for s in ("error", "warning", "info")}
    bad_files = len({d.file for d in diagnostics if d.severity == "error"})
    if lang == "en":
        return (
            f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} note(s); "
            f"{files} file(s) checked, {bad_files} with errors."
        )
    return (
        f"{counts['error']} fel, {counts['warning']} varningar, {counts['info']} info; "
        f"{files} filer kontrollerade, {bad_files} med fel."
    )
