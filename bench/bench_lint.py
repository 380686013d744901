"""Speed of ``iop lint`` against ``check-jsonschema`` on the same files, as ratios in one run.

Makes 500 copies of an example agreement (each with its own ``id``, so every file
has its own content hash) in a temporary folder and times, wall clock, best of
``--repeat`` runs:

- ``check-jsonschema --schemafile schema/iop-overenskommelse.schema.json`` on the 500 files;
- ``iop lint DIR --no-cache`` (validation + every rule, process pool);
- ``iop lint DIR`` with a warm cache (after one untimed priming run);
- both tools on one file.

Targets: 500 files in at most half of check-jsonschema's time; one file no slower;
a warm cache nearly free. Run: ``.venv/bin/python bench/bench_lint.py [--files N] [--repeat R]``.

The two tools are timed in alternation (``iop``, ``check-jsonschema``, ``iop``, ...)
so that load from other processes on the machine hits both alike. ``iop``'s
bytecode is compiled first, as installing a package does (check-jsonschema's
is there since pip installed it); without that, with ``PYTHONDONTWRITEBYTECODE``
set, every run would compile iop's ~40 modules from source. There is no rule
cache: every run reads and compiles the packs. The result cache lives in a fresh
private folder (``IOP_CACHE_DIR``) made for the run, so "cold" is a fresh cache
directory and "warm" the same folder after one priming run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
EXAMPLE = ROOT / "agreements" / "linkoping-brottsofferjouren.yaml"
SCHEMA = ROOT / "schema" / "iop-overenskommelse.schema.json"


def _run(cmd: list[str], cwd: Path) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.stderr.write(done.stderr.decode(errors="replace"))
    return seconds, done.returncode


def _time(cmd: list[str], cwd: Path, repeat: int) -> tuple[float, int]:
    """Best wall-clock time of ``repeat`` runs, and the last exit code."""
    best, code = min(_run(cmd, cwd) for _ in range(repeat))
    return best, code


def _pair(a: list[str], b: list[str], cwd: Path, repeat: int) -> tuple[tuple[float, int], tuple[float, int]]:
    """Best times of two commands run in alternation (shared machine load hits both alike)."""
    runs_a, runs_b = [], []
    for _ in range(repeat):
        runs_a.append(_run(a, cwd))
        runs_b.append(_run(b, cwd))
    return min(runs_a), min(runs_b)


def _compile_bytecode() -> None:
    """Compile iop's bytecode as an installation would (the interpreter may be told not to write it)."""
    import compileall

    import iop

    compileall.compile_dir(Path(iop.__file__).parent, quiet=1)


def _copies(folder: Path, count: int) -> list[Path]:
    text = EXAMPLE.read_text(encoding="utf-8")
    marker = "\nid: "
    assert marker in text
    head, tail = text.split(marker, 1)
    rest = tail.split("\n", 1)[1]
    files = []
    for i in range(count):
        path = folder / f"avtal-{i:04d}.yaml"
        path.write_text(f"{head}{marker}bench-{i:04d}\n{rest}", encoding="utf-8")
        files.append(path)
    return files


