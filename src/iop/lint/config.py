"""Repository defaults for ``iop lint``: ``.iop.yaml`` or ``[tool.iop]`` in ``pyproject.toml``.

Searched from the current directory upward; the first folder holding either file
wins (``.iop.yaml`` before ``pyproject.toml``; a ``pyproject.toml`` without
``[tool.iop]`` does not count). Keys::

    profile: orebro          # profile when the agreement names none in 'riktlinjer'
    fail-on: warning         # error | warning | info | never
    disable: [STR212]        # rules switched off
    severity: {STR204: info} # severity overrides
    cache: false             # turn the result cache off
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from iop.i18n import MessageError, text

FAIL_ON = ("error", "warning", "info", "never")
SEVERITIES = ("error", "warning", "info")
_KEYS = ("profile", "fail-on", "disable", "severity", "cache")


class ConfigError(MessageError):
    """The repository configuration is malformed."""


@dataclass(frozen=True)
class LintConfig:
    """Repository-level lint settings (every field optional)."""

    profile: str | None = None
    fail_on: str | None = None
    disable: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    cache: bool | None = None
    file: Path | None = None
    """Where the settings were read from (None: defaults)."""

    def fingerprint(self) -> str:
        """What of the config changes lint results (for the cache key)."""
        overrides = ",".join(f"{k}={v}" for k, v in sorted(self.severity.items()))
        return f"profile={self.profile};disable={','.join(sorted(self.disable))};severity={overrides}"


def _parse(data: Mapping[str, Any], file: Path) -> LintConfig:
    where = file.name
    unknown = sorted(str(k) for k in data if k not in _KEYS)
    if unknown:
        raise ConfigError(
            text(
                f"{where}: okänd inställning {', '.join(unknown)} (tillåtna: {', '.join(_KEYS)}).",
                f"{where}: unknown setting {', '.join(unknown)} (allowed: {', '.join(_KEYS)}).",
            )
        )
    profile = data.get("profile")
    if profile is not None and not isinstance(profile, str):
        raise ConfigError(
            text(
                f"{where}: 'profile' ska vara ett profilnamn.", f"{where}: 'profile' must be a profile name."
            )
        )
    fail_on = data.get("fail-on")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise ConfigError(
            text(
                f"{where}: 'fail-on' ska vara en av {', '.join(FAIL_ON)}.",
                f"{where}: 'fail-on' must be one of {', '.join(FAIL_ON)}.",
            )
        )
    disable = data.get("disable") or []
    if isinstance(disable, str):
        disable = [disable]
    if not isinstance(disable, list) or not all(isinstance(c, str) for c in disable):
        raise ConfigError(
            text(
                f"{where}: 'disable' ska vara en lista med regelkoder.",
                f"{where}: 'disable' must be a list of rule codes.",
            )
        )
    severity = data.get("severity") or {}
    if not isinstance(severity, Mapping) or not all(v in SEVERITIES for v in severity.values()):
        raise ConfigError(
            text(
                f"{where}: 'severity' ska koppla regelkoder till error, warning eller info.",
                f"{where}: 'severity' must map rule codes to error, warning or info.",
            )
        )
    cache = data.get("cache")
    if cache is not None and not isinstance(cache, bool):
        raise ConfigError(
            text(f"{where}: 'cache' ska vara true eller false.", f"{where}: 'cache' must be true or false.")
        )
    return LintConfig(
        profile=profile,
        fail_on=fail_on,
        disable=tuple(disable),
        severity={str(k): str(v) for k, v in severity.items()},
        cache=cache,
        file=file,
    )


def _read_yaml(file: Path) -> LintConfig:
    from ruamel.yaml.error import YAMLError

    from iop.lint.profiles import parse_yaml

    try:
        data = parse_yaml(file.read_text(encoding="utf-8"))
    except (OSError, YAMLError) as exc:
        raise ConfigError(
            text(f"{file}: kan inte läsas ({exc}).", f"{file}: cannot be read ({exc}).")
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise ConfigError(text(f"{file}: ska vara en samling nycklar.", f"{file}: must be a mapping."))
    return _parse(data, file)


def _read_pyproject(file: Path) -> LintConfig | None:
    import tomllib

    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            text(f"{file}: kan inte läsas ({exc}).", f"{file}: cannot be read ({exc}).")
        ) from None
    section = data.get("tool", {}).get("iop")
    if section is None:
        return None
    if not isinstance(section, Mapping):
        raise ConfigError(
            text(f"{file}: [tool.iop] ska vara en tabell.", f"{file}: [tool.iop] must be a table.")
        )
    return _parse(section, file)


def find_config(start: Path | None = None) -> LintConfig:
    """The settings of the nearest folder (from ``start``, default cwd, upward) that has any."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / ".iop.yaml"
        if candidate.is_file():
            return _read_yaml(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.iop" in pyproject.read_text(encoding="utf-8", errors="replace"):
            found = _read_pyproject(pyproject)
            if found is not None:
                return found
    return LintConfig()
