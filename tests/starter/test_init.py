"""iop init: a ready repository for agreements, idempotent, never overwriting by default."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from iop import __version__
from iop.cli import cli
from iop.loader import load
from iop.starter.hooks import HookSource, release_tag

BIN = Path(sys.executable).parent
HOOKS = ["--hooks-repo", "https://git.example.org/iop.git"]
EXPECTED = {
    "agreements/.gitkeep",
    ".gitignore",
    ".pre-commit-config.yaml",
    ".iop.yaml",
    ".vscode/settings.json",
    ".vscode/extensions.json",
    ".github/workflows/iop.yml",
    "schema/iop-overenskommelse.schema.json",
    "schema/iop-config.schema.json",
    "README.md",
}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), prog_name="iop")
    return result.exit_code, result.output


def files_in(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(root).parts[:1]
    }


def test_creates_every_file_and_a_second_run_changes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "avtal"
    code, out = run("init", str(root), "--profile", "orebro", *HOOKS)
    assert code == 0, out
    first = files_in(root)
    assert set(first) == EXPECTED
    assert (root / ".git").is_dir()  # git init when not inside a repository
    assert "skapade    .pre-commit-config.yaml" in out and "pre-commit install" in out
    config = load(root / ".pre-commit-config.yaml").data
    (repo,) = config["repos"]
    assert repo["repo"] == "https://git.example.org/iop.git" and repo["rev"] == f"v{__version__}"
    assert [h["id"] for h in repo["hooks"]] == ["iop-lint", "iop-fmt", "iop-version-bump"]
    assert load(root / ".iop.yaml").data == {"profile": "orebro"}
    code, again = run("init", str(root), "--profile", "orebro", *HOOKS)
    assert code == 0 and "skapade" not in again and again.count("oförändrad") == len(EXPECTED)
    assert files_in(root) == first


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("egen/\n", encoding="utf-8")
    (tmp_path / ".iop.yaml").write_text("profile: malmo\n", encoding="utf-8")
    code, out = run("init", str(tmp_path), *HOOKS)
    assert code == 0
    assert "behöll     .gitignore" in out and "2 fil(er) fanns redan" in out
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "egen/\n"
    assert (tmp_path / ".iop.yaml").read_text(encoding="utf-8") == "profile: malmo\n"
    code, out = run("init", str(tmp_path), "--force", *HOOKS)
    assert code == 0 and "skrev över .gitignore" in out
    assert "build/" in (tmp_path / ".gitignore").read_text(encoding="utf-8")


def test_editor_schema_resolves_inside_the_repository(tmp_path: Path) -> None:
    run("init", str(tmp_path), *HOOKS)
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    ((schema, globs), (config_schema, config_globs)) = settings["yaml.schemas"].items()
    assert (tmp_path / schema).resolve().is_file() and "agreements/**/*.yaml" in globs
    assert config_globs == [".iop.yaml"]
    config = json.loads((tmp_path / config_schema).read_text(encoding="utf-8"))
    assert set(config["properties"]) == {"profile", "fail-on", "disable", "severity", "cache"}
    copy = json.loads((tmp_path / schema).read_text(encoding="utf-8"))
    assert copy["title"] and "properties" in copy
    target = tmp_path / "agreements" / "ny" / "x.yaml"
    code, out = run("new", "--no-input", "-o", str(target))
    assert code == 0, out
    first = target.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/iop-overenskommelse.schema.json"
    assert (target.parent / first.split("=", 1)[1]).resolve() == (tmp_path / schema).resolve()


def test_gitignore_keeps_build_output_and_caches_out(tmp_path: Path) -> None:
    run("init", str(tmp_path), *HOOKS)
    for path in ("build/x.pdf", ".iop-cache/lint/a", "dist/iop.whl", "iop-lint.sarif", "a/__pycache__/b.pyc"):
        ignored = subprocess.run(["git", "-C", str(tmp_path), "check-ignore", "-q", path], check=False)
        assert ignored.returncode == 0, path
    kept = subprocess.run(
        ["git", "-C", str(tmp_path), "check-ignore", "-q", "agreements/x.yaml"], check=False
    )
    assert kept.returncode == 1


def test_generated_config_and_workflow_are_valid(tmp_path: Path) -> None:
    run("init", str(tmp_path), *HOOKS)
    config = subprocess.run(
        [str(BIN / "pre-commit"), "validate-config", str(tmp_path / ".pre-commit-config.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert config.returncode == 0, config.stdout + config.stderr
    workflow = tmp_path / ".github" / "workflows" / "iop.yml"
    checked = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    data = load(workflow).data
    assert data["env"]["IOP_PACKAGE"] == f"git+https://git.example.org/iop.git@v{__version__}"
    assert data["jobs"]["diff"]["if"] == "github.event_name == 'pull_request'"
    assert data["jobs"]["signing-copies"]["if"] == "github.event_name == 'push'"
    steps = " ".join(str(s.get("run", "")) for job in data["jobs"].values() for s in job["steps"])
    for command in ("iop validate", "iop lint --format sarif", "iop diff --git", "iop render"):
        assert command in steps, command


def test_unknown_profile_and_file_as_folder_are_usage_errors(tmp_path: Path) -> None:
    code, out = run("init", str(tmp_path), "--profile", "uppsala", *HOOKS)
    assert code == 2 and "Okänd profil 'uppsala'" in out and "orebro" in out
    (tmp_path / "fil").write_text("", encoding="utf-8")
    code, out = run("init", str(tmp_path / "fil"), *HOOKS)
    assert code == 2 and "Fel:" in out
    assert not (tmp_path / ".gitignore").exists()


@pytest.mark.parametrize(
    ("source", "package"),
    [
        (HookSource("https://h.example/iop", "v1"), "git+https://h.example/iop@v1"),
        (HookSource("git+https://h.example/iop", "abc"), "git+https://h.example/iop@abc"),
        (HookSource("/srv/iop", "v1"), "git+file:///srv/iop@v1"),
    ],
)
def test_ci_installs_the_same_release(source: HookSource, package: str) -> None:
    assert source.package == package


def test_this_checkout_pins_its_release_tag_or_commit(repo_root: Path) -> None:
    from iop.starter.hooks import _checkout_source

    found = _checkout_source(repo_root)
    if not (repo_root / ".git").exists():
        pytest.skip("needs a git checkout of iop")
    assert found is not None and found.repo == str(repo_root)
    tag = subprocess.run(
        ["git", "-C", str(repo_root), "rev-parse", "-q", "--verify", f"refs/tags/{release_tag()}"],
        capture_output=True,
        check=False,
    )
    if tag.returncode == 0:
        assert found.rev == release_tag()
    else:
        head = subprocess.run(
            ["git", "-C", str(repo_root), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        )
        assert found.rev == head.stdout.strip()
