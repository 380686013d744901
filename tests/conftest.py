"""Shared fixtures: the repository, its example agreements and the installed command."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from iop.lint.ruleset import RuleSet

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def example_files() -> list[Path]:
    files = sorted((REPO / "agreements").glob("*.yaml"))
    assert files, "agreements/ has no example agreements"
    return files


@pytest.fixture(scope="session")
def iop_exe() -> str:
    """Path of the installed ``iop`` console command (beside this interpreter)."""
    candidate = Path(sys.executable).parent / "iop"
    found = str(candidate) if candidate.exists() else shutil.which("iop")
    assert found, "the iop command is not installed"
    return found


WHEEL_SOURCES = ("pyproject.toml", "setup.py", "README.md", "src", "schema", "lint", "render", "init")


@pytest.fixture(scope="session")
def iop_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of this tree, offline (no index, no build isolation).

    The copy keeps build/ and egg-info out of the shared checkout; the project venv
    has the setuptools the build needs (a dev dependency), so nothing is downloaded.
    """
    work = tmp_path_factory.mktemp("wheel")
    tree = work / "tree"
    tree.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in WHEEL_SOURCES:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, tree / name, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, tree / name)
    out = work / "dist"
    args = ["wheel", "--no-deps", "--no-index", "--no-build-isolation", "-q", "-w", str(out), str(tree)]
    result = subprocess.run(
        [sys.executable, "-m", "pip", *args], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("iop-*.whl")
    return built


@pytest.fixture(scope="session")
def offline_hook_env() -> dict[str, str]:
    """Environment for pre-commit to build its iop hook environment without an index.

    pre-commit installs iop from the hook repository with ``pip install .``; here pip
    builds it without isolation (setuptools from this venv) and skips the dependencies,
    which the hooks then import from this project's venv through ``PYTHONPATH``. That
    is seconds instead of minutes of installing Pandoc, Typst and pikepdf again, and
    needs no network.
    """
    import sysconfig

    return {
        "PYTHONPATH": sysconfig.get_paths()["purelib"],
        "PIP_NO_INDEX": "1",
        "PIP_NO_DEPS": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # pip's spelling for "build without isolation"
    }


@pytest.fixture(scope="session")
def example_pdfs(example_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    """Every example agreement's PDF (rendered by the library, bypassing the lint gate)."""
    from iop.loader import load
    from iop.render.pdf import render_pdf
    from iop.render.provenance import provenance

    out = tmp_path_factory.mktemp("examples")
    pdfs = {}
    for path in example_files:
        doc = load(path)
        data = render_pdf(
            doc, provenance(path, doc.sha256, doc.data), draft=doc.data.get("status") == "utkast"
        )
        target = out / f"{path.stem}.pdf"
        target.write_bytes(data)
        pdfs[path] = target
    return pdfs


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test has its own cache directory (``IOP_CACHE_DIR``, which also applies when
    ``CI`` is set), so parallel runs share nothing and no test touches the user's cache."""
    folder = tmp_path_factory.mktemp("iop-cache")
    folder.chmod(0o700)
    monkeypatch.setenv("IOP_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    """The installed rule packs, loaded once for the session."""
    from iop.lint.ruleset import RuleSet

    return RuleSet.load()


@pytest.fixture(autouse=True)
def _swedish_by_default() -> object:
    """Every test starts in Swedish: ``--lang en`` in one test must not leak into the next."""
    from iop import i18n

    i18n.set_lang("sv")
    yield
    i18n.set_lang("sv")


@pytest.fixture
def run_script(tmp_path: Path) -> Callable[[str, list[str], float, str], tuple[int, str, str]]:
    """Run Python source as a script in a session of its own and return (exit code, stdout,
    stderr); when it outlives ``timeout`` seconds, kill it with every process it started
    (pool workers too) and fail the test with ``hung``."""

    def run(source: str, args: list[str], timeout: float, hung: str) -> tuple[int, str, str]:
        script = tmp_path / "child_script.py"
        script.write_text(source, encoding="utf-8")
        process = subprocess.Popen(
            [sys.executable, str(script), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail(hung)
        return process.returncode, stdout, stderr

    return run
