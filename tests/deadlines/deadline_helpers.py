"""Shared helpers: example agreements changed in a temporary folder, and running ``iop`` in-process."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "agreements"


def variant(tmp: Path, name: str, *replacements: tuple[str, str], stem: str | None = None) -> Path:
    """A copy of example ``name`` with each ``(old, new)`` text replaced exactly once."""
    source = (EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8")
    for old, new in replacements:
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    target = tmp / f"{stem or name}.yaml"
    target.write_text(source, encoding="utf-8")
    return target


Runner = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run_iop(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Runner:
    """Run ``iop ARGS`` through its console entry point in this process: (exit code, stdout, stderr)."""
    from iop.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["iop", *args])
        with pytest.raises(SystemExit) as exc:
            main()
        captured = capsys.readouterr()
        code = exc.value.code
        return (code if isinstance(code, int) else 1), captured.out, captured.err

    return run
