"""Loaded rule packs cached as JSON under ``.iop-cache/rules/``, keyed by the packs' bytes.

Reading and checking every pack (:func:`iop.lint.rules.load_rules`) takes longer
than linting a file. The result is plain data (texts, globs, match grammar,
params), so it is stored as JSON and rebuilt into :class:`~iop.lint.rules.Rule`
objects. The key covers the tool version, the Rule fields and every pack's name
and bytes, so an entry can never be stale; a missing, corrupt or unwritable
entry just means the packs are read again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from iop.lint.rules import Examples, Rule, load_rules

FORMAT = 1
KEEP = 4


def _key(files: list[Path]) -> str:
    from iop import __version__

    digest = hashlib.sha256(f"iop {__version__} rules {FORMAT}\0".encode())
    digest.update(",".join(f.name for f in dataclasses.fields(Rule)).encode())
    for file in files:
        digest.update(b"\0" + file.name.encode() + b"\0")
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def _encode(rule: Rule) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(Rule):
        value = getattr(rule, f.name)
        if isinstance(value, Examples):
            value = {"fires": list(value.fires), "passes": list(value.passes)}
        elif isinstance(value, Path):
            value = str(value)
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out


def _decode(item: dict[str, Any]) -> Rule:
    item = dict(item)
    item["examples"] = Examples(tuple(item["examples"]["fires"]), tuple(item["examples"]["passes"]))
    item["fields"] = tuple(item["fields"])
    item["file"] = Path(item["file"]) if item.get("file") else None
    return Rule(**item)


def _folder() -> Path:
    from iop.lint.cache import CACHE_DIR, repo_root

    return repo_root() / CACHE_DIR / "rules"


def _prune(keep: Path) -> None:
    """Drop all but the newest :data:`KEEP` entries (older packs are never read again)."""
    try:
        entries = sorted(keep.parent.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            if old != keep:
                old.unlink(missing_ok=True)
    except OSError:
        return


def load_cached(files: list[Path]) -> dict[str, Rule]:
    """The rules of ``files`` (the default packs), from the JSON cache when it has them."""
    try:
        entry = _folder() / f"{_key(files)}.json"
    except OSError:
        return load_rules()
    try:
        payload = json.loads(entry.read_bytes())
        return {code: _decode(item) for code, item in payload.items()}
    except (OSError, ValueError, KeyError, TypeError):
        pass
    rules = load_rules()
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".json")
    except OSError:
        return rules
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({code: _encode(rule) for code, rule in rules.items()}, handle, ensure_ascii=False)
        os.replace(tmp, entry)
    except (OSError, TypeError, ValueError):
        Path(tmp).unlink(missing_ok=True)
        return rules
    _prune(entry)
    return rules
