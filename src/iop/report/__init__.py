"""Reporters turn diagnostics into text for people or machines: one registry for every command.

``REPORTERS`` maps each ``--format`` name to its reporter; ``iop validate`` and
``iop lint`` both offer exactly these formats.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from iop.diagnostics import Diagnostic

if TYPE_CHECKING:
    from iop.lint.rules import Rule


@dataclass(frozen=True)
class Report:
    """What a reporter is given: the findings per file in input order, and their context."""

    groups: Sequence[tuple[str, Sequence[Diagnostic]]]
    """(file as shown, its findings) for every checked file."""
    rules: Mapping[str, Rule] = field(default_factory=dict)
    """Rule descriptions (SARIF); a finding of an unknown code gets a short description."""
    root: Path = field(default_factory=Path.cwd)
    """The folder file paths are made relative to (SARIF)."""
    colour: bool = False
    """Terminal colours (text), only when writing to a terminal."""

    @property
    def findings(self) -> list[Diagnostic]:
        """Every finding, file by file."""
        return [d for _, diagnostics in self.groups for d in diagnostics]

    @property
    def files(self) -> int:
        """The number of checked files."""
        return len(self.groups)


def _text(report: Report) -> str:
    from iop.report.text import format_grouped

    return format_grouped(report.groups, report.files, colour=report.colour)


def _json(report: Report) -> str:
    from iop.report.json import render

    return render(report.findings, report.files)


def _sarif(report: Report) -> str:
    from iop import __version__
    from iop.report.sarif import render

    return render(report.findings, report.rules, root=report.root, version=__version__)


def _github(report: Report) -> str:
    from iop.report.github import render

    return render(report.findings)


Reporter = Callable[[Report], str]
REPORTERS: Mapping[str, Reporter] = {"text": _text, "json": _json, "sarif": _sarif, "github": _github}
"""Every output format by its ``--format`` name; the first is the default."""
FORMATS: tuple[str, ...] = tuple(REPORTERS)


def render(fmt: str, report: Report) -> str:
    """The report in format ``fmt`` (one of :data:`FORMATS`)."""
    return REPORTERS[fmt](report)
