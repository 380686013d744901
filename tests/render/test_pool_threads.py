"""Render workers started from a process with other threads: no fork, so no lock held for ever.

A forked child keeps every lock as it was at the fork, held by threads that no longer
exist there. Seen once: a pool forked after Playwright started its threads hung for
14 minutes. The scenario below makes that certain: a thread is stuck halfway through
importing the module the workers render HTML with, holding that module's import lock.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

RunScript = Callable[[str, list[str], float, str], tuple[int, str, str]]  # the run_script fixture
REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"
EXAMPLE = REPO / "agreements" / "orebro-stadsmissionen-gemenskap.yaml"

SCRIPT = f"""
import sys
from pathlib import Path

sys.path.insert(0, {str(TESTS)!r})
import stuck_import
from iop.i18n import set_lang
from iop.pools import pool_context
from iop.render.batch import Job, run

if __name__ == "__main__":
    stuck_import.hold('iop.render.office')  # what a worker imports to render HTML
    set_lang("en")
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    jobs = [Job(source, ("html",), out, draft=True), Job(out / "missing.yaml", ("html",), out, draft=True)]
    print("context", pool_context().get_start_method())
    for outcome in run(jobs, workers=2):
        print("written", [p.name for p in outcome.written], "failure", outcome.failure)
    stuck_import.release()
"""


def test_render_pool_from_a_threaded_process_completes(tmp_path: Path, run_script: RunScript) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code, stdout, stderr = run_script(
        SCRIPT,
        [str(EXAMPLE), str(out)],
        60,
        "the render pool hung: a worker was forked from a process with another thread",
    )
    assert code == 0, stderr
    lines = stdout.splitlines()
    assert lines[0] in ("context forkserver", "context spawn"), stdout
    assert lines[1] == f"written ['{EXAMPLE.stem}.html'] failure None", stdout
    # The worker speaks the language chosen in the parent, as a forked one would.
    assert lines[2].startswith("written [] failure the file cannot be read"), stdout
    assert (out / f"{EXAMPLE.stem}.html").stat().st_size > 0
