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
    errors, warnings, infos = counts["error"], counts["warning"], counts["info"]
    if lang == "en":
        return (
            f"{_n(errors, 'error', 'errors')}, {_n(warnings, 'warning', 'warnings')}, "
            f"{_n(infos, 'note', 'notes')}; {_n(files, 'file', 'files')} checked, {bad_files} with errors."
        )
    return (
        f"{errors} fel, {_n(warnings, 'varning', 'varningar')}, {infos} info; "
        f"{_n(files, 'fil kontrollerad', 'filer kontrollerade')}, {bad_files} med fel."
    )


def _n(count: int, one: str, many: str) -> str:
    """``1 varning`` / ``2 varningar``."""
    return f"{count} {one if count == 1 else many}"


_SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def format_grouped(
    groups: Sequence[tuple[str, Sequence[Diagnostic]]],
    files: int,
    *,
    lang: str | None = None,
    colour: bool = False,
) -> str:
    """Findings grouped under each file's name, then one summary line.

    ``colour`` adds terminal colours (only ask for it when stdout is a terminal).
    """
    import click

    lang = lang or current()
    place_label = "plats" if lang == "sv" else "place"
    hint_label = "åtgärd" if lang == "sv" else "fix"

    def style(value: str, **kwargs: object) -> str:
        return click.style(value, **kwargs) if colour else value  # type: ignore[arg-type]

    out: list[str] = []
    everything: list[Diagnostic] = []
    for name, diagnostics in groups:
        if not diagnostics:
            continue
        everything.extend(diagnostics)
        out.append(style(name, bold=True, underline=True))
        for d in diagnostics:
            severity = tr(SEVERITY_NAMES[d.severity], lang)
            out.append(
                f"  {d.line}:{d.column}  {style(f'{severity:<8}', fg=_SEVERITY_COLOURS[d.severity], bold=True)}"
                f"{style(d.rule, bold=True)}  {tr(d.message, lang)}"
            )
            out.append(style(f"      {place_label}: {format_path(d.path, lang)}", dim=True))
            if d.hint:
                out.append(style(f"      {hint_label}: {tr(d.hint, lang)}", dim=True))
        out.append("")
    line = summary(everything, files, lang)
    worst = next((s for s in ("error", "warning", "info") if any(d.severity == s for d in everything)), None)
    out.append(style(line, fg=_SEVERITY_COLOURS[worst], bold=True) if worst else style(line, fg="green"))
    return "\n".join(out)
