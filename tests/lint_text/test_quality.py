"""The text rules meet the quality targets on the labelled clause set (behaviour, not timing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop.lint.rules import load_rules
from iop.lint.text.quality import evaluate, load_clauses


def test_labelled_set_recall_and_false_positive_rate(repo_root: Path) -> None:
    clauses = load_clauses(repo_root / "tests/data/lou-clauses.yaml")
    assert sum(c.label == "risk" for c in clauses) >= 80
    assert sum(c.label == "ok" for c in clauses) >= 80
    q = evaluate(clauses, load_rules())
    misses = [c.text for c in q.misses]
    false_alarms = [(c.text, codes) for c, codes in q.false_alarms]
    assert q.recall >= 0.95, misses
    assert q.fpr <= 0.05, false_alarms


def test_clauses_do_not_copy_rule_examples(repo_root: Path) -> None:
    examples = {
        ex.strip().lower() for r in load_rules().values() for ex in (*r.examples.fires, *r.examples.passes)
    }
    for name in ("lou-clauses.yaml", "lou-clauses-holdout.yaml"):
        path = repo_root / "tests/data" / name
        if path.exists():
            copied = [c.text for c in load_clauses(path) if c.text.strip().lower() in examples]
            assert copied == [], f"{name} repeats rule examples"


def test_real_text_tune_half(repo_root: Path) -> None:
    """Real public text, paraphrased with its source (tests/data/SOURCES-real.md): the tuning
    half meets the issue's targets. The blind test half is measured by bench/bench_lint_real.py."""
    q = evaluate(load_clauses(repo_root / "tests/data/real-tune.yaml"), load_rules())
    assert q.risky >= 100 and q.benign >= 100
    assert q.recall >= 0.92, [c.text for c in q.misses]
    assert q.fpr <= 0.04, [(c.text, codes) for c, codes in q.false_alarms]
    assert q.precision("error") >= 0.97


@pytest.mark.parametrize(("name", "least"), [("real-tune-2.yaml", 70), ("real-tune-3.yaml", 20)])
def test_real_text_later_tune_files(repo_root: Path, name: str, least: int) -> None:
    """The tuning sentences added in rounds 7 and 8 from new sources (real-tune-2.yaml,
    real-tune-3.yaml): the rules alone keep every benign sentence clean and read errors only in
    risky ones; with the model (trained on them) the issue's targets are met."""
    from iop.lint.text.model import default_path, read

    clauses = load_clauses(repo_root / "tests/data" / name)
    rules_only = evaluate(clauses, load_rules())
    assert rules_only.risky >= least and rules_only.benign >= least
    assert rules_only.fpr <= 0.04, [(c.text, codes) for c, codes in rules_only.false_alarms]
    assert rules_only.precision("error") >= 0.97
    q = evaluate(clauses, load_rules(), model=read(default_path()))
    assert q.recall >= 0.92, [c.text for c in q.misses]
    assert q.fpr <= 0.04, [(c.text, codes) for c, codes in q.false_alarms]
    assert q.precision("error") >= 0.97


@pytest.mark.parametrize(
    "name",
    [f"real-tune-{n}.yaml" for n in range(4, 16)],
)
def test_real_text_later_files_with_the_model(repo_root: Path, name: str) -> None:
    """The first test half (opened after round 8) and the tuning and validation files of rounds
    9 to 11: rules and model (trained on them) meet the issue's targets. What they did on first
    reading, before anything was tuned on them, is recorded in lint/README.md."""
    from iop.lint.text.model import default_path, read

    q = evaluate(load_clauses(repo_root / "tests/data" / name), load_rules(), model=read(default_path()))
    assert q.risky >= 40 and q.benign >= 40
    assert q.recall >= 0.92, [c.text for c in q.misses]
    assert q.fpr <= 0.04, [(c.text, codes) for c, codes in q.false_alarms]
    assert q.precision("error") >= 0.97


