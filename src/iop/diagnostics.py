"""The one finding type shared by loading, validation, linting and rendering."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from iop.i18n import Text, tr

Severity = Literal["error", "warning", "info"]
PathPart = str | int
SEVERITY_ORDER: dict[str, int] = {"info": 0, "warning": 1, "error": 2}
SEVERITY_NAMES: dict[str, Text] = {
    "error": {"sv": "fel", "en": "error"},
    "warning": {"sv": "varning", "en": "warning"},
    "info": {"sv": "info", "en": "info"},
}


@dataclass(frozen=True)
class Diagnostic:
    """One message about one place in one file.

    ``line`` and ``column`` are 1-based. ``path`` is the place in the agreement
    as keys and 0-based list indexes; ``message`` and ``hint`` carry both languages.
    """

    file: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: Text
    path: tuple[PathPart, ...] = ()
    end_line: int | None = None
    end_column: int | None = None
    hint: Text | None = None
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.rule)


def format_path(path: tuple[PathPart, ...], lang: str | None = None) -> str:
    """A readable place: ``ekonomi › resurser › 2 › belopp_per_år``.

    List positions are shown 1-based, as a reader counts them.
    """
    if not path:
        return tr({"sv": "(dokumentets rot)", "en": "(document root)"}, lang)
    return " › ".join(str(p + 1) if isinstance(p, int) else p for p in path)


def json_pointer(path: tuple[PathPart, ...]) -> str:
    """RFC 6901 pointer for ``path`` (0-based list indexes)."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def worst(diagnostics: list[Diagnostic]) -> str | None:
    """The highest severity among ``diagnostics``, or None."""
    if not diagnostics:
        return None
    return max((d.severity for d in diagnostics), key=SEVERITY_ORDER.__getitem__)
