"""A municipality's first day, end to end and offline: install the built wheel into a fresh
venv, ``iop init``, ``iop new`` into a missing folder, commit through the pinned hooks
(a draft with blanks is blocked, a complete agreement passes), ``iop render``, and
nothing to commit afterwards.

Offline: the fresh venv and pre-commit's hook environment get iop itself from this
tree (the wheel; the hook repository cloned at the release tag) and its dependencies
from this project's venv (a ``.pth`` file; ``offline_hook_env`` for the hooks).
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from iop import __version__

BIN = Path(sys.executable).parent
DEPS = sysconfig.get_paths()["purelib"]
EXAMPLE = Path(__file__).resolve().parents[2] / "agreements" / "linkoping-brottsofferjouren.yaml"
PARTS = (
    "--part",
    "kommunen:Linköpings kommun:offentlig:212000-0142",
    "--part",
    "laxhjalpen:Läxhjälpen:idéburen:802000-0009",
)


def run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)


def fresh_venv(where: Path, wheel: Path) -> Path:
    """A new venv with the wheel installed (no index); dependencies from this venv."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
    site = Path(sysconfig.get_paths(vars={"base": str(where), "platbase": str(where)})["purelib"])
    (site / "iop-test-deps.pth").write_text(DEPS + "\n", encoding="utf-8")
    pip = [sys.executable, "-m", "pip", "--python", str(where / "bin" / "python")]
    installed = subprocess.run(
        [*pip, "install", "-q", "--no-deps", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    return where / "bin"


def test_first_day(
    tmp_path: Path, iop_wheel: Path, repo_root: Path, offline_hook_env: dict[str, str]
) -> None:
    if not (repo_root / ".git").exists():
        pytest.skip("needs a git checkout of iop (the hooks are cloned from it)")
    venv_bin = fresh_venv(tmp_path / "venv", iop_wheel)
    hooks_repo = tmp_path / "iop-src"
    subprocess.run(["git", "clone", "-q", str(repo_root), str(hooks_repo)], check=True)
    subprocess.run(["git", "-C", str(hooks_repo), "tag", "-f", f"v{__version__}", "HEAD"], check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GIT_", "VIRTUAL_ENV"))}
    env.pop("PYTHONPATH", None)
    (tmp_path / "home").mkdir()
    env.update(
        HOME=str(tmp_path / "home"),
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit"),
        PATH=f"{venv_bin}{os.pathsep}{BIN}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}",
        GIT_AUTHOR_NAME="Samordnaren",
        GIT_AUTHOR_EMAIL="iop@example.org",
        GIT_COMMITTER_NAME="Samordnaren",
        GIT_COMMITTER_EMAIL="iop@example.org",
        IOP_LANG="sv",
    )
    iop = str(venv_bin / "iop")

    # the installed command runs from the wheel, with its own copy of the assets
    where = run(
        [str(venv_bin / "python"), "-c", "import iop.assets; print(iop.assets.asset_root())"], tmp_path, env
    )
    assert Path(where.stdout.strip()).is_relative_to(tmp_path / "venv"), where.stdout + where.stderr

    repo = tmp_path / "avtal"
    started = run(
        [iop, "init", str(repo), "--profile", "orebro", "--hooks-repo", str(hooks_repo)], tmp_path, env
    )
    assert started.returncode == 0, started.stdout + started.stderr
    assert f"rev: v{__version__}" in (repo / ".pre-commit-config.yaml").read_text(encoding="utf-8")

    draft = repo / "agreements" / "2027" / "laxhjalp.yaml"
    made = run([iop, "new", "--no-input", "--titel", "IOP om läxhjälp", *PARTS, "-o", str(draft)], repo, env)
    assert made.returncode == 0, made.stderr
    assert draft.is_file()

    assert run([str(BIN / "pre-commit"), "install"], repo, env).returncode == 0
    hook_env = {**env, **offline_hook_env}
    assert run(["git", "add", "-A"], repo, env).returncode == 0
    blocked = run(["git", "commit", "-m", "Utkast"], repo, hook_env)
    said = blocked.stdout + blocked.stderr  # git shows the hooks' output on stderr
    assert blocked.returncode != 0, said
    assert "iop lint" in said and "Failed" in said, said
    assert "agreements/2027/laxhjalp.yaml" in said and "SCH006" in said
    assert run(["git", "rev-parse", "-q", "--verify", "HEAD"], repo, env).returncode != 0

    draft.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")  # filled in
    assert run(["git", "add", "-A"], repo, env).returncode == 0
    passed = run(["git", "commit", "-m", "Första överenskommelsen"], repo, hook_env)
    said = passed.stdout + passed.stderr
    assert passed.returncode == 0, said
    assert "Failed" not in said and said.count("Passed") == 3, said

    rendered = run([iop, "render", "agreements"], repo, env)
    assert rendered.returncode == 0, rendered.stdout + rendered.stderr
    assert (repo / "build" / "laxhjalp.pdf").read_bytes().startswith(b"%PDF-")
    linted = run([iop, "lint", "agreements"], repo, env)
    assert linted.returncode == 0, linted.stdout
    status = run(["git", "status", "--porcelain", "--untracked-files=all"], repo, env)
    assert status.returncode == 0 and status.stdout == "", status.stdout