def _blind_figures(repo_root: Path, *names: str) -> tuple[int, int, float, float, float]:
    """Risky and benign counts, recall, false alarms and error precision of blind test halves,
    rules and model as iop lint applies them: plain numbers, so that a failing assertion never
    prints the half's sentences."""
    from iop.lint.text.model import default_path, read

    clauses = [c for name in names for c in load_clauses(repo_root / "tests/data" / name)]
    q = evaluate(clauses, load_rules(), model=read(default_path()))
    return q.risky, q.benign, q.recall, q.fpr, q.precision("error")


def test_real_text_test_half_with_the_model(repo_root: Path) -> None:
    """The second blind test half (rounds 9 to 12), rules and model together as iop lint applies
    them. Recall (target 0.92; 0.932 at the end of round 12) meets its target and is asserted.
    False alarms (target 0.04; 0.043) and error precision (target 0.97; 0.947) do not, so only
    floors at those figures are asserted, to catch a regression. Plain numbers only: a failing
    assertion must not print the blind half's sentences."""
    risky, benign, recall, fpr, error_precision = _blind_figures(repo_root, "real-test.yaml")
    assert risky >= 100 and benign >= 100
    assert recall >= 0.92
    assert fpr <= 0.044
    assert error_precision >= 0.94


def test_real_text_third_test_half_with_the_model(repo_root: Path) -> None:
    """The third blind test half (written after round 11), rules and model as iop lint applies
    them. False alarms (target 0.04; 0.017 at the end of round 12) and error precision (target
    0.97; 1.000) meet their targets and are asserted; recall does not (target 0.92; 0.888, 103 of
    116), so only a floor at that figure is asserted. Plain numbers only."""
    risky, benign, recall, fpr, error_precision = _blind_figures(repo_root, "real-test-3.yaml")
    assert risky >= 100 and benign >= 100
    assert fpr <= 0.04
    assert error_precision >= 0.97
    assert recall >= 0.88


@pytest.mark.parametrize("name", ["real-test-4.yaml", "real-test-5.yaml"])
def test_real_text_round_13_test_halves_with_the_model(repo_root: Path, name: str) -> None:
    """The fourth and fifth blind test halves (written in round 13, after the round-12 system
    shipped), rules and model as iop lint applies them: all three targets (0.942 / 0.025 / 0.976
    and 0.963 / 0.021 / 1.000 on their one reading each). Plain numbers only."""
    risky, benign, recall, fpr, error_precision = _blind_figures(repo_root, name)
    assert risky >= 90 and benign >= 90
    assert recall >= 0.92
    assert fpr <= 0.04
    assert error_precision >= 0.97


def test_real_text_blind_halves_together(repo_root: Path) -> None:
    """The four blind test halves since round 9 together (463 risky, 446 benign sentences from
    149 sources): the issue's three targets (0.931 / 0.027 / 0.982 after round 13). Plain numbers only."""
    halves = ("real-test.yaml", "real-test-3.yaml", "real-test-4.yaml", "real-test-5.yaml")
    risky, benign, recall, fpr, error_precision = _blind_figures(repo_root, *halves)
    assert risky >= 450 and benign >= 440
    assert recall >= 0.92
    assert fpr <= 0.04
    assert error_precision >= 0.97


@pytest.mark.parametrize("name", [f"real-tune-{n}.yaml" for n in range(16, 19)])
def test_real_text_round_13_validation_sets(repo_root: Path, name: str) -> None:
    """The validation sets of round 13, which the model has not been trained on: rules and model
    meet the targets on each (figures of their one reading before tuning in lint/README.md)."""
    from iop.lint.text.model import default_path, read

    q = evaluate(load_clauses(repo_root / "tests/data" / name), load_rules(), model=read(default_path()))
    assert q.risky >= 50 and q.benign >= 50
    assert q.recall >= 0.92, [c.text for c in q.misses]
    assert q.fpr <= 0.04, [(c.text, codes) for c, codes in q.false_alarms]
    assert q.precision("error") >= 0.97
