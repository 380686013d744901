"""Where the two sides of a diff come from: files, ``REV:path`` and git ranges."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from iop.cliutil import AGREEMENT_SUFFIXES
from iop.files import AGREEMENT_LIMIT, read_regular
from iop.i18n import MessageError, text


class SourceError(MessageError):
    """A file, revision or path that cannot be read; ``message`` says why in both languages."""


@dataclass(frozen=True)
class Source:
    """Bytes of one side of a comparison and how to name it to the reader."""

    display: str
    raw: bytes


def _git(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise SourceError(text("Programmet git hittades inte.", "The git program was not found.")) from None


def is_rev_spec(spec: str) -> bool:
    """``REV:path`` (and not an existing file whose name happens to contain a colon)."""
    return ":" in spec and not Path(spec).exists()


def read_spec(spec: str, cwd: Path | None = None) -> Source:
    """Read a file path or ``REV:path`` (through ``git show``)."""
    if not is_rev_spec(spec):
        path = Path(spec)
        if not path.is_file():
            raise SourceError(text(f"Filen '{spec}' finns inte.", f"The file '{spec}' does not exist."))
        try:
            return Source(spec, read_regular(path, AGREEMENT_LIMIT))
        except OSError as exc:
            raise SourceError(
                text(
                    f"Filen '{spec}' kan inte läsas: {exc.strerror}.",
                    f"Cannot read '{spec}': {exc.strerror}.",
                )
            ) from None
    rev, _, path_part = spec.partition(":")
    return Source(spec, show(rev, path_part, cwd))


def show(rev: str, path: str, cwd: Path | None = None) -> bytes:
    """Bytes of ``path`` at revision ``rev``; a clear error when either does not exist."""
    if not rev or rev.startswith("-"):
        raise SourceError(text(f"Ogiltig revision '{rev}'.", f"Invalid revision '{rev}'."))
    check = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd)
    if check.returncode != 0:
        if _git(["rev-parse", "--git-dir"], cwd).returncode != 0:
            raise SourceError(
                text(
                    "Här finns inget git-förråd; 'REV:sökväg' kräver git.",
                    "Not inside a git repository; 'REV:path' needs git.",
                )
            )
        raise SourceError(
            text(f"Revisionen '{rev}' finns inte i git-förrådet.", f"The revision '{rev}' does not exist.")
        )
    result = _git(["show", f"{rev}:{path}"], cwd)
    if result.returncode != 0:
        raise SourceError(
            text(
                f"Filen '{path}' finns inte i revisionen '{rev}'. "
                "Ange sökvägen från förrådets rot, eller med ./ framför för en sökväg från aktuell mapp.",
                f"The file '{path}' does not exist in revision '{rev}'. "
                "Give the path from the repository root, or with ./ in front relative to the current folder.",
            )
        )
    return result.stdout


def exists_at(rev: str, path: str, cwd: Path | None = None) -> bool:
    """Whether ``path`` exists at ``rev`` (False also when there is no such revision)."""
    return _git(["cat-file", "-e", f"{rev}:{path}"], cwd).returncode == 0


def toplevel(cwd: Path | None = None) -> Path:
    """Root of the git working tree around ``cwd``."""
    result = _git(["rev-parse", "--show-toplevel"], cwd)
    if result.returncode != 0:
        raise SourceError(
            text("Här finns inget git-förråd.", "Not inside a git repository."),
        )
    return Path(result.stdout.decode().strip())


@dataclass(frozen=True)
class ChangedFile:
    """A YAML file that differs between two revisions (``None`` side = absent)."""

    old_path: str | None
    new_path: str | None


def changed_yaml(base: str, head: str | None, cwd: Path | None = None) -> list[ChangedFile]:
    """YAML files changed between ``base`` and ``head`` (``None`` = the working tree)."""
    for rev in (base, head):
        if rev is not None:
            show_check = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd)
            if show_check.returncode != 0:
                toplevel(cwd)
                raise SourceError(
                    text(
                        f"Revisionen '{rev}' finns inte i git-förrådet.",
                        f"The revision '{rev}' does not exist.",
                    )
                )
    args = ["diff", "--name-status", "--no-renames", "-z", base] + ([head] if head else [])
    result = _git(args, cwd)
    if result.returncode != 0:
        raise SourceError(text("git diff misslyckades.", "git diff failed."))
    fields = result.stdout.decode("utf-8", "surrogateescape").split("\0")
    out: list[ChangedFile] = []
    for status, path in zip(fields[0::2], fields[1::2], strict=False):
        if not path.endswith(AGREEMENT_SUFFIXES):
            continue
        if status.startswith("A"):
            out.append(ChangedFile(None, path))
        elif status.startswith("D"):
            out.append(ChangedFile(path, None))
        else:
            out.append(ChangedFile(path, path))
    return out
