"""Lint workers started from a process with other threads: no fork, so no lock held for ever.

The scenario of tests/render/test_pool_threads.py for the lint pool: a thread is stuck halfway
through importing a module every lint worker imports when it lints its first file
(``iop.lint.suppress``), holding that module's import lock. A worker forked then would wait
for the lock for ever; one from a fork server has a fresh interpreter.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from iop.lint.batch import POOL_MIN_FILES

RunScript = Callable[[str, list[str], float, str], tuple[int, str, str]]  # the run_script fixture
REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"
EXAMPLE = REPO / "agreements" / "orebro-stadsmissionen-gemenskap.yaml"
BROKEN = "id: [unclosed\n"

SCRIPT = f"""
import sys
from pathlib import Path

sys.path.insert(0, {str(TESTS)!r})
import stuck_import
from iop.lint.batch import lint_paths
from iop.lint.config import LintConfig
from iop.lint.ruleset import RuleSet
from iop.pools import pool_context

if __name__ == "__main__":
    stuck_import.hold('iop.lint.suppress')  # what a lint worker imports for its first file
    files = sorted(Path(sys.argv[1]).glob("*.yaml"))
    print("context", pool_context().get_start_method())
    results = lint_paths(files, RuleSet.load(), config=LintConfig(), jobs=2)
    for result in results:
        print(result.path.name, sorted({{d.rule for d in result.diagnostics}}))
    stuck_import.release()
"""


def test_lint_pool_from_a_threaded_process_completes(tmp_path: Path, run_script: RunScript) -> None:
    folder = tmp_path / "avtal"
    folder.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    for i in range(POOL_MIN_FILES):
        (folder / f"{i:02d}.yaml").write_text(text, encoding="utf-8")
    (folder / "zz-trasig.yaml").write_text(BROKEN, encoding="utf-8")
    code, stdout, stderr = run_script(
        SCRIPT,
        [str(folder)],
        120,
        "the lint pool hung: a worker was forked from a process with another thread",
    )
    assert code == 0, stderr
    lines = stdout.splitlines()
    assert lines[0] in ("context forkserver", "context spawn"), stdout
    assert len(lines) == 1 + POOL_MIN_FILES + 1, stdout
    # Every copy of the example gets the same findings as the first; the broken file its load error.
    assert len(set(line.split(" ", 1)[1] for line in lines[1:-1])) == 1, stdout
    assert lines[-1].startswith("zz-trasig.yaml ['YAML"), stdout
