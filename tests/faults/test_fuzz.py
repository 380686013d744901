"""The mutation fuzzer in ``make test``: a fixed seed, a bounded count, zero internal errors.

The long run is ``make fuzz`` (10 000 inputs); see ``fuzz.py``.
"""

from __future__ import annotations

from typing import Any

import pytest
from fuzz import Stats, fuzz, inputs, run_one

SEED = 20261202


def test_fuzzed_inputs_cause_no_internal_error_in_any_command() -> None:
    stats = fuzz(SEED, 24)
    assert stats.failures == [], [(f.index, f.command, f.kind, f.detail[:200]) for f in stats.failures]
    assert all(stats.runs[c] == 24 for c in ("validate", "lint", "fmt", "render")), stats.runs
    codes = {code for (_, code) in stats.exits}
    assert codes == {0, 1}, "the corpus should hold both valid and broken agreements"


def test_fmt_keeps_every_comment_line_over_the_fuzz_corpus() -> None:
    """Every full-line comment of an input fmt accepts is in its output (checked without iop's finder)."""
    from iop.loader import LoadError
    from iop.revision.fmt import FormatError, format_source

    formatted = refused = 0
    for data in inputs(SEED + 1, 60):
        try:
            source = data.decode("utf-8")
            result = format_source(source, "fuzz.yaml")
        except (UnicodeDecodeError, LoadError):
            continue
        except FormatError:
            refused += 1
            continue
        formatted += 1
        for line in source.splitlines():
            if line.strip().startswith("#"):
                assert line.strip() in result, line
    assert formatted >= 12, (formatted, refused)


def test_the_fuzzer_reports_an_internal_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    """A planted bug is caught, so a clean run means something."""
    import iop.validation.crossfield as crossfield

    def buggy(doc: Any) -> Any:
        raise ValueError("not enough values to unpack (expected 2, got 1)")

    monkeypatch.setattr(crossfield, "crossfield_diagnostics", buggy)
    from fuzz import EXAMPLES

    stats = Stats()
    run_one(0, EXAMPLES[0].read_bytes(), tmp_path, stats, render=False)
    assert {(f.command, f.kind) for f in stats.failures} >= {("validate", "internal"), ("lint", "internal")}


def test_the_same_seed_gives_the_same_inputs() -> None:
    assert list(inputs(7, 20)) == list(inputs(7, 20))
    assert list(inputs(7, 20)) != list(inputs(8, 20))
