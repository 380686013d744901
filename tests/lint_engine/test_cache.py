"""The result cache: hits on unchanged input, misses on any change, corrupt entries ignored,
and only ever in a private folder outside the tree under review."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from iop.cli import cli
from iop.lint.batch import POOL_MIN_FILES, lint_paths
from iop.lint.cache import CacheDirRefused, LintCache, cache_root, environment_key, private_dir
from iop.lint.config import LintConfig

from .conftest import dump, merge, shared_ruleset


@pytest.fixture()
def files(tmp_path: Path, base_data: dict[str, Any]) -> list[Path]:
    out = []
    for i, count in enumerate((0, 1, 2)):
        path = tmp_path / f"avtal-{i}.yaml"
        path.write_text(
            dump(merge(base_data, {"riktlinjer": "bas", "uppföljning": {"gånger_per_år": count}}))
        )
        out.append(path)
    return out


def _cache(tmp_path: Path, profile: str | None = None) -> LintCache:
    return LintCache(tmp_path / "cache", environment_key(profile, LintConfig().fingerprint()))


def test_second_run_is_served_from_the_cache(tmp_path: Path, files: list[Path]) -> None:
    first_cache = _cache(tmp_path)
    first = lint_paths(files, shared_ruleset(), config=LintConfig(), cache=first_cache)
    assert (first_cache.hits, first_cache.misses, first_cache.writes) == (0, 3, 3)
    second_cache = _cache(tmp_path)
    second = lint_paths(files, shared_ruleset(), config=LintConfig(), cache=second_cache)
    assert (second_cache.hits, second_cache.misses) == (3, 0)
    assert all(r.cached for r in second)
    assert [r.diagnostics for r in second] == [r.diagnostics for r in first]
    assert any(d.rule == "STR207" for d in second[0].diagnostics)


def test_changed_file_or_profile_misses(tmp_path: Path, files: list[Path]) -> None:
    lint_paths(files, shared_ruleset(), config=LintConfig(), cache=_cache(tmp_path))
    files[1].write_text(files[1].read_text() + "# en ny kommentar\n")
    cache = _cache(tmp_path)
    lint_paths(files, shared_ruleset(), config=LintConfig(), cache=cache)
    assert (cache.hits, cache.misses) == (2, 1)
    other = _cache(tmp_path, profile="orebro")
    lint_paths(files, shared_ruleset(), profile="orebro", config=LintConfig(), cache=other)
    assert other.hits == 0


def test_corrupt_entry_is_ignored_and_rewritten(tmp_path: Path, files: list[Path]) -> None:
    cache = _cache(tmp_path)
    lint_paths(files[:1], shared_ruleset(), config=LintConfig(), cache=cache)
    entry = cache.entry(files[0].read_bytes())
    entry.write_text("{inte json")
    again = _cache(tmp_path)
    result = lint_paths(files[:1], shared_ruleset(), config=LintConfig(), cache=again)
    assert (again.hits, again.misses, again.writes) == (0, 1, 1)
    assert any(d.rule == "STR207" for d in result[0].diagnostics)


def test_cli_writes_once_and_no_cache_writes_nothing(
    tmp_path: Path, files: list[Path], monkeypatch: pytest.MonkeyPatch, _private_cache: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["lint", "--no-cache", str(files[0])]).exit_code == 0
    assert not list(_private_cache.rglob("*.json"))
    assert runner.invoke(cli, ["lint", str(files[0])]).exit_code == 0
    [entry] = list(_private_cache.rglob("*.json"))
    assert oct(_private_cache.stat().st_mode & 0o777) == "0o700"
    stamp = entry.stat().st_mtime_ns
    second = runner.invoke(cli, ["lint", str(files[0])])
    assert second.exit_code == 0
    assert entry.stat().st_mtime_ns == stamp  # served from the entry, not re-linted and rewritten
    assert "STR207" in second.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f.name for f in files)


def test_cache_root_follows_option_env_and_ci(tmp_path: Path) -> None:
    assert cache_root(tmp_path / "a", {"IOP_CACHE_DIR": str(tmp_path / "b")}) == tmp_path / "a"
    assert cache_root(None, {"IOP_CACHE_DIR": str(tmp_path / "b"), "CI": "true"}) == tmp_path / "b"
    assert cache_root(None, {"CI": "true"}) is None
    user = cache_root(None, {})
    assert user is not None and user.name == "iop" and ".iop-cache" not in str(user)


def test_cache_dir_in_the_working_tree_or_shared_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "repo" / "sub")
    for inside in (tmp_path / "repo" / ".iop-cache", tmp_path / "repo" / "sub" / "c"):
        with pytest.raises(CacheDirRefused):
            private_dir(inside)
        assert not inside.exists()
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    with pytest.raises(CacheDirRefused):
        private_dir(shared)
    made = private_dir(tmp_path / "own" / "iop")
    assert made.stat().st_mode & 0o777 == 0o700


def test_cli_ignores_a_cache_dir_in_the_repository(
    tmp_path: Path, files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(cli, ["lint", "--cache-dir", ".iop-cache", files[0].name])
    assert done.exit_code == 0
    assert "ingen cache används" in done.output
    assert not (tmp_path / ".iop-cache").exists()


def test_pool_gives_the_same_results_in_input_order(tmp_path: Path, base_data: dict[str, Any]) -> None:
    paths = []
    for i in range(26):
        path = tmp_path / f"{i:02d}.yaml"
        path.write_text(
            dump(merge(base_data, {"riktlinjer": "bas", "uppföljning": {"gånger_per_år": i % 3}}))
        )
        paths.append(path)
    serial = lint_paths(paths, shared_ruleset(), config=LintConfig(), jobs=1)
    pooled = lint_paths(paths, shared_ruleset(), config=LintConfig(), jobs=2)
    assert [r.display for r in pooled] == [str(p) for p in paths]
    assert [r.diagnostics for r in pooled] == [r.diagnostics for r in serial]


def test_old_environments_are_pruned(tmp_path: Path, files: list[Path]) -> None:
    import os

    from iop.lint.cache import KEEP

    base = tmp_path / "cache" / "lint"
    for i in range(KEEP + 3):
        old = base / f"gammal-{i:02d}"
        old.mkdir(parents=True)
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    cache = _cache(tmp_path)
    lint_paths(files[:1], shared_ruleset(), config=LintConfig(), cache=cache)
    left = sorted(p.name for p in base.iterdir())
    assert len(left) == KEEP
    assert cache.folder.name in left
    assert "gammal-00" not in left and f"gammal-{KEEP + 2:02d}" in left


def test_pool_in_a_fresh_process_runs_every_rule(
    iop_exe: str, tmp_path: Path, base_data: dict[str, Any]
) -> None:
    """Through the real command: workers forked from a fresh process know every check."""
    import json
    import subprocess

    folder = tmp_path / "avtal"
    folder.mkdir()
    for i in range(POOL_MIN_FILES + 2):
        data = merge(base_data, {"riktlinjer": "bas", "uppföljning": {"gånger_per_år": i % 2}})
        (folder / f"{i:02d}.yaml").write_text(dump(data), encoding="utf-8")
    done = subprocess.run(
        [iop_exe, "lint", "avtal", "--no-cache", "--jobs", "2", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    findings = json.loads(done.stdout)["findings"]
    assert not [f for f in findings if f["rule"].startswith("CFG")]
    follow_up = sorted(f["file"] for f in findings if f["rule"] == "STR207")
    assert follow_up == [f"avtal/{i:02d}.yaml" for i in range(0, POOL_MIN_FILES + 2, 2)]
