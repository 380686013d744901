"""Find the data folders a domain expert edits: ``schema/``, ``lint/`` and ``render/``.

From a checkout they sit at the repository root; in an installed wheel they are
copied into the package as ``iop/_assets/`` (see ``setup.py``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
ASSET_DIRS = ("schema", "lint", "render", "init")


@cache
def asset_root() -> Path:
    """The folder that holds ``schema/``, ``lint/`` and ``render/``."""
    bundled = _PACKAGE / "_assets"
    if (bundled / "schema").is_dir():
        return bundled
    checkout = _PACKAGE.parent.parent
    if (checkout / "schema").is_dir():
        return checkout
    raise FileNotFoundError("iop: cannot find schema/, lint/ and render/ (broken install)")


def asset(*parts: str) -> Path:
    """Path of an asset, e.g. ``asset("schema", "iop-overenskommelse.schema.json")``."""
    return asset_root().joinpath(*parts)


SCHEMA_FILE = "iop-overenskommelse.schema.json"


def schema_path() -> Path:
    """The agreement JSON Schema."""
    return asset("schema", SCHEMA_FILE)
