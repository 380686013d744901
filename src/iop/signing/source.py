"""Compare the source SHA-256 embedded in a signing copy with an agreement YAML file.

The YAML is a file path or ``REV:path`` read with ``git show`` (for example
``v3:agreements/linkoping.yaml`` or ``HEAD~1:agreements/x.yaml``).
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass
from pathlib import Path

from iop.files import AGREEMENT_LIMIT, read_regular
from iop.signing.errors import SigningError
from iop.signing.metadata import AgreementMeta


@dataclass(frozen=True)
class SourceCheck:
    """The embedded hash against the hash of the given YAML bytes."""

    source: str
    embedded: str | None
    actual: str
    pdf_version: str | None
    source_version: str | None
    agreement_id: str | None

    @property
    def matches(self) -> bool:
        return self.embedded is not None and self.embedded == self.actual


def read_source(spec: str) -> bytes:
    """The bytes of a YAML file, or of ``REV:path`` from git."""
    path = Path(spec)
    if path.is_file():
        try:
            return read_regular(path, AGREEMENT_LIMIT)
        except OSError as exc:
            raise SigningError(
                f"Kan inte läsa '{spec}': {exc.strerror}.", f"Cannot read '{spec}': {exc.strerror}."
            ) from exc
    if ":" in spec:
        try:
            done = subprocess.run(["git", "show", spec], capture_output=True, check=False, timeout=30)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SigningError(f"git kunde inte köras: {exc}", f"git could not be run: {exc}") from exc
        if done.returncode == 0:
            return done.stdout
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = detail[-1] if detail else ""
        raise SigningError(
            f"'{spec}' finns inte i git ({reason}).", f"'{spec}' was not found in git ({reason})."
        )
    raise SigningError(f"Källfilen '{spec}' finns inte.", f"The source file '{spec}' does not exist.")


def check_source(spec: str, meta: AgreementMeta) -> SourceCheck:
    """Hash the source bytes and compare them with the PDF's embedded SHA-256."""
    from iop.loader import LoadError, loads

    raw = read_source(spec)
    version: str | None = None
    try:
        data = loads(raw, spec).data
        version = str(data["version"]) if "version" in data else None
    except (LoadError, KeyError, TypeError):
        version = None
    return SourceCheck(
        source=spec,
        embedded=meta.sha256,
        actual=hashlib.sha256(raw).hexdigest(),
        pdf_version=meta.version,
        source_version=version,
        agreement_id=meta.agreement_id,
    )
