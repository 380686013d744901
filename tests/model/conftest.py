"""Fixtures for the agreement model tests: the reference agreement and a checker."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from iop.diagnostics import Diagnostic
from iop.validation import check_file

REFERENS = Path(__file__).resolve().parents[2] / "schema" / "referens.yaml"
HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:  # test modules import the shared contract (model_contract.py)
    sys.path.insert(0, HERE)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    return yaml


@pytest.fixture
def referens() -> Any:
    """A fresh round-trip copy of schema/referens.yaml to mutate."""
    return _yaml().load(REFERENS.read_text(encoding="utf-8"))


Checker = Callable[[Any], list[Diagnostic]]


@pytest.fixture
def check(tmp_path: Path) -> Checker:
    """Write a mapping (or raw text/bytes) to a file and return its diagnostics."""
    counter = [0]

    def run(content: Any) -> list[Diagnostic]:
        counter[0] += 1
        target = tmp_path / f"avtal{counter[0]}.yaml"
        if isinstance(content, bytes):
            target.write_bytes(content)
        elif isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            buf = io.StringIO()
            _yaml().dump(content, buf)
            target.write_text(buf.getvalue(), encoding="utf-8")
        return check_file(target)

    return run
