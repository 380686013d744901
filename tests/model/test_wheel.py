"""A built wheel carries the schema and the rule packs, and finds them when installed."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def wheel(iop_wheel: Path) -> Path:
    return iop_wheel


def test_wheel_contains_schema_and_rule_packs(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "iop/_assets/schema/iop-overenskommelse.schema.json" in names
    assert "iop/_assets/schema/referens.yaml" in names
    assert "iop/_assets/lint/rules/schema.yaml" in names
    assert "iop/validation/__init__.py" in names
    assert "iop/commands/validate.py" in names
    assert "iop/_assets/init/pre-commit-config.yaml" in names
    assert "iop/_assets/render/signing.typst" in names


def test_unpacked_wheel_finds_its_own_assets(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import iop.assets, iop.validation, pathlib;"
        "p = iop.assets.schema_path(); print(p);"
        "doc = pathlib.Path(p).parent / 'referens.yaml';"
        "print(len(iop.validation.check_file(doc)))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    schema_line, count = result.stdout.split()
    assert Path(schema_line).is_relative_to(site / "iop" / "_assets")
    assert count == "0"
