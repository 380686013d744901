"""Shared fixtures: the repository, its example agreements and the installed command."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def example_files() -> list[Path]:
    files = sorted((REPO / "agreements").glob("*.yaml"))
    assert files, "agreements/ has no example agreements"
    return files


@pytest.fixture(scope="session")
def iop_exe() -> str:
    """Path of the installed ``iop`` console command (beside this interpreter)."""
    candidate = Path(sys.executable).parent / "iop"
    found = str(candidate) if candidate.exists() else shutil.which("iop")
    assert found, "the iop command is not installed"
    return found


@pytest.fixture(autouse=True)
def _swedish_by_default() -> object:
    """Every test starts in Swedish: ``--lang en`` in one test must not leak into the next."""
    from iop import i18n

    i18n.set_lang("sv")
    yield
    i18n.set_lang("sv")
