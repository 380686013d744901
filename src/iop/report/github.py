"""GitHub Actions workflow commands: ``::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message``.

GitHub shows each line as an annotation on the pull request's diff. Info
findings become ``::notice``.
"""

from __future__ import annotations

from collections.abc import Sequence

from iop.diagnostics import Diagnostic
from iop.i18n import tr

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic, lang: str | None = None) -> str:
    """One workflow command for one finding."""
    props = [f"file={_escape_property(d.file)}", f"line={d.line}", f"col={d.column}"]
    if d.end_line is not None:
        props.append(f"endLine={d.end_line}")
    if d.end_column is not None and (d.end_line is None or d.end_line == d.line):
        props.append(f"endColumn={d.end_column}")
    props.append(f"title={_escape_property(d.rule)}")
    message = tr(d.message, lang)
    if d.hint:
        message = f"{message}\n{tr(d.hint, lang)}"
    return f"::{_LEVEL[d.severity]} {','.join(props)}::{_escape_data(message)}"


def render(diagnostics: Sequence[Diagnostic], lang: str | None = None) -> str:
    """All annotations, one per line."""
    return "\n".join(annotation(d, lang) for d in diagnostics)
