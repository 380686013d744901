"""Nothing planted in the repository under review changes what iop reports or runs code.

A pull request may commit anything: here a forged "no findings" result where the
old result cache lived (``.iop-cache/lint/``, under the very key and layout iop uses)
and pickles where compiled rules were once kept, one of which would create a
marker file when unpickled. ``iop lint`` (with and without ``--no-cache``) and
``iop render`` must still report the LOU104 error, exit 1, and never run the
pickle; and linting leaves the working tree as it found it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from iop.lint.cache import FORMAT, LintCache, environment_key
from iop.lint.config import LintConfig

from .conftest import dump, merge

PRICED = "Ersättningen är 950 kr per deltagare och vecka."


def _pickle_that_touches(marker: Path) -> bytes:
    """Protocol-0 pickle bytes that call ``os.system('touch MARKER')`` when loaded (written by hand)."""
    return f"cos\nsystem\n(S'touch {marker}'\ntR.".encode()


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@e"
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def hostile_repo(tmp_path_factory: pytest.TempPathFactory, base_data: dict[str, Any]) -> tuple[Path, Path]:
    """A committed repository with a priced agreement, a forged result and planted pickles."""
    if shutil.which("git") is None:
        pytest.skip("git behövs för testet (installera git)")
    repo = tmp_path_factory.mktemp("granskas")
    marker = tmp_path_factory.mktemp("markör") / "koden-kördes"
    agreement = repo / "avtal.yaml"
    agreement.write_text(dump(merge(base_data, {"bakgrund": PRICED})), encoding="utf-8")
    raw = agreement.read_bytes()
    planted = repo / ".iop-cache"
    for profile in (None, "bas"):
        forged = LintCache(planted, environment_key(profile, LintConfig().fingerprint()))
        forged.entry(raw).parent.mkdir(parents=True, exist_ok=True)
        forged.entry(raw).write_text(json.dumps({"format": FORMAT, "diagnostics": []}))
        assert forged.get(raw, "avtal.yaml") == []  # a cache that read it would report nothing
    rules = planted / "rules"
    rules.mkdir()
    payload = _pickle_that_touches(marker)
    blob = b"iop compiled text rules\n" + hashlib.sha256(payload).digest() + payload
    for name in ("compiled", hashlib.sha256(b"x").hexdigest()):
        (rules / f"{name}.pickle").write_bytes(blob)
        (rules / f"{name}-raw.pickle").write_bytes(payload)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "pull request")
    return repo, marker


def _run(iop_exe: str, repo: Path, *args: str, cache: Path | None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("IOP_CACHE_DIR", None)
    env.pop("CI", None)
    if cache is not None:
        env["IOP_CACHE_DIR"] = str(cache)
    else:
        env["XDG_CACHE_HOME"] = str(repo.parent / f"{repo.name}-home-cache")
    return subprocess.run([iop_exe, *args], cwd=repo, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("cache", ["private", "user-default"])
def test_planted_result_and_pickle_change_nothing(
    iop_exe: str, hostile_repo: tuple[Path, Path], tmp_path: Path, cache: str
) -> None:
    repo, marker = hostile_repo
    folder = tmp_path / "cache" if cache == "private" else None
    for args in (("lint", "avtal.yaml"), ("lint", "avtal.yaml"), ("lint", "--no-cache", "avtal.yaml")):
        done = _run(iop_exe, repo, *args, cache=folder)
        assert done.returncode == 1, done.stdout + done.stderr
        assert "LOU104" in done.stdout
        assert not marker.exists()
    assert _git(repo, "status", "--porcelain", "--ignored") == ""
    out = tmp_path / "ut"
    done = _run(iop_exe, repo, "render", "avtal.yaml", "--out", str(out), cache=folder)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "LOU104" in done.stdout + done.stderr
    assert not marker.exists()
    assert _git(repo, "status", "--porcelain", "--ignored") == ""
