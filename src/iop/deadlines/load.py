"""Load agreements for the deadline commands: each file gives a term or diagnostics."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from iop.deadlines.terms import Term, TermError, read_term
from iop.diagnostics import Diagnostic
from iop.loader import Document, LoadError, load


@dataclass
class Loaded:
    """One agreement file: its document and term, or why it has none."""

    path: Path
    doc: Document | None = None
    term: Term | None = None
    problems: list[Diagnostic] = field(default_factory=list)


def load_terms(paths: Iterable[Path]) -> list[Loaded]:
    """Load and read the term of every file; problems are kept, never raised."""
    out: list[Loaded] = []
    for path in paths:
        item = Loaded(path)
        try:
            item.doc = load(path)
            item.term = read_term(item.doc)
        except LoadError as exc:
            item.problems = list(exc.diagnostics)
        except TermError as exc:
            item.problems = list(exc.diagnostics)
        out.append(item)
    return out
