"""Fixtures for the render tests: outputs rendered once per session and shared.

Sources are copied into a temporary folder outside the git work tree, so the
outputs do not depend on commits other people make while the tests run.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from iop import i18n

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from render_helpers import CLEAN, INJECTION, Rendered, run_iop  # noqa: E402


@pytest.fixture(autouse=True)
def _swedish_again() -> Iterator[None]:
    yield
    i18n.set_lang("sv")


def _render(tmp: Path, source: Path, *extra: str) -> Rendered:
    src = tmp / "src" / source.name
    src.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, src)
    out = tmp / "out"
    result = run_iop("render", src, "--to", "pdf,docx,html", "--out", out, *extra)
    return Rendered(src, out, result)


@pytest.fixture(scope="session")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The clean test agreement rendered to all three formats (a signing copy)."""
    return _render(tmp_path_factory.mktemp("clean"), CLEAN)


@pytest.fixture(scope="session")
def injection(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The hostile agreement rendered to all three formats as a draft."""
    return _render(tmp_path_factory.mktemp("injection"), INJECTION, "--draft")