def _stages(files: list[Path]) -> list[tuple[str, float]]:
    """Milliseconds per file for each stage of linting, in this process (after a warm-up file)."""
    from iop.lint.checks import DocFacts
    from iop.lint.config import LintConfig
    from iop.lint.document import lint_document, structure_findings, text_findings
    from iop.lint.ruleset import RuleSet
    from iop.loader import load
    from iop.validation import validate

    config = LintConfig()
    ruleset = RuleSet.load()
    plan = ruleset.plan("bas", config)
    lint_document(load(files[0]), ruleset, config=config)
    sample = files[1:51]
    out = []
    start = time.perf_counter()
    docs = [load(p) for p in sample]
    out.append(("inläsning (loader)", time.perf_counter() - start))
    start = time.perf_counter()
    for doc in docs:
        validate(doc)
    out.append(("validering (schema, korsfält)", time.perf_counter() - start))
    start = time.perf_counter()
    for doc in docs:
        for eff in plan.rules.values():
            if eff.rule.kind == "text":
                text_findings(ruleset, doc, eff)
    out.append(("textregler (LOU1xx)", time.perf_counter() - start))
    start = time.perf_counter()
    for doc in docs:
        facts = DocFacts(doc)
        for eff in plan.rules.values():
            if eff.rule.kind == "structure":
                structure_findings(ruleset, doc, eff, facts)
    out.append(("strukturkontroller (STR2xx)", time.perf_counter() - start))
    start = time.perf_counter()
    for doc in docs:
        lint_document(doc, ruleset, config=config)
    out.append(("lint_document totalt", time.perf_counter() - start))
    return [(name, seconds / len(docs) * 1000) for name, seconds in out]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=2, help="runs per measurement (best is kept)")
    args = parser.parse_args()
    iop = str(BIN / "iop")
    cjs = str(BIN / "check-jsonschema")
    work = Path(tempfile.mkdtemp(prefix="iop-bench-lint-"))
    cache = Path(tempfile.mkdtemp(prefix="iop-bench-cache-"))
    try:
        folder = work / "avtal"
        folder.mkdir()
        files = _copies(folder, args.files)
        names = [str(p.relative_to(work)) for p in files]
        one = names[:1]
        print(
            f"{args.files} kopior av {EXAMPLE.name}; {os.cpu_count()} kärnor; bäst av {args.repeat} körningar"
        )

        _compile_bytecode()
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            print(
                "  (PYTHONDONTWRITEBYTECODE är satt: iop:s bytekod kompilerades först, som vid installation)"
            )
        os.environ["IOP_CACHE_DIR"] = str(cache)  # fresh and private, outside the checked folder
        (lint_cold, lint_code), (cjs_many, cjs_code) = _pair(
            [iop, "lint", "avtal", "--no-cache", "--fail-on", "never"],
            [cjs, "--schemafile", str(SCHEMA), *names],
            work,
            args.repeat,
        )
        primed = subprocess.run(  # prime the cache; its findings show that every rule ran
            [iop, "lint", "avtal", "--fail-on", "never", "--format", "json"],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
        )
        findings = json.loads(primed.stdout)["findings"]
        per_rule = sorted({f["rule"] for f in findings})
        lint_warm, _ = _time([iop, "lint", "avtal", "--fail-on", "never"], work, args.repeat)
        (lint_one, _), (cjs_one, _) = _pair(
            [iop, "lint", *one, "--no-cache", "--fail-on", "never"],
            [cjs, "--schemafile", str(SCHEMA), *one],
            work,
            args.repeat + 5,
        )
        validate_many, _ = _time([iop, "validate", "avtal"], work, args.repeat)

        rows = [
            ("check-jsonschema, alla filer", cjs_many),
            ("iop validate, alla filer", validate_many),
            ("iop lint --no-cache, alla filer", lint_cold),
            ("iop lint, varm cache, alla filer", lint_warm),
            ("check-jsonschema, en fil", cjs_one),
            ("iop lint --no-cache, en fil", lint_one),
        ]
        width = max(len(name) for name, _ in rows)
        for name, seconds in rows:
            print(f"  {name:<{width}}  {seconds:8.2f} s")
        print(f"  (check-jsonschema slutkod {cjs_code}, iop lint slutkod {lint_code})")
        print(f"  iop lint: {len(findings)} fynd i {args.files} filer, regler: {', '.join(per_rule) or '–'}")
        print("Kvoter (mål inom parentes):")
        print(f"  lint kall / check-jsonschema, {args.files} filer: {lint_cold / cjs_many:6.2f}  (<= 0.50)")
        print(f"  lint varm / check-jsonschema, {args.files} filer: {lint_warm / cjs_many:6.2f}  (nära 0)")
        print(f"  lint varm / lint kall:                    {lint_warm / lint_cold:6.2f}")
        print(f"  lint / check-jsonschema, en fil:          {lint_one / cjs_one:6.2f}  (<= 1.00)")
        print(f"  validate / check-jsonschema, {args.files} filer: {validate_many / cjs_many:6.2f}")
        print("Per fil i en process (ms):")
        for name, ms in _stages(files):
            print(f"  {name:<32} {ms:6.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
