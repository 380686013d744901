"""Where a rendered copy comes from: source hash, git commit, a reproducible date."""

from __future__ import annotations

import contextlib
import datetime as dt
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from iop import __version__


@dataclass(frozen=True)
class Provenance:
    """Facts written into every output's metadata."""

    source: str
    sha256: str
    commit: str | None
    git_state: str | None
    """``ren`` (file as committed), ``ändrad`` (modified) or ``ej incheckad`` (untracked); None outside git."""
    tool_version: str
    timestamp: dt.datetime


def _git(args: list[str], cwd: Path) -> str | None:
    try:
        out = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def git_info(path: Path) -> tuple[str | None, str | None]:
    """(HEAD commit, state of ``path``) when ``path`` lies in a git work tree, else (None, None)."""
    folder = path.resolve().parent
    commit = _git(["rev-parse", "--verify", "-q", "HEAD"], folder)
    if not commit:
        return None, None
    status = _git(["status", "--porcelain", "--", path.resolve().name], folder)
    if status is None:
        return commit, None
    if not status:
        return commit, "ren"
    return commit, "ej incheckad" if status.startswith("??") else "ändrad"


def document_date(data: Mapping[str, Any]) -> dt.datetime:
    """A date derived from the agreement itself (newest decision or change), for reproducible output."""
    candidates: list[dt.date] = []
    for key in ("ändringar", "beslut"):
        entries = data.get(key)
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, Mapping):
                with contextlib.suppress(ValueError):
                    candidates.append(dt.date.fromisoformat(str(entry.get("datum"))))
    if not candidates:
        tidsram = data.get("tidsram")
        if isinstance(tidsram, Mapping):
            with contextlib.suppress(ValueError):
                candidates.append(dt.date.fromisoformat(str(tidsram.get("start"))))
    day = max(candidates) if candidates else dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, 12, 0, tzinfo=dt.UTC)


def source_name(path: Path) -> str:
    """The source's path relative to its git work tree, else its file name (never machine-specific)."""
    prefix = _git(["rev-parse", "--show-prefix"], path.resolve().parent)
    return f"{prefix or ''}{path.name}" if prefix is not None else path.name


def provenance(path: Path, sha256: str, data: Mapping[str, Any]) -> Provenance:
    """Provenance of the agreement at ``path`` with bytes hashing to ``sha256``."""
    commit, state = git_info(path)
    return Provenance(source_name(path), sha256, commit, state, __version__, document_date(data))
