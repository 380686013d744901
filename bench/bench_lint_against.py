"""Single-file ``iop lint`` speed of this checkout against an earlier commit, in one run.

Run: ``.venv/bin/python bench/bench_lint_against.py [REV] [--repeat N]`` (default ``HEAD~1``).

Extracts REV with ``git archive`` into a temporary folder and runs
``iop lint FILE --no-cache`` from each source tree in alternation (the same interpreter and
installed dependencies; ``PYTHONPATH`` picks the tree), so that load from other processes hits
both alike. Reports the best wall-clock time of each and their ratio, per example agreement
and in total, and the in-process time of linting one loaded file (``lint_document``), whose
difference is what the change itself costs. The target for a change to the rules: at most 10 %
slower than before.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "agreements").glob("*.yaml"))
IN_PROCESS = """
import sys, time
from pathlib import Path
from iop.lint.config import LintConfig
from iop.lint.document import lint_document
from iop.lint.ruleset import RuleSet
from iop.loader import load
files = [Path(p) for p in sys.argv[1:]]
ruleset = RuleSet.load()
config = LintConfig()
for f in files:
    lint_document(load(f), ruleset, config=config)
best = 1e9
for _ in range(5):
    docs = [load(f) for f in files]
    start = time.perf_counter()
    for doc in docs:
        lint_document(doc, ruleset, config=config)
    best = min(best, (time.perf_counter() - start) / len(docs))
print(best)
"""


def _tree(rev: str, into: Path) -> Path:
    archive = into / "rev.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "-C", str(ROOT), "archive", rev], stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "tree", filter="data")
    return into / "tree"


def _env(tree: Path, cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tree / "src")
    env["IOP_CACHE_DIR"] = str(cache)
    return env


def _lint_once(tree: Path, file: Path, cache: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from iop.cli import main; main()",
            "lint",
            str(file),
            "--no-cache",
            "--fail-on",
            "never",
        ],
        cwd=tree,
        env=_env(tree, cache),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start


def _in_process(tree: Path, cache: Path) -> float:
    done = subprocess.run(
        [sys.executable, "-c", IN_PROCESS, *map(str, FILES)],
        cwd=tree,
        env=_env(tree, cache),
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", nargs="?", default="HEAD~1")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="iop-bench-against-") as tmp:
        work = Path(tmp)
        old = _tree(args.rev, work)
        trees = {"före": old, "nu": ROOT}
        caches = {name: work / f"cache-{name}" for name in trees}
        for name, tree in trees.items():  # warm: compiled bytecode and the compiled-rules cache
            _lint_once(tree, FILES[0], caches[name])
        total = {name: 0.0 for name in trees}
        print(f"iop lint FIL --no-cache, bäst av {args.repeat}, före = {args.rev}")
        for file in FILES:
            best = {
                name: min(_lint_once(tree, file, caches[name]) for _ in range(1))
                for name, tree in trees.items()
            }
            for _ in range(args.repeat - 1):
                for name, tree in trees.items():
                    best[name] = min(best[name], _lint_once(tree, file, caches[name]))
            for name in trees:
                total[name] += best[name]
            print(
                f"  {file.name:<40} före {best['före'] * 1000:6.0f} ms  nu {best['nu'] * 1000:6.0f} ms  kvot {best['nu'] / best['före']:.3f}"
            )
        print(
            f"  {'totalt':<40} före {total['före'] * 1000:6.0f} ms  nu {total['nu'] * 1000:6.0f} ms  kvot {total['nu'] / total['före']:.3f}"
        )
        inner = {name: _in_process(tree, caches[name]) for name, tree in trees.items()}
        print(
            f"lint_document per fil i en process: före {inner['före'] * 1000:.1f} ms, nu {inner['nu'] * 1000:.1f} ms, "
            f"kvot {inner['nu'] / inner['före']:.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
