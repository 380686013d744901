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


def test_a_lone_surrogate_is_stemmed_not_raised() -> None:
    """The C stemmer takes only what encodes as UTF-8. A lone surrogate (which the loader reports
    in YAML) is no word character, so text never hands one to the stemmer; called directly, the
    stemmer gives the pure-Python stem instead of an error."""
    word = "ersättningar\ud800"
    pure = SwedishStemmer()
    assert tokens.norm(word) == pure.stemWord(pure.stemWord(word))
    found = [t.low for t in tokens.tokenize("Föreningen får ersättning\ud800 per timme.")]
    assert found == ["föreningen", "får", "ersättning", "per", "timme"]
