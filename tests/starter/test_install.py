"""``make install`` puts this clone's ``iop`` on a PATH folder; the command follows the clone."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from iop import __version__


def test_make_install_links_the_command(repo_root: Path, tmp_path: Path) -> None:
    if shutil.which("make") is None or not (repo_root / ".venv" / ".installed").exists():
        pytest.skip("needs make and a set-up checkout (make setup)")
    env = {**os.environ, "MAKEFLAGS": ""}
    done = subprocess.run(
        ["make", "-s", "-C", str(repo_root), "install", f"PREFIX={tmp_path}"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    link = tmp_path / "bin" / "iop"
    assert link.resolve() == (repo_root / ".venv" / "bin" / "iop").resolve()
    shown = subprocess.run([str(link), "--version"], capture_output=True, text=True, timeout=60, check=False)
    assert shown.stdout.strip() == f"iop, version {__version__}"
