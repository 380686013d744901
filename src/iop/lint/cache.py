"""Content-hash cache of lint results under ``.iop-cache/`` in the repository root.

The key of a file is the SHA-256 of its bytes together with an environment key:
the tool version, a hash of every rule pack, profile, threshold and schema file,
the explicit profile and the repository configuration. Change any of them and
the old entries are simply never read again. Writes are atomic (temporary file
and rename); an unreadable or corrupt entry counts as a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from iop.diagnostics import Diagnostic

CACHE_DIR = ".iop-cache"
FORMAT = 1
KEEP = 8
"""Result folders (one per environment key) kept under ``.iop-cache/lint/``."""


def repo_root(start: Path | None = None) -> Path:
    """The nearest folder from ``start`` (default cwd) upward that holds ``.git``; else ``start``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def _asset_files() -> list[Path]:
    from iop.assets import asset

    files: list[Path] = []
    for folder in (asset("lint"), asset("schema")):
        if folder.is_dir():
            files.extend(
                p for p in folder.rglob("*") if p.is_file() and p.suffix in {".yaml", ".yml", ".json"}
            )
    return sorted(files)


def environment_key(profile: str | None, config_fingerprint: str, extra: Iterable[str] = ()) -> str:
    """Hash of everything besides the file's bytes that decides its lint result."""
    from iop import __version__

    digest = hashlib.sha256()
    digest.update(f"iop {__version__} format {FORMAT}\0profile={profile}\0{config_fingerprint}\0".encode())
    for item in extra:
        digest.update(item.encode() + b"\0")
    root = None
    for file in _asset_files():
        if root is None:
            from iop.assets import asset_root

            root = asset_root()
        digest.update(str(file.relative_to(root)).encode() + b"\0")
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def _to_json(d: Diagnostic) -> dict[str, Any]:
    return {
        "line": d.line,
        "column": d.column,
        "rule": d.rule,
        "severity": d.severity,
        "message": dict(d.message),
        "path": list(d.path),
        "end_line": d.end_line,
        "end_column": d.end_column,
        "hint": dict(d.hint) if d.hint else None,
        "extra": d.extra,
    }


def _from_json(item: dict[str, Any], file: str) -> Diagnostic:
    return Diagnostic(
        file=file,
        line=int(item["line"]),
        column=int(item["column"]),
        rule=str(item["rule"]),
        severity=item["severity"],
        message=dict(item["message"]),
        path=tuple(item["path"]),
        end_line=item.get("end_line"),
        end_column=item.get("end_column"),
        hint=dict(item["hint"]) if item.get("hint") else None,
        extra=dict(item.get("extra") or {}),
    )


class LintCache:
    """Lint results by file content, for one environment key."""

    def __init__(self, root: Path, env_key: str) -> None:
        self.folder = root / CACHE_DIR / "lint" / env_key[:24]
        self.hits = 0
        self.misses = 0
        self.writes = 0
        self._pruned = False

    def _prune(self) -> None:
        """Keep the :data:`KEEP` most recently used environments; older ones can never be read again."""
        self._pruned = True
        try:
            folders = [p for p in self.folder.parent.iterdir() if p.is_dir() and p != self.folder]
            folders.sort(key=lambda p: p.stat().st_mtime, reverse=True)
            for old in folders[KEEP - 1 :]:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            return

    def entry(self, raw: bytes) -> Path:
        """The entry file for content ``raw``."""
        digest = hashlib.sha256(raw).hexdigest()
        return self.folder / digest[:2] / f"{digest}.json"

    def get(self, raw: bytes, display: str) -> list[Diagnostic] | None:
        """Cached diagnostics for content ``raw`` (reported under ``display``), or None."""
        try:
            payload = json.loads(self.entry(raw).read_bytes())
            if payload.get("format") != FORMAT:
                raise ValueError("format")
            found = [_from_json(item, display) for item in payload["diagnostics"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        return found

    def put(self, raw: bytes, diagnostics: list[Diagnostic]) -> None:
        """Store diagnostics for content ``raw`` atomically; failures to write are ignored."""
        target = self.entry(raw)
        payload = json.dumps(
            {"format": FORMAT, "diagnostics": [_to_json(d) for d in diagnostics]}, ensure_ascii=False
        )
        if not self._pruned:
            self._prune()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(payload)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            return
        self.writes += 1


def open_cache(profile: str | None, config_fingerprint: str, root: Path | None = None) -> LintCache:
    """The cache for this environment in ``root`` (default: the repository root of the cwd)."""
    return LintCache(root or repo_root(), environment_key(profile, config_fingerprint))
