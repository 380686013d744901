"""Helpers for the revision tests: edit real example agreements structurally in tmp."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "agreements" / "linkoping-brottsofferjouren.yaml"


def yaml_rt() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100_000
    return yaml


def edited(source: Path, edit: Callable[[Any], None]) -> str:
    """The text of ``source`` after ``edit`` changed its round-trip tree."""
    yaml = yaml_rt()
    root = yaml.load(source.read_text(encoding="utf-8"))
    edit(root)
    out = io.StringIO()
    yaml.dump(root, out)
    return out.getvalue()


def git(cwd: Path, *args: str) -> str:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "HOME": str(cwd),
        "PATH": "/usr/bin:/bin",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return result.stdout


def init_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    return path
