"""Content-hash cache of lint results in the user's own cache directory.

Never in the repository under review nor the current directory: a result file
planted there could silence findings. The folder is chosen by
:func:`cache_root`: ``--cache-dir``, else ``IOP_CACHE_DIR``, else none at all
when ``CI`` is set, else the platform's user cache directory
(``~/.cache/iop`` on Linux). It is created mode 0700 and used only when it
belongs to this user and nobody else may write to it.

The key of a file is the SHA-256 of its bytes together with an environment key:
the tool version, a hash of every rule pack, profile, threshold and schema file,
the explicit profile and the repository configuration. Change any of them and
the old entries are simply never read again. Writes are atomic (temporary file
and rename); an unreadable, corrupt or malformed entry counts as a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from iop.diagnostics import SEVERITY_ORDER, Diagnostic

ENV_DIR = "IOP_CACHE_DIR"
"""Environment variable naming the cache directory (also in CI)."""
FORMAT = 2
KEEP = 8
"""Result folders (one per environment key) kept under ``lint/`` in the cache directory."""


class CacheDirRefused(Exception):
    """The cache directory cannot be trusted; ``args[0]`` is the folder, ``reason`` why."""

    def __init__(self, folder: Path, reason: str) -> None:
        super().__init__(folder)
        self.folder, self.reason = folder, reason


def repo_root(start: Path | None = None) -> Path:
    """The nearest folder from ``start`` (default cwd) upward that holds ``.git``; else ``start``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def cache_root(explicit: str | Path | None = None, environ: Mapping[str, str] | None = None) -> Path | None:
    """The cache directory to use, or None for no persistent cache.

    ``explicit`` (``--cache-dir``), else ``$IOP_CACHE_DIR``; else None when ``$CI``
    is set (a CI runner starts clean, and a shared runner must not share results);
    else the user's cache directory from :mod:`platformdirs`.
    """
    env = os.environ if environ is None else environ
    chosen = explicit or env.get(ENV_DIR)
    if chosen:
        return Path(chosen).expanduser().absolute()
    if env.get("CI"):
        return None
    import platformdirs

    return Path(platformdirs.user_cache_dir("iop", appauthor=False))


def _inside(folder: Path, outer: Path) -> bool:
    return folder == outer or outer in folder.parents


def private_dir(root: Path, work: Path | None = None) -> Path:
    """Create ``root`` (mode 0700) if needed and check that only this user can write to it.

    Raises :class:`CacheDirRefused` when it lies in the working tree (``work``,
    default the current directory, and its repository), belongs to someone else
    or is writable by others.
    """
    here = (work or Path.cwd()).resolve()
    real = root.resolve()
    for tree in (here, repo_root(here)):
        if _inside(real, tree):
            raise CacheDirRefused(root, "inside")
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = root.stat()
    except OSError:
        raise CacheDirRefused(root, "unusable") from None
    if not stat.S_ISDIR(info.st_mode):
        raise CacheDirRefused(root, "unusable")
    getuid = getattr(os, "getuid", None)
    if getuid is not None and (info.st_uid != getuid() or info.st_mode & 0o022):
        raise CacheDirRefused(root, "shared")
    return root


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


def _text(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ValueError("text")
    return dict(value)


def _opt_int(value: Any) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise ValueError("int")


def _from_json(item: Any, file: str) -> Diagnostic:
    """A diagnostic from a cache entry; ValueError if any field has the wrong type."""
    if not isinstance(item, dict):
        raise ValueError("entry")
    line, column = item["line"], item["column"]
    if not isinstance(line, int) or not isinstance(column, int) or isinstance(line, bool):
        raise ValueError("position")
    if item["severity"] not in SEVERITY_ORDER or not isinstance(item["rule"], str):
        raise ValueError("rule")
    path = item["path"]
    if not isinstance(path, list) or not all(isinstance(p, str | int) for p in path):
        raise ValueError("path")
    extra = item.get("extra") or {}
    if not isinstance(extra, dict):
        raise ValueError("extra")
    return Diagnostic(
        file=file,
        line=line,
        column=column,
        rule=item["rule"],
        severity=item["severity"],
        message=_text(item["message"]),
        path=tuple(path),
        end_line=_opt_int(item.get("end_line")),
        end_column=_opt_int(item.get("end_column")),
        hint=_text(item["hint"]) if item.get("hint") else None,
        extra=dict(extra),
    )


class LintCache:
    """Lint results by file content, for one environment key."""

    def __init__(self, root: Path, env_key: str) -> None:
        """Results under ``root`` (a directory :func:`private_dir` accepted) for ``env_key``."""
        self.folder = root / "lint" / env_key[:24]
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
            if not isinstance(payload, dict) or payload.get("format") != FORMAT:
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
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
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


def open_cache(profile: str | None, config_fingerprint: str, root: Path) -> LintCache:
    """The result cache for this environment in ``root`` (checked with :func:`private_dir`)."""
    return LintCache(private_dir(root), environment_key(profile, config_fingerprint))
