"""Quality of the LOU text rules on labelled clauses: recall and false-positive rate.

Run: .venv/bin/python bench/bench_lint_quality.py [CLAUSES.yaml ...]
Default: tests/data/lou-clauses.yaml, then the held-out set if present.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from iop.lint.rules import load_rules
from iop.lint.ruleset import RuleSet
from iop.lint.text.quality import evaluate, load_clauses

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "tests/data/lou-clauses.yaml", ROOT / "tests/data/lou-clauses-holdout.yaml"]


def report(path: Path) -> None:
    rules = load_rules()
    ruleset = RuleSet(rules)  # built once, as iop lint does per run (not part of the time)
    clauses = load_clauses(path)
    start = time.perf_counter()
    q = evaluate(clauses, rules, ruleset)
    elapsed = time.perf_counter() - start
    print(f"== {path.name}: {q.risky} risky, {q.benign} benign clauses")
    print(f"recall {q.recall:.3f}  ({q.hits}/{q.risky})")
    print(f"false-positive rate {q.fpr:.3f}  ({len(q.false_alarms)}/{q.benign})")
    print(f"time {elapsed * 1000:.0f} ms for {len(clauses)} clauses")
    print("per family recall:")
    for fam, (found, total) in sorted(q.per_family.items()):
        print(f"  {fam:20s} {found}/{total}")
    for clause in q.misses:
        print(f"  MISS  [{clause.family}] {clause.text}")
    for clause, codes in q.false_alarms:
        print(f"  FALSE [{clause.family}] {','.join(codes)}: {clause.text}")
    print()


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv] or [p for p in DEFAULT if p.exists()]
    for path in paths:
        report(path)


if __name__ == "__main__":
    main(sys.argv[1:])
