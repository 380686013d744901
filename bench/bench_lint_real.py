"""The LOU text rules on real public text: recall, false alarms and precision per severity.

Run: ``.venv/bin/python bench/bench_lint_real.py [--rules DIR] [--show] [FILE ...]``.
Default files: the tuning half ``tests/data/real-tune*.yaml`` and the test halves ``tests/data/real-test*.yaml``.

A clause counts as flagged when a text rule of severity warning or error fires on it
(the same definition as ``bench/bench_lint_quality.py``). Precision per severity: of
the clauses whose highest finding has that severity, the share labelled risky. The
targets on the test half: recall >= 0.92, false alarms <= 0.04, error precision >= 0.97.

The test half is blind: this script prints only aggregate figures for it, never which
clauses it misses or flags, unless ``--unblind`` is given (after the final round).
``--show`` lists misses and false alarms for the other files. ``--rules`` measures
another set of rule packs (for example those of an earlier commit, extracted with
``git archive``), so that before and after are measured in one run.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from iop.lint.rules import load_rules
from iop.lint.text.model import Model, default_path, read
from iop.lint.text.quality import Quality, evaluate, load_clauses

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [*sorted((ROOT / "tests/data").glob("real-tune*.yaml")), *sorted((ROOT / "tests/data").glob("real-test*.yaml"))]
TARGETS = {"recall": 0.92, "fpr": 0.04, "error_precision": 0.97}


def blind(path: Path) -> bool:
    """Whether a labelled file is a blind test half (its misses must stay unseen)."""
    return "test" in path.stem


def summary(q: Quality) -> str:
    err, warn = q.by_severity.get("error", [0, 0]), q.by_severity.get("warning", [0, 0])
    return (
        f"recall {q.recall:.3f} ({q.hits}/{q.risky})  "
        f"false alarms {q.fpr:.3f} ({len(q.false_alarms)}/{q.benign})  "
        f"precision error {q.precision('error'):.3f} ({err[0]}/{err[1]})  "
        f"warning {q.precision('warning'):.3f} ({warn[0]}/{warn[1]})"
    )


def report(path: Path, rules_dir: Path | None, show: bool, unblind: bool, model: Model | None) -> Quality:
    rules = load_rules([rules_dir] if rules_dir else None)
    q = evaluate(load_clauses(path), rules, model=model)
    print(f"== {path.name}: {summary(q)}")
    if show and (unblind or not blind(path)):
        for clause in q.misses:
            print(f"  MISS  [{clause.family}] {clause.text}")
        for clause, codes in q.false_alarms:
            print(f"  FALSE [{clause.family}] {','.join(codes)}: {clause.text}")
    return q


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rules", type=Path, help="folder of rule packs (default lint/rules)")
    parser.add_argument("--show", action="store_true", help="list misses and false alarms (not blind halves)")
    parser.add_argument("--unblind", action="store_true", help="also list them for a blind test half")
    parser.add_argument("--model", type=Path, help="the learned second opinion (default: the shipped one)")
    parser.add_argument("--no-model", action="store_true", help="rules only")
    parser.add_argument("--second", type=float, help="override the model's second-opinion threshold")
    parser.add_argument("--veto", type=float, help="override the model's veto threshold")
    parser.add_argument("--confirm", type=float, help="override the model's threshold for keeping an error")
    args = parser.parse_args(argv)
    paths = args.files or [p for p in DEFAULT if p.exists()]
    model = None
    if not args.no_model and (args.model or default_path()).exists():
        base = read(args.model or default_path())
        second = base.second if args.second is None else args.second
        veto = base.veto if args.veto is None else args.veto
        confirm = base.confirm if args.confirm is None else args.confirm
        model = Model(base.weights, base.bias, second, veto, confirm)
        print(f"(modell: andra åsikt från {second}, veto under {veto}, fel bekräftas från {confirm})")
    for path in paths:
        report(path, args.rules, args.show, args.unblind, model)


if __name__ == "__main__":
    main()
