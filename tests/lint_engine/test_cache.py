"""The result cache: hits on unchanged input, misses on any change, corrupt entries ignored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from iop.cli import cli
from iop.lint.cache import LintCache, environment_key
from iop.lint.config import LintConfig
from iop.lint.engine import lint_paths

from .conftest import dump, merge


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
    return LintCache(tmp_path, environment_key(profile, LintConfig().fingerprint()))


def test_second_run_is_served_from_the_cache(tmp_path: Path, files: list[Path]) -> None:
    first_cache = _cache(tmp_path)
    first = lint_paths(files, config=LintConfig(), cache=first_cache)
    assert (first_cache.hits, first_cache.misses, first_cache.writes) == (0, 3, 3)
    second_cache = _cache(tmp_path)
    second = lint_paths(files, config=LintConfig(), cache=second_cache)
    assert (second_cache.hits, second_cache.misses) == (3, 0)
    assert all(r.cached for r in second)
    assert [r.diagnostics for r in second] == [r.diagnostics for r in first]
    assert any(d.rule == "STR207" for d in second[0].diagnostics)


def test_changed_file_or_profile_misses(tmp_path: Path, files: list[Path]) -> None:
    lint_paths(files, config=LintConfig(), cache=_cache(tmp_path))
    files[1].write_text(files[1].read_text() + "# en ny kommentar\n")
    cache = _cache(tmp_path)
    lint_paths(files, config=LintConfig(), cache=cache)
    assert (cache.hits, cache.misses) == (2, 1)
    other = _cache(tmp_path, profile="orebro")
    lint_paths(files, profile="orebro", config=LintConfig(), cache=other)
    assert other.hits == 0


def test_corrupt_entry_is_ignored_and_rewritten(tmp_path: Path, files: list[Path]) -> None:
    cache = _cache(tmp_path)
    lint_paths(files[:1], config=LintConfig(), cache=cache)
    entry = cache.entry(files[0].read_bytes())
    entry.write_text("{inte json")
    again = _cache(tmp_path)
    result = lint_paths(files[:1], config=LintConfig(), cache=again)
    assert (again.hits, again.misses, again.writes) == (0, 1, 1)
    assert any(d.rule == "STR207" for d in result[0].diagnostics)


def test_cli_writes_once_and_no_cache_writes_nothing(
    tmp_path: Path, files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["lint", "--no-cache", str(files[0])]).exit_code == 0
    assert not (tmp_path / ".iop-cache").exists()
    assert runner.invoke(cli, ["lint", str(files[0])]).exit_code == 0
    [entry] = list((tmp_path / ".iop-cache").rglob("*.json"))
    stamp = entry.stat().st_mtime_ns
    second = runner.invoke(cli, ["lint", str(files[0])])
    assert second.exit_code == 0
    assert entry.stat().st_mtime_ns == stamp  # served from the entry, not re-linted and rewritten
    assert "STR207" in second.output


def test_pool_gives_the_same_results_in_input_order(tmp_path: Path, base_data: dict[str, Any]) -> None:
    paths = []
    for i in range(26):
        path = tmp_path / f"{i:02d}.yaml"
        path.write_text(
            dump(merge(base_data, {"riktlinjer": "bas", "uppföljning": {"gånger_per_år": i % 3}}))
        )
        paths.append(path)
    serial = lint_paths(paths, config=LintConfig(), jobs=1)
    pooled = lint_paths(paths, config=LintConfig(), jobs=2)
    assert [r.display for r in pooled] == [str(p) for p in paths]
    assert [r.diagnostics for r in pooled] == [r.diagnostics for r in serial]


def test_rule_pack_cache_round_trips(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from iop.lint.rulecache import load_cached
    from iop.lint.rules import load_rules, pack_files

    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    files = pack_files()
    fresh = load_cached(files)
    [entry] = list((tmp_path / ".iop-cache" / "rules").glob("*.json"))
    again = load_cached(files)  # decoded from the JSON entry
    original = load_rules()
    assert list(again) == list(original) == list(fresh)
    for code, rule in original.items():
        copy = again[code]
        assert (copy.message, copy.match, copy.params, copy.fields, copy.examples, copy.kind) == (
            rule.message,
            rule.match,
            rule.params,
            rule.fields,
            rule.examples,
            rule.kind,
        )
    entry.write_text("[trasig")
    assert list(load_cached(files)) == list(original)


def test_old_environments_are_pruned(tmp_path: Path, files: list[Path]) -> None:
    import os

    from iop.lint.cache import KEEP

    base = tmp_path / ".iop-cache" / "lint"
    for i in range(KEEP + 3):
        old = base / f"gammal-{i:02d}"
        old.mkdir(parents=True)
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    cache = _cache(tmp_path)
    lint_paths(files[:1], config=LintConfig(), cache=cache)
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

    from iop.lint.engine import POOL_MIN_FILES

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
