"""Repository defaults for ``iop lint``: ``.iop.yaml`` or ``[tool.iop]`` in ``pyproject.toml``.

Searched from the current directory upward; the first folder holding either file
wins (``.iop.yaml`` before ``pyproject.toml``; a ``pyproject.toml`` without
``[tool.iop]`` does not count). Keys::

    profile: orebro          # profile when the agreement names none in 'riktlinjer'
    fail-on: warning         # error | warning | info | never
    disable: [STR212]        # rules switched off
    severity: {STR204: info} # severity overrides
    cache: false             # turn the result cache off

The form is ``lint/schemas/iop-config.schema.json`` for both files; a wrong key or
value raises :class:`ConfigError` naming it as ``file:line:column`` with a suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from iop.i18n import MessageError, text

if TYPE_CHECKING:
    from iop.fastparse import Positions
    from iop.loader import Document

FAIL_ON = ("error", "warning", "info", "never")
SETTINGS_LIMIT = 1_000_000
"""The largest ``pyproject.toml`` read for ``[tool.iop]`` (bytes)."""


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


def _display(file: Path) -> str:
    """The file as the user would type it: relative to the current folder when inside it."""
    try:
        return str(file.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(file)


def _parse(doc: Document) -> LintConfig:
    """Settings from a document that ``lint/schemas/iop-config.schema.json`` accepts (else ConfigError)."""
    from iop.lint.profiles import available
    from iop.lint.schemas import CONFIG, check, finding, message, suggestion

    check(doc, CONFIG, ConfigError)
    data = doc.data
    profile = data.get("profile")
    if profile is not None and profile not in (known := available()):
        problem = text(
            f"Profilen '{profile}' finns inte (tillgängliga: {', '.join(known)}).",
            f"The profile '{profile}' does not exist (available: {', '.join(known)}).",
        )
        raise ConfigError(message([finding(doc, ("profile",), problem, suggestion(profile, known))]))
    disable = data.get("disable") or []
    return LintConfig(
        profile=profile,
        fail_on=data.get("fail-on"),
        disable=(disable,) if isinstance(disable, str) else tuple(disable),
        severity=dict(data.get("severity") or {}),
        cache=data.get("cache"),
        file=doc.path,
    )


def _read_yaml(file: Path) -> LintConfig:
    from iop.lint.schemas import read

    doc = read(file, _display(file), text("Inställningsfilen", "The settings file"), ConfigError, empty_ok=True)
    return LintConfig(file=file) if doc is None else _parse(doc)


_TABLE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r"^(\s*)([A-Za-z0-9_\-.\"' ]+?)\s*=\s*")
_INNER_KEY = re.compile(r"([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=")
_ITEM = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'[^']*'")


def _dotted(name: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in name.split("."))


def _toml_positions(source: str) -> Positions:
    """Where the keys and values of ``[tool.iop]`` stand in a ``pyproject.toml`` (0-based).

    tomllib keeps no positions; this finds ``key = value`` lines of the section and its
    sub-tables, keys of one-line inline tables and items of one-line arrays. A place it
    does not find is shown at the nearest enclosing key.
    """
    positions: Positions = {}
    prefix: tuple[str, ...] | None = None
    for number, line in enumerate(source.splitlines()):
        table = _TABLE.match(line)
        if table and not line.lstrip().startswith("[["):
            name = _dotted(table.group(1))
            prefix = name[2:] if name[:2] == ("tool", "iop") else None
            continue
        key = _KEY.match(line)
        if prefix is None or key is None:
            continue
        path = (*prefix, *_dotted(key.group(2)))
        column = len(key.group(1))
        value = key.end()
        positions[path] = (number, column, number, value)
        rest = line[value:]
        if rest.startswith("{"):
            for inner in _INNER_KEY.finditer(rest):
                at = value + inner.start()
                positions[(*path, inner.group(1).strip('"'))] = (number, at, number, value + inner.end() + 1)
        elif rest.startswith("["):
            for index, item in enumerate(_ITEM.finditer(rest)):
                at = value + item.start()
                positions[(*path, index)] = (number, at, number, at)
    return positions


def _read_pyproject(file: Path) -> LintConfig | None:
    import tomllib

    from iop.files import read_regular
    from iop.loader import Document

    shown = _display(file)
    try:
        source = read_regular(file, SETTINGS_LIMIT).decode("utf-8")
        data = tomllib.loads(source)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ConfigError(
            text(f"{shown}: kan inte läsas ({detail}).", f"{shown}: cannot be read ({detail}).")
        ) from None
    tool = data.get("tool")
    section = tool.get("iop") if isinstance(tool, dict) else None
    if section is None:
        return None
    positions = _toml_positions(source)
    if not isinstance(section, dict):
        line = next((p[0] + 1 for path, p in positions.items() if not path), 1)
        raise ConfigError(
            text(f"{shown}:{line}:1: [tool.iop] ska vara en tabell.", f"{shown}:{line}:1: [tool.iop] must be a table.")
        )
    doc = Document(path=file, display=shown, raw=b"", text=source, data=section, positions=positions)
    return _parse(doc)


def find_config(start: Path | None = None) -> LintConfig:
    """The settings of the nearest folder (from ``start``, default cwd, upward) that has any.

    Raises :class:`ConfigError` naming every problem in the file as ``file:line:column``.
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / ".iop.yaml"
        if candidate.is_file():
            return _read_yaml(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _mentions_iop(pyproject):
            found = _read_pyproject(pyproject)
            if found is not None:
                return found
    return LintConfig()


def _mentions_iop(file: Path) -> bool:
    """Whether a ``pyproject.toml`` may have a ``[tool.iop]`` section (read bounded, never blocking)."""
    from iop.files import read_regular

    try:
        return b"[tool.iop" in read_regular(file, SETTINGS_LIMIT)
    except OSError:
        return False  # unreadable or too large: not taken for iop's settings
