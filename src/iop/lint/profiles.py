"""Municipal profiles: short files of differences in ``lint/profiles/``.

A profile ``extends`` another (``bas`` extends nothing) and changes rules::

    extends: bas
    title: {sv: ..., en: ...}
    source: {sv: ..., en: ...}
    rules:
      STR207: {severity: error}
      STR219: {severity: warning, params: {required: true}}
      LOU150: off

The chain is resolved from the root down; later files win, ``params`` merge key by key.
The form of a profile is ``lint/schemas/profil.schema.json``; a broken profile raises
:class:`ProfileError` naming every problem as ``file:line:column``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from iop.diagnostics import Severity
from iop.i18n import MessageError, Text, text

if TYPE_CHECKING:
    from iop.loader import Document

DEFAULT_PROFILE = "bas"


class ProfileError(MessageError):
    """A profile cannot be used; ``message`` says why in both languages."""


@dataclass(frozen=True)
class Setting:
    """What a profile says about one rule (None = inherit)."""

    enabled: bool | None = None
    severity: Severity | None = None
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Profile:
    """A resolved profile: its chain from itself to the root and the merged settings."""

    name: str
    title: Text
    source: Text
    chain: tuple[str, ...]
    settings: Mapping[str, Setting]
    files: tuple[Path, ...]
    documents: tuple[Document, ...] = field(default=(), compare=False, repr=False)
    """The loaded files of the chain (for positions in later findings)."""


def profile_dirs() -> list[Path]:
    from iop.assets import asset

    return [asset("lint", "profiles")]


def available(dirs: Iterable[Path] | None = None) -> list[str]:
    """Names of every profile file."""
    folders = tuple(Path(d) for d in (dirs or profile_dirs()))
    stamp = tuple(d.stat().st_mtime_ns if d.is_dir() else 0 for d in folders)
    return list(_available(folders, stamp))


@lru_cache(maxsize=16)
def _available(folders: tuple[Path, ...], stamp: tuple[int, ...]) -> tuple[str, ...]:
    names: set[str] = set()
    for d in folders:
        names.update(p.stem for p in d.glob("*.yaml"))
    return tuple(sorted(names))


def _find(name: str, dirs: tuple[Path, ...]) -> Path:
    for d in dirs:
        candidate = d / f"{name}.yaml"
        if candidate.is_file():
            return candidate
    known = ", ".join(available(dirs)) or "–"
    raise ProfileError(
        text(
            f"Profilen '{name}' finns inte (tillgängliga: {known}).",
            f"The profile '{name}' does not exist (available: {known}).",
        )
    )


def _read(file: Path) -> Document:
    """Load one profile file and hold it to ``lint/schemas/profil.schema.json``."""
    from iop.lint.schemas import PROFILE, check, read

    doc = read(file, file.name, text("En profil", "A profile"), ProfileError, empty_ok=False)
    assert doc is not None
    check(doc, PROFILE, ProfileError)
    return doc


def _setting(value: Any) -> Setting:
    """What a schema-checked ``rules.CODE`` entry says."""
    if value in ("off", False):
        return Setting(enabled=False)
    if value in ("on", True):
        return Setting(enabled=True)
    if isinstance(value, str):
        return Setting(enabled=True, severity=cast(Severity, value))
    return Setting(
        enabled=bool(value.get("enabled", True)),
        severity=cast(Severity | None, value.get("severity")),
        params=value.get("params") or {},
    )


def _text(value: Any, fallback: str) -> Text:
    if isinstance(value, dict):
        return {"sv": value["sv"], "en": value["en"]}
    return text(fallback, fallback)


def _fail(doc: Document, path: tuple[str, ...], sv: str, en: str, hint: Text | None = None) -> ProfileError:
    from iop.lint.schemas import finding, message

    return ProfileError(message([finding(doc, path, text(sv, en), hint)]))


def load_profile(name: str, dirs: Iterable[Path] | None = None) -> Profile:
    """Resolve profile ``name`` and everything it extends; raises :class:`ProfileError`."""
    return _load(name, tuple(Path(d) for d in (dirs or profile_dirs())))


@lru_cache(maxsize=32)
def _load(name: str, dirs: tuple[Path, ...]) -> Profile:
    chain: list[str] = []
    docs: list[Document] = []
    current: str | None = name
    while current is not None:
        if current in chain:
            loop = " → ".join([*chain, current])
            raise _fail(
                docs[-1], ("extends",), f"Profilerna ärver i en cirkel: {loop}.", f"The profiles inherit in a cycle: {loop}."
            )
        if docs:
            try:
                file = _find(current, dirs)
            except ProfileError as exc:
                from iop.lint.schemas import suggestion

                raise _fail(
                    docs[-1], ("extends",), exc.message["sv"], exc.message["en"], suggestion(current, available(dirs))
                ) from None
        else:
            file = _find(current, dirs)
        chain.append(current)
        doc = _read(file)
        docs.append(doc)
        current = doc.data.get("extends")
    settings: dict[str, Setting] = {}
    for doc in reversed(docs):
        for code, value in (doc.data.get("rules") or {}).items():
            new = _setting(value)
            old = settings.get(code, Setting())
            settings[code] = Setting(
                enabled=new.enabled if new.enabled is not None else old.enabled,
                severity=new.severity or old.severity,
                params={**old.params, **new.params},
            )
    head = docs[0].data
    return Profile(
        name=name,
        title=_text(head.get("title"), name),
        source=_text(head.get("source"), ""),
        chain=tuple(chain),
        settings=settings,
        files=tuple(d.path for d in docs),
        documents=tuple(docs),
    )
