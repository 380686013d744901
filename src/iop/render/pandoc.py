"""Run the pandoc bundled by pypandoc-binary on a JSON AST."""

from __future__ import annotations

import json
import os
import subprocess
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from iop.diagnostics import Diagnostic


class RenderError(Exception):
    """Rendering failed for a reason the user should see (not a bug in the agreement)."""


class UnshowableText(RenderError):
    """The agreement holds characters an output format cannot show; ``diagnostics`` says where."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(diagnostics[0].message["en"])
        self.diagnostics = diagnostics


@cache
def pandoc_path() -> str:
    import pypandoc

    path: str = pypandoc.get_pandoc_path()
    return path


@cache
def pandoc_version() -> str:
    import pypandoc

    version: str = pypandoc.get_pandoc_version()
    return version


def run(ast: dict[str, Any], to: str, args: list[str], *, epoch: int | None = None) -> bytes:
    """Convert ``ast`` to format ``to``; ``--sandbox`` keeps pandoc from reading any other file."""
    env = dict(os.environ)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        done = subprocess.run(
            [pandoc_path(), "--sandbox", "-f", "json", "-t", to, *args],
            input=json.dumps(ast, ensure_ascii=False).encode("utf-8"),
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise RenderError(f"pandoc: {exc}") from None
    if done.returncode != 0:
        raise RenderError(f"pandoc ({to}): {done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout
