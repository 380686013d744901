"""The files ``iop init`` writes, and writing them without overwriting anything."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from iop import __version__
from iop.assets import SCHEMA_FILE, asset, schema_path
from iop.starter.hooks import HookSource

CONFIG_SCHEMA = "iop-config.schema.json"

# target path in the new repository -> template in the init/ assets (None: see plan())
TEMPLATES: dict[str, str | None] = {
    "agreements/.gitkeep": None,
    ".gitignore": "gitignore",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".iop.yaml": "iop.yaml",
    ".vscode/settings.json": "vscode-settings.json",
    ".vscode/extensions.json": "vscode-extensions.json",
    ".github/workflows/iop.yml": "workflow.yml",
    f"schema/{SCHEMA_FILE}": None,
    f"schema/{CONFIG_SCHEMA}": None,
    "README.md": "README.md",
}
SCHEMA_COPY = f"schema/{SCHEMA_FILE}"
CONFIG_COPY = f"schema/{CONFIG_SCHEMA}"
"""The schema of ``.iop.yaml`` (``lint/schemas/``), for the editor."""

CREATED = "created"
UNCHANGED = "unchanged"
KEPT = "kept"
REPLACED = "replaced"


@dataclass(frozen=True)
class Planned:
    """One file of the new repository."""

    path: str
    content: bytes


def plan(hooks: HookSource, profile: str) -> list[Planned]:
    """Every file with its content, in a stable order."""
    values = {
        "@@VERSION@@": __version__,
        "@@REPO@@": hooks.repo,
        "@@REV@@": hooks.rev,
        "@@PACKAGE@@": hooks.package,
        "@@PROFILE@@": profile,
    }
    files = []
    for target, template in TEMPLATES.items():
        if target == SCHEMA_COPY:
            content = schema_path().read_bytes()
        elif target == CONFIG_COPY:
            content = asset("lint", "schemas", CONFIG_SCHEMA).read_bytes()
        elif template is None:
            content = b""
        else:
            text = asset("init", template).read_text(encoding="utf-8")
            for key, value in values.items():
                text = text.replace(key, value)
            content = text.encode("utf-8")
        files.append(Planned(target, content))
    return files


def write(root: Path, planned: Planned, force: bool) -> str:
    """Write one file unless a different one is there (``force`` replaces it)."""
    target = root / planned.path
    if target.is_file():
        if target.read_bytes() == planned.content:
            return UNCHANGED
        if not force:
            return KEPT
    target.parent.mkdir(parents=True, exist_ok=True)
    existed = target.exists()
    tmp = target.with_name(f".{target.name}.iop-init")
    tmp.write_bytes(planned.content)
    os.replace(tmp, target)
    return REPLACED if existed else CREATED


def schema_copy_for(output: Path) -> Path | None:
    """The repository's schema copy (made by ``iop init``) for a file written at ``output``."""
    for folder in (output.resolve().parent, *output.resolve().parent.parents):
        candidate = folder / SCHEMA_COPY
        if candidate.is_file() and (folder / ".iop.yaml").is_file():
            return candidate
    return None
