"""Fixtures of the deadline tests (helpers live in ``deadline_helpers``)."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from deadline_helpers import run_iop  # noqa: E402

__all__ = ["run_iop"]
