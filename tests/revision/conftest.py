"""Make ``revision_helpers`` importable from the tests in this folder (importlib import mode)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)


import pytest  # noqa: E402

from iop import i18n  # noqa: E402


@pytest.fixture(autouse=True)
def swedish() -> Iterator[None]:
    """Each test runs in Swedish, and ``--lang en`` in one test never leaks into another."""
    i18n.set_lang("sv")
    yield
    i18n.set_lang("sv")
