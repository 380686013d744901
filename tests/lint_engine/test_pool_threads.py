"""Lint workers started from a process with other threads: no fork, so no lock held for ever.

The scenario of tests/render/test_pool_threads.py for the lint pool: a thread is stuck halfway
through importing a module every lint worker imports when it lints its first file
(``iop.lint.suppress``), holding that module's import lock. A worker forked then would wait
for the lock for ever; one from a fork server has a fresh interpreter.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from iop.lint.batch import POOL_MIN_FILES

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "agreements" / "orebro-stadsmissionen-gemenskap.yaml"
BROKEN = "id: [unclosed\n"

SCRIPT = """
import importlib.machinery, os, sys, threading
from pathlib import Path

from iop.lint.batch import lint_paths
from iop.lint.config import LintConfig
from iop.lint.ruleset import RuleSet
from iop.pools import pool_context

MODULE = "iop.lint.suppress"  # what a lint worker imports for its first file
PARENT = os.getpid()
entered, release = threading.Event(), threading.Event()


class Stuck:
    '''In this process only: the import of MODULE stops halfway, holding its import lock.'''

    def find_spec(self, name, path=None, target=None):
        if name != MODULE or os.getpid() != PARENT:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        spec.loader = StuckLoader(spec.loader)
        return spec


class StuckLoader:
    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        entered.set()
        release.wait()
        self.loader.exec_module(module)


if __name__ == "__main__":
    assert MODULE not in sys.modules
    sys.meta_path.insert(0, Stuck())
    threading.Thread(target=__import__, args=(MODULE,), daemon=True).start()
    entered.wait()
    files = sorted(Path(sys.argv[1]).glob("*.yaml"))
    print("context", pool_context().get_start_method())
    results = lint_paths(files, RuleSet.load(), config=LintConfig(), jobs=2)
    for result in results:
        print(result.path.name, sorted({d.rule for d in result.diagnostics}))
    release.set()
"""


def test_lint_pool_from_a_threaded_process_completes(tmp_path: Path) -> None:
    folder = tmp_path / "avtal"
    folder.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    for i in range(POOL_MIN_FILES):
        (folder / f"{i:02d}.yaml").write_text(text, encoding="utf-8")
    (folder / "zz-trasig.yaml").write_text(BROKEN, encoding="utf-8")
    script = tmp_path / "threaded_lint.py"
    script.write_text(SCRIPT, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(script), str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # the workers too can be ended if it hangs
    )
    try:
        stdout, stderr = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("the lint pool hung: a worker was forked from a process with another thread")
    assert process.returncode == 0, stderr
    lines = stdout.splitlines()
    assert lines[0] in ("context forkserver", "context spawn"), stdout
    assert len(lines) == 1 + POOL_MIN_FILES + 1, stdout
    # Every copy of the example gets the same findings as the first; the broken file its load error.
    assert len(set(line.split(" ", 1)[1] for line in lines[1:-1])) == 1, stdout
    assert lines[-1].startswith("zz-trasig.yaml ['YAML"), stdout
