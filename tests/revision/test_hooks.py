"""The pre-commit hooks, run the way another repository runs them, and the example GitHub
workflow checked against the workflow schema that check-jsonschema ships.

pre-commit builds a virtualenv from a clone of this repository's committed HEAD and
installs the package into it with pip, offline: the dependencies come from this
project's venv (the ``offline_hook_env`` fixture), so an environment takes seconds. `pre-commit try-repo` always
builds into a throwaway store, so it runs once here (an invalid and a valid agreement
in one call); the other hooks run with `pre-commit run` from a config pointing at
the same clone, whose environment is built once for the whole module.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from revision_helpers import EXAMPLE, edited, git, init_repo

BIN = Path(sys.executable).parent
MESSY = "id: x\nschemaversion: 1\n"
HOOKS = ("iop-validate", "iop-lint", "iop-fmt", "iop-fmt-check", "iop-version-bump")


@dataclass
class HookRunner:
    source: Path
    ref: str
    env: dict[str, str]

    def try_repo(self, repo: Path, hook: str, *files: str) -> subprocess.CompletedProcess[str]:
        args = [
            str(BIN / "pre-commit"),
            "try-repo",
            str(self.source),
            hook,
            "--ref",
            self.ref,
            "--files",
            *files,
        ]
        return subprocess.run(args, cwd=repo, env=self.env, capture_output=True, text=True, timeout=900)

    def config(self) -> str:
        hooks = "".join(f"      - id: {h}\n" for h in HOOKS)
        return f"repos:\n  - repo: {self.source}\n    rev: {self.ref}\n    hooks:\n{hooks}"

    def run(self, repo: Path, hook: str, *files: str) -> subprocess.CompletedProcess[str]:
        args = [str(BIN / "pre-commit"), "run", hook, "--files", *files]
        return subprocess.run(args, cwd=repo, env=self.env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def hooks(
    repo_root: Path, tmp_path_factory: pytest.TempPathFactory, offline_hook_env: dict[str, str]
) -> Iterator[HookRunner]:
    if not (repo_root / ".git").exists() or shutil.which("git") is None:
        pytest.skip("needs a git checkout of iop")
    base = tmp_path_factory.mktemp("precommit")
    source = base / "iop-src"
    subprocess.run(["git", "clone", "-q", str(repo_root), str(source)], check=True)
    ref = git(source, "rev-parse", "HEAD").strip()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GIT_", "VIRTUAL_ENV"))}
    env.update(
        HOME=str(base / "home"),
        PRE_COMMIT_HOME=str(base / "cache"),
        PATH=f"{BIN}:{env.get('PATH', '/usr/bin:/bin')}",
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
        **offline_hook_env,
    )
    (base / "home").mkdir()
    yield HookRunner(source, ref, env)


@pytest.fixture
def agreements_repo(tmp_path: Path, hooks: HookRunner) -> Path:
    repo = init_repo(tmp_path / "avtal-repo")
    (repo / "agreements").mkdir()
    (repo / "agreements" / "giltig.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(hooks.config(), encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "start")
    return repo


def outcome(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


def test_manifest_and_config_are_valid(repo_root: Path) -> None:
    for command in ("validate-manifest", "validate-config"):
        name = ".pre-commit-hooks.yaml" if command == "validate-manifest" else ".pre-commit-config.yaml"
        result = subprocess.run(
            [str(BIN / "pre-commit"), command, str(repo_root / name)], capture_output=True
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_try_repo_rejects_invalid_and_passes_valid(hooks: HookRunner, agreements_repo: Path) -> None:
    bad = agreements_repo / "agreements" / "ogiltig.yaml"
    bad.write_text(edited(EXAMPLE, lambda r: r.__setitem__("id", "Fel Id")), encoding="utf-8")
    git(agreements_repo, "add", ".")
    tried = hooks.try_repo(
        agreements_repo, "iop-validate", "agreements/giltig.yaml", "agreements/ogiltig.yaml"
    )
    assert tried.returncode == 1, outcome(tried)
    lines = tried.stdout.splitlines()  # findings are grouped under each file's name
    assert "Failed" in tried.stdout and "agreements/ogiltig.yaml" in lines
    assert "agreements/giltig.yaml" not in lines  # the valid one raised nothing
    good = hooks.run(agreements_repo, "iop-validate", "agreements/giltig.yaml")
    assert good.returncode == 0, outcome(good)
    assert "Passed" in good.stdout
    # files outside the agreement folders are not the hook's business
    (agreements_repo / "config.yaml").write_text("nyckel: värde\n", encoding="utf-8")
    git(agreements_repo, "add", ".")
    skipped = hooks.run(agreements_repo, "iop-validate", "config.yaml")
    assert skipped.returncode == 0 and "no files to check" in skipped.stdout


def test_lint_hook_when_iop_lint_exists(
    hooks: HookRunner, agreements_repo: Path, example_files: list[Path]
) -> None:
    if not (hooks.source / "src" / "iop" / "commands" / "lint.py").exists():
        pytest.skip("iop lint is not committed yet")
    # an example the linter currently accepts (the examples and rules evolve separately)
    clean = next(
        (
            p
            for p in example_files
            if subprocess.run([str(BIN / "iop"), "lint", str(p)], capture_output=True).returncode == 0
        ),
        None,
    )
    if clean is None:
        pytest.skip("no example agreement passes iop lint at the moment")
    (agreements_repo / "agreements" / "ren.yaml").write_text(
        clean.read_text(encoding="utf-8"), encoding="utf-8"
    )
    bad = agreements_repo / "agreements" / "ogiltig.yaml"
    bad.write_text(edited(clean, lambda r: r.__setitem__("id", "Fel Id")), encoding="utf-8")
    git(agreements_repo, "add", ".")
    good = hooks.run(agreements_repo, "iop-lint", "agreements/ren.yaml")
    assert good.returncode == 0, outcome(good)
    rejected = hooks.run(agreements_repo, "iop-lint", "agreements/ogiltig.yaml")
    assert rejected.returncode == 1, outcome(rejected)
    assert "agreements/ogiltig.yaml" in rejected.stdout


def test_fmt_hook_fixes_and_then_passes(hooks: HookRunner, agreements_repo: Path) -> None:
    messy = agreements_repo / "agreements" / "rorig.yaml"
    messy.write_text(MESSY, encoding="utf-8")
    git(agreements_repo, "add", ".")
    first = hooks.run(agreements_repo, "iop-fmt", "agreements/rorig.yaml", "agreements/giltig.yaml")
    assert first.returncode == 1, outcome(first)
    assert "files were modified by this hook" in first.stdout
    assert messy.read_text(encoding="utf-8") == "schemaversion: 1\nid: x\n"
    git(agreements_repo, "add", ".")
    second = hooks.run(agreements_repo, "iop-fmt", "agreements/rorig.yaml", "agreements/giltig.yaml")
    assert second.returncode == 0, outcome(second)


def test_version_bump_hook(hooks: HookRunner, agreements_repo: Path) -> None:
    target = agreements_repo / "agreements" / "giltig.yaml"

    def change(root: Any) -> None:
        root["uppföljning"]["gånger_per_år"] += 1

    target.write_text(edited(target, change), encoding="utf-8")
    git(agreements_repo, "add", ".")
    blocked = hooks.run(agreements_repo, "iop-version-bump", "agreements/giltig.yaml")
    assert blocked.returncode == 1, outcome(blocked)
    assert "versionen har inte höjts" in blocked.stdout

    def bump(root: Any) -> None:
        root["version"] += 1
        root["ändringar"].append(
            {"version": root["version"], "datum": "2026-03-01", "sammanfattning": "Tätare."}
        )

    target.write_text(edited(target, bump), encoding="utf-8")
    git(agreements_repo, "add", ".")
    allowed = hooks.run(agreements_repo, "iop-version-bump", "agreements/giltig.yaml")
    assert allowed.returncode == 0, outcome(allowed)


def test_workflow_matches_github_schema(repo_root: Path) -> None:
    workflow = repo_root / ".github" / "workflows" / "iop.yml"
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    text = workflow.read_text(encoding="utf-8")
    for needed in (
        "github/codeql-action/upload-sarif",
        "iop lint --format sarif",
        "--format markdown",
        "iop render",
    ):
        assert needed in text


def test_broken_workflow_is_rejected_by_the_schema(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("name: x\non: push\njobs:\n  a:\n    steps: []\n", encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(broken)],
        capture_output=True,
    )
    assert result.returncode == 1
