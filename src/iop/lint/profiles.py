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
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from iop.diagnostics import Severity
from iop.i18n import MessageError, Text, text

SEVERITIES = ("error", "warning", "info")
_PROFILE_KEYS = frozenset({"extends", "title", "source", "rules", "description"})
_RULE_KEYS = frozenset({"severity", "params", "enabled"})
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


def parse_yaml(text: str) -> Any:
    """Plain data of a small settings file (profile, thresholds, .iop.yaml).

    libyaml via :func:`iop.fastparse.parse` when it can (milliseconds), else
    ruamel.yaml, whose ``YAMLError`` then says what is wrong and where.
    """
    from iop.fastparse import LimitExceeded, parse

    try:
        fast = parse(text, 40, 100_000)
    except LimitExceeded:
        fast = None
    if fast is not None:
        return fast[0]
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(text)


def _read(file: Path) -> dict[str, Any]:
    from ruamel.yaml.error import YAMLError

    try:
        data = parse_yaml(file.read_text(encoding="utf-8"))
    except (OSError, YAMLError) as exc:
        raise ProfileError(
            text(
                f"{file.name}: profilen kan inte läsas ({exc}).",
                f"{file.name}: cannot read the profile ({exc}).",
            )
        ) from None
    if not isinstance(data, dict):
        raise ProfileError(
            text(
                f"{file.name}: en profil ska vara en samling nycklar.",
                f"{file.name}: a profile must be a mapping.",
            )
        )
    unknown = sorted(str(k) for k in data if k not in _PROFILE_KEYS)
    if unknown:
        raise ProfileError(
            text(
                f"{file.name}: okänd nyckel {', '.join(unknown)} (tillåtna: {', '.join(sorted(_PROFILE_KEYS))}).",
                f"{file.name}: unknown key {', '.join(unknown)} (allowed: {', '.join(sorted(_PROFILE_KEYS))}).",
            )
        )
    return data


def _setting(file: Path, code: str, value: Any) -> Setting:
    where = f"{file.name}: {code}"
    if value in ("off", False):
        return Setting(enabled=False)
    if value in ("on", True):
        return Setting(enabled=True)
    if isinstance(value, str) and value in SEVERITIES:
        return Setting(enabled=True, severity=cast(Severity, value))
    if not isinstance(value, dict):
        raise ProfileError(
            text(
                f"{where}: skriv off, on, en allvarlighetsgrad eller {{severity: ..., params: {{...}}}}.",
                f"{where}: write off, on, a severity or {{severity: ..., params: {{...}}}}.",
            )
        )
    unknown = sorted(str(k) for k in value if k not in _RULE_KEYS)
    if unknown:
        raise ProfileError(
            text(
                f"{where}: okänd nyckel {', '.join(unknown)} (tillåtna: enabled, severity, params).",
                f"{where}: unknown key {', '.join(unknown)} (allowed: enabled, severity, params).",
            )
        )
    severity = value.get("severity")
    if severity is not None and severity not in SEVERITIES:
        raise ProfileError(
            text(
                f"{where}: okänd allvarlighetsgrad '{severity}' (error, warning eller info).",
                f"{where}: unknown severity '{severity}' (error, warning or info).",
            )
        )
    params = value.get("params") or {}
    if not isinstance(params, dict):
        raise ProfileError(
            text(f"{where}: 'params' ska vara en samling nycklar.", f"{where}: 'params' must be a mapping.")
        )
    enabled = value.get("enabled", True)
    return Setting(enabled=bool(enabled), severity=cast(Severity | None, severity), params=params)


def _text(value: Any, fallback: str) -> Text:
    if isinstance(value, dict) and all(isinstance(value.get(k), str) for k in ("sv", "en")):
        return {"sv": value["sv"], "en": value["en"]}
    return text(fallback, fallback)


def load_profile(name: str, dirs: Iterable[Path] | None = None) -> Profile:
    """Resolve profile ``name`` and everything it extends; raises :class:`ProfileError`."""
    return _load(name, tuple(Path(d) for d in (dirs or profile_dirs())))


@lru_cache(maxsize=32)
def _load(name: str, dirs: tuple[Path, ...]) -> Profile:
    chain: list[str] = []
    raw: list[tuple[Path, dict[str, Any]]] = []
    current: str | None = name
    while current is not None:
        if current in chain:
            loop = " → ".join([*chain, current])
            raise ProfileError(
                text(f"Profilerna ärver i en cirkel: {loop}.", f"The profiles inherit in a cycle: {loop}.")
            )
        chain.append(current)
        file = _find(current, dirs)
        data = _read(file)
        raw.append((file, data))
        parent = data.get("extends")
        if parent is not None and not isinstance(parent, str):
            raise ProfileError(
                text(
                    f"{file.name}: 'extends' ska vara ett profilnamn.",
                    f"{file.name}: 'extends' must be a profile name.",
                )
            )
        current = parent
    settings: dict[str, Setting] = {}
    for file, data in reversed(raw):
        rules = data.get("rules") or {}
        if not isinstance(rules, dict):
            raise ProfileError(
                text(
                    f"{file.name}: 'rules' ska vara en samling koder.",
                    f"{file.name}: 'rules' must be a mapping of codes.",
                )
            )
        for code, value in rules.items():
            new = _setting(file, str(code), value)
            old = settings.get(str(code), Setting())
            settings[str(code)] = Setting(
                enabled=new.enabled if new.enabled is not None else old.enabled,
                severity=new.severity or old.severity,
                params={**old.params, **new.params},
            )
    head = raw[0][1]
    return Profile(
        name=name,
        title=_text(head.get("title"), name),
        source=_text(head.get("source"), ""),
        chain=tuple(chain),
        settings=settings,
        files=tuple(f for f, _ in raw),
    )


def unknown_codes(profile: Profile, known: Iterable[str]) -> list[str]:
    """Codes a profile mentions that no rule pack defines."""
    known_set = set(known)
    return sorted(code for code in profile.settings if code not in known_set)
