"""A built wheel carries the schema and the rule packs, and finds them when installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

SOURCES = ("pyproject.toml", "setup.py", "README.md", "src", "schema", "lint", "render")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> Path:
    """Build the wheel from a copy of the tree (keeps build/ out of the shared checkout).

    With build isolation, as a user would: the venv's own setuptools may be too old for the
    PEP 639 license field.
    """
    work = tmp_path_factory.mktemp("wheel")
    tree = work / "tree"
    tree.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in SOURCES:
        src = repo_root / name
        if src.is_dir():
            shutil.copytree(src, tree / name, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, tree / name)
    out = work / "dist"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(tree)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("iop-*.whl")
    return built


def test_wheel_contains_schema_and_rule_packs(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "iop/_assets/schema/iop-overenskommelse.schema.json" in names
    assert "iop/_assets/schema/referens.yaml" in names
    assert "iop/_assets/lint/rules/schema.yaml" in names
    assert "iop/validation/__init__.py" in names
    assert "iop/commands/validate.py" in names


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
