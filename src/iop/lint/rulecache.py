"""Loaded and compiled rule packs cached under ``.iop-cache/rules/``, keyed by the packs' bytes.

Reading and checking every pack (:func:`iop.lint.rules.load_rules`) takes longer
than linting a file. The result is plain data (texts, globs, match grammar,
params), so it is stored as JSON and rebuilt into :class:`~iop.lint.rules.Rule`
objects. The key covers the tool version, the Rule fields, the source of
:mod:`iop.lint.rules` and every pack's name and bytes, so an entry can never be
stale; a missing, corrupt or unwritable entry just means the packs are read again.

Compiling the text rules' ``match`` grammar costs about as much again, so the
compiled matchers are kept beside it as a pickle (:func:`load_compiled`,
:func:`store_compiled`). Only files this module wrote are read: the file name
is a hash of the rules key, the Python version, the stemmer and the source of
the grammar modules; the file starts with a magic line and the SHA-256 of the
pickled payload, which is checked before anything is unpickled, and the payload
repeats the key. Anything else is ignored and rebuilt.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iop.lint.rules import Examples, Rule, load_rules

if TYPE_CHECKING:
    from iop.lint.text.grammar import CompiledKey, Matcher

FORMAT = 1
KEEP = 4
COMPILED_FORMAT = 1
COMPILED_MAGIC = b"iop compiled text rules\n"


def _source_digest(*modules: Any) -> bytes:
    """SHA-256 over the source files of ``modules`` (a change in the code is a new key)."""
    digest = hashlib.sha256()
    for module in modules:
        digest.update(module.__name__.encode() + b"\0")
        try:
            digest.update(Path(module.__file__).read_bytes())
        except (OSError, TypeError):  # no source file: the tool version in the key still applies
            continue
    return digest.digest()


def _key(files: list[Path]) -> str:
    from iop import __version__
    from iop.lint import rules

    digest = hashlib.sha256(f"iop {__version__} rules {FORMAT}\0".encode())
    digest.update(",".join(f.name for f in dataclasses.fields(Rule)).encode())
    digest.update(_source_digest(rules))
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
    """Drop all but the newest :data:`KEEP` entries of its kind (older packs are never read again)."""
    try:
        entries = sorted(
            (p for p in keep.parent.glob(f"*{keep.suffix}") if not p.name.startswith(".tmp-")),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in entries[KEEP:]:
            if old != keep:
                old.unlink(missing_ok=True)
    except OSError:
        return


def load_cached(files: list[Path]) -> dict[str, Rule]:
    """The rules of ``files`` (the default packs), from the JSON cache when it has them."""
    return load_cached_keyed(files)[0]


def _write_atomic(entry: Path, data: bytes) -> bool:
    """Write ``data`` to ``entry`` through a temporary file and a rename; False if that fails."""
    import tempfile

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=entry.suffix)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, entry)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return False
    _prune(entry)
    return True


def load_cached_keyed(files: list[Path]) -> tuple[dict[str, Rule], str | None]:
    """Like :func:`load_cached`, with the cache key of ``files`` (None when it cannot be computed)."""
    try:
        key = _key(files)
        entry = _folder() / f"{key}.json"
    except OSError:
        return load_rules(), None
    try:
        payload = json.loads(entry.read_bytes())
        return {code: _decode(item) for code, item in payload.items()}, key
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    rules = load_rules()
    try:
        data = json.dumps({code: _encode(rule) for code, rule in rules.items()}, ensure_ascii=False)
    except (TypeError, ValueError):
        return rules, key
    _write_atomic(entry, data.encode("utf-8"))
    return rules, key


def _compiled_name(rules_key: str) -> str:
    import sys

    from snowballstemmer import swedish_stemmer

    from iop.lint.text import grammar, prefilter, tokens

    digest = hashlib.sha256(f"{rules_key}\0compiled {COMPILED_FORMAT}\0{sys.version}\0".encode())
    digest.update(_source_digest(grammar, tokens, prefilter, swedish_stemmer))
    return digest.hexdigest()


def _compiled_entry(rules_key: str) -> tuple[Path, str]:
    name = _compiled_name(rules_key)
    return _folder() / f"{name}.pickle", name


def load_compiled(rules_key: str) -> dict[CompiledKey, Matcher]:
    """The compiled matchers stored for ``rules_key`` (:func:`load_cached_keyed`); empty if none.

    The entry is unpickled only when it starts with our magic line and the SHA-256
    of its payload matches; the payload must then name the same key and hold only
    matchers. A missing, foreign, corrupt or incompatible entry gives ``{}``.
    """
    import pickle

    from iop.lint.text.grammar import Matcher

    try:
        entry, name = _compiled_entry(rules_key)
        blob = entry.read_bytes()
    except OSError:
        return {}
    head = len(COMPILED_MAGIC)
    digest, payload = blob[head : head + 32], blob[head + 32 :]
    if blob[:head] != COMPILED_MAGIC or hashlib.sha256(payload).digest() != digest:
        return {}
    try:
        stored_name, compiled = pickle.loads(payload)
    except Exception:  # an incompatible pickle may raise almost anything; it is rebuilt
        return {}
    if stored_name != name or not isinstance(compiled, dict):
        return {}
    if not all(isinstance(key, tuple) and isinstance(m, Matcher) for key, m in compiled.items()):
        return {}
    return compiled


def _by_constructor(obj: Any) -> tuple[Any, tuple[Any, ...]]:
    """Pickle a compiled-grammar dataclass as a constructor call (loads faster than its state)."""
    return type(obj), tuple(getattr(obj, f.name) for f in dataclasses.fields(obj))


def store_compiled(rules_key: str, compiled: Mapping[CompiledKey, Matcher]) -> bool:
    """Store compiled matchers for ``rules_key`` atomically; False if they cannot be written."""
    import copyreg
    import io
    import pickle

    from iop.lint.text.grammar import Matcher, Pattern, Slot, Term

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {
        **copyreg.dispatch_table,
        **{cls: _by_constructor for cls in (Matcher, Pattern, Slot, Term)},
    }
    try:
        entry, name = _compiled_entry(rules_key)
        pickler.dump((name, dict(compiled)))
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return False
    payload = buffer.getvalue()
    return _write_atomic(entry, COMPILED_MAGIC + hashlib.sha256(payload).digest() + payload)
