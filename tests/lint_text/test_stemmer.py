"""The stemmer in use is PyStemmer's C implementation, and it stems as the pure-Python Snowball
stemmer the rules and the model were written and trained with."""

from __future__ import annotations

import re
from pathlib import Path

import Stemmer
from snowballstemmer.swedish_stemmer import SwedishStemmer

from iop.lint.text import tokens


def test_the_c_stemmer_is_used() -> None:
    assert isinstance(tokens._STEMMER, Stemmer.Stemmer)


def test_same_stems_as_pure_python_snowball(repo_root: Path) -> None:
    """Every word of the labelled clauses, the rule packs and the example agreements."""
    files = [*(repo_root / "tests/data").glob("*.yaml"), *(repo_root / "lint/rules").glob("*.yaml")]
    files += (repo_root / "agreements").glob("*.yaml")
    words = {w for f in files for w in re.findall(r"\w+", f.read_text(encoding="utf-8").lower())}
    assert len(words) > 10_000
    pure = SwedishStemmer()
    differ = [w for w in sorted(words) if tokens._STEMMER.stemWord(w) != pure.stemWord(w)]
    assert differ == []
