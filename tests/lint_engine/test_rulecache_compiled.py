"""The compiled-rules cache: same findings cold and warm, foreign or corrupt entries ignored."""

from __future__ import annotations

import hashlib
import json
import pickle
import subprocess
from pathlib import Path
from typing import Any

import pytest

from iop.lint.rulecache import COMPILED_MAGIC, load_cached_keyed, load_compiled, store_compiled
from iop.lint.rules import pack_files
from iop.lint.text.grammar import compile_match, compiled_key

from .conftest import dump, merge


def _repo(tmp_path: Path) -> Path:
    """A fresh repository folder: its ``.iop-cache/`` starts empty."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    return root


@pytest.fixture()
def agreements(tmp_path: Path, example_files: list[Path], base_data: dict[str, Any]) -> list[Path]:
    """Every example agreement, plus one whose purpose quotes every text rule's firing examples."""
    from iop.lint.engine import all_rules

    root = _repo(tmp_path)
    out = []
    for file in example_files:
        copy = root / file.name
        copy.write_bytes(file.read_bytes())
        out.append(copy)
    fires = [ex for rule in all_rules().values() if rule.kind == "text" for ex in rule.examples.fires]
    assert len(fires) > 20
    risky = root / "alla-signaler.yaml"
    risky.write_text(dump(merge(base_data, {"syfte": "\n\n".join(fires)})), encoding="utf-8")
    out.append(risky)
    return out


def _lint(iop_exe: str, files: list[Path]) -> list[dict[str, Any]]:
    done = subprocess.run(
        [iop_exe, "lint", "--no-cache", "--format", "json", "--fail-on", "never", *[f.name for f in files]],
        cwd=files[0].parent,
        capture_output=True,
        text=True,
        check=True,
    )
    findings: list[dict[str, Any]] = json.loads(done.stdout)["findings"]
    return findings


def _entries(root: Path) -> list[Path]:
    return sorted((root / ".iop-cache" / "rules").glob("*.pickle"))


def test_cold_and_warm_compiled_cache_give_the_same_findings(iop_exe: str, agreements: list[Path]) -> None:
    root = agreements[0].parent
    cold = _lint(iop_exe, agreements)
    [entry] = _entries(root)
    stamp = entry.stat().st_mtime_ns
    warm = _lint(iop_exe, agreements)
    assert warm == cold
    assert entry.stat().st_mtime_ns == stamp  # read, not rebuilt
    risky = {f["rule"] for f in cold if f["file"] == "alla-signaler.yaml"}
    assert len({code for code in risky if code.startswith("LOU")}) >= 10


def _sound(entry: Path) -> bool:
    blob = entry.read_bytes()
    head = len(COMPILED_MAGIC)
    return (
        blob[:head] == COMPILED_MAGIC and blob[head : head + 32] == hashlib.sha256(blob[head + 32 :]).digest()
    )


def test_corrupt_entry_is_ignored_and_rebuilt(iop_exe: str, agreements: list[Path]) -> None:
    root = agreements[0].parent
    cold = _lint(iop_exe, agreements)
    [entry] = _entries(root)
    good = entry.read_bytes()
    assert _sound(entry)
    entry.write_bytes(good[: len(good) // 2])  # truncated
    assert _lint(iop_exe, agreements) == cold
    assert _sound(entry)
    flipped = bytearray(good)
    flipped[-10] ^= 0xFF  # payload no longer matches its digest
    entry.write_bytes(bytes(flipped))
    assert _lint(iop_exe, agreements) == cold
    assert _sound(entry) and _entries(root) == [entry]


class _Trap:
    """Unpickling this creates a marker file: proof that a foreign entry was unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.marker,))


def test_foreign_entries_are_never_unpickled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _repo(tmp_path)
    monkeypatch.chdir(root)
    _rules, key = load_cached_keyed(pack_files())
    assert key is not None
    assert store_compiled(key, {})
    [entry] = _entries(root)
    marker = tmp_path / "unpickled"
    trap = pickle.dumps(_Trap(marker))
    for blob in (
        trap,  # a plain pickle under our name
        COMPILED_MAGIC + hashlib.sha256(b"other").digest() + trap,  # digest does not match
    ):
        entry.write_bytes(blob)
        assert load_compiled(key) == {}
        assert not marker.exists()
    # A well-formed entry must also name the same key and hold only matchers.
    for payload in (("another key", {}), (entry.stem, {"LOU101": "not a matcher"}), ["a list"]):
        data = pickle.dumps(payload)
        entry.write_bytes(COMPILED_MAGIC + hashlib.sha256(data).digest() + data)
        assert load_compiled(key) == {}


def test_stored_matchers_equal_freshly_compiled_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from iop.lint import engine
    from iop.lint.config import LintConfig
    from iop.lint.engine import _compile_text_rules, plan_for

    root = _repo(tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.setattr(engine, "_COMPILED", {})  # as in a new process
    _rules, key = load_cached_keyed(pack_files())
    assert key is not None
    plan = plan_for("bas", LintConfig())
    _compile_text_rules(plan.rules.values(), key)
    stored = load_compiled(key)
    text = [eff for eff in plan.rules.values() if eff.rule.kind == "text"]
    assert text and len(stored) >= len(text)
    for eff in text:
        ckey = compiled_key(eff.rule, eff.params)
        assert ckey is not None
        assert stored[ckey] == compile_match(eff.rule.match or {}, ckey[2]), eff.rule.code
