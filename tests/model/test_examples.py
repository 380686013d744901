"""The example agreements in agreements/ and the shape reference validate clean."""

from __future__ import annotations

from pathlib import Path

from iop.report.text import format_diagnostic
from iop.validation import check_file


def test_every_example_validates_clean(example_files: list[Path]) -> None:
    assert len(example_files) >= 6
    problems = [format_diagnostic(d, "sv") for path in example_files for d in check_file(path)]
    assert problems == []


def test_examples_carry_the_schema_modeline(example_files: list[Path]) -> None:
    for path in example_files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path.name
        assert first.endswith("iop-overenskommelse.schema.json"), path.name


def test_referens_validates_clean(repo_root: Path) -> None:
    assert check_file(repo_root / "schema" / "referens.yaml") == []
