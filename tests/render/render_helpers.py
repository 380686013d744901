"""Helpers shared by the render tests (imported by name: conftest puts this folder on sys.path)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner, Result

from iop.cli import cli

DATA = Path(__file__).resolve().parent / "data"
CLEAN = DATA / "testkommun-testforeningen.yaml"
INJECTION = DATA / "injektion.yaml"


def run_iop(*args: object) -> Result:
    """``iop ARGS`` in-process through the real click group."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def flat(text: str) -> str:
    """Text with line-end hyphenation and all whitespace removed, for robust containment checks."""
    text = re.sub(r"[\u00ad-]\n", "", text)
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    import pypdf

    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)


@dataclass(frozen=True)
class Rendered:
    """One agreement rendered by ``iop render`` into ``out``."""

    source: Path
    out: Path
    result: Result

    def output(self, fmt: str) -> Path:
        return self.out / f"{self.source.stem}.{fmt}"
