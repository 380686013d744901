"""One register build and one headless Chromium for the whole session (both are expensive)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "agreements"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REGISTER_FILES = ("linkoping-brottsofferjouren", "linkoping-crossroads", "goteborg-ensamkommande")


def _missing(what: str) -> None:
    message = f"{what} saknas: installera med 'apt-get install -y chromium' och 'pip install -e .[dev]'."
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def register_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The register of two listed agreements and one draft, with public PDFs."""
    from iop.register.site import build_site

    out = tmp_path_factory.mktemp("register") / "site"
    # One process: the fixture may run after Playwright started its threads, and a pool
    # forked from a threaded process can deadlock on a lock held at the fork (seen once, 14 min).
    build_site([EXAMPLES / f"{name}.yaml" for name in REGISTER_FILES], out, with_pdf=True, jobs=1)
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (never a downloaded browser).

    One browser for all browser tests, which live in one module: module scope closes it
    (and Playwright's event loop) before other modules run, since pyHanko's signing calls
    ``asyncio.run``, which refuses to start inside a running loop.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright för Python")
    path = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if path is None:
        _missing("Chromium")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()
