"""Helpers for the import tests: run ``iop`` in-process through its real entry point."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pytest


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def iop(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Call ``iop ARGS`` as the console script does (exit code, stdout, stderr)."""
    from iop.cli import main

    def run(*args: object) -> Run:
        monkeypatch.setattr(sys, "argv", ["iop", *(str(a) for a in args)])
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
