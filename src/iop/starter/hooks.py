"""Where a new repository's pre-commit hooks and CI install iop from, pinned to a release.

The hooks are pinned to this version's release tag (``v`` + version) or a commit. The
repository address comes from ``--hooks-repo``, else from how this copy of iop was
installed (PEP 610 ``direct_url.json``): a git URL (``pipx install git+https://...``)
or a local git checkout (``make install``, ``pip install -e .``).
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

from iop import __version__

_TAG_PREFIX = "v"


def release_tag() -> str:
    """The git tag of this version's release, e.g. ``v0.2.0``."""
    return f"{_TAG_PREFIX}{__version__}"


@dataclass(frozen=True)
class HookSource:
    """A pre-commit ``repo:`` and ``rev:``."""

    repo: str
    rev: str

    @property
    def package(self) -> str:
        """The same release as a pip requirement (for CI)."""
        if "://" in self.repo or self.repo.startswith("git@"):
            base = self.repo if self.repo.startswith("git+") else f"git+{self.repo}"
        else:
            base = f"git+{Path(self.repo).resolve().as_uri()}"
        return f"{base}@{self.rev}"


def resolve(repo: str | None, rev: str | None) -> HookSource | None:
    """The given source, else the one this iop was installed from; None when unknown."""
    if repo:
        return HookSource(repo, rev or release_tag())
    found = installed_source()
    if found is None:
        return None
    return HookSource(found.repo, rev or found.rev)


def installed_source() -> HookSource | None:
    """The git repository and release this copy of iop was installed from, if known."""
    try:
        raw = metadata.distribution("iop").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    if not raw:
        return None
    try:
        info = json.loads(raw)
    except ValueError:
        return None
    url = str(info.get("url", ""))
    vcs = info.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git":
        requested = str(vcs.get("requested_revision") or "")
        commit = str(vcs.get("commit_id") or "")
        # a branch name would move under the hooks; a tag or the commit does not
        rev = requested if requested == release_tag() else commit
        return HookSource(url, rev) if rev else None
    if isinstance(info.get("dir_info"), dict) and url.startswith("file:"):
        return _checkout_source(Path(unquote(urlparse(url).path)))
    return None


def _checkout_source(path: Path) -> HookSource | None:
    """A local git checkout: its release tag when the tag exists, else its HEAD commit."""
    if not (path / ".git").exists():
        return None
    tag = release_tag()
    for ref in (f"refs/tags/{tag}", "HEAD"):
        try:
            done = subprocess.run(
                ["git", "-C", str(path), "rev-parse", "-q", "--verify", f"{ref}^{{commit}}"],
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
        except OSError:
            return None
        if done.returncode == 0:
            return HookSource(str(path), tag if ref != "HEAD" else done.stdout.strip())
    return None
