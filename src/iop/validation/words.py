"""Small wording helpers for validation messages: type names and did-you-mean."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from iop.i18n import Text, text

TYPE_WORDS: dict[str, Text] = {
    "string": text("en text", "a text"),
    "integer": text("ett heltal", "a whole number"),
    "number": text("ett tal", "a number"),
    "array": text("en lista", "a list"),
    "object": text("en samling nycklar (ett avsnitt)", "a mapping of keys (a section)"),
    "boolean": text("sant eller falskt", "true or false"),
    "null": text("tomt", "empty"),
}

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "Å": "a", "Ä": "a", "Ö": "o", "É": "e"})


def json_type(value: Any) -> str:
    """The JSON Schema type name of a loaded value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def type_word(name: str | list[str], lang: str) -> str:
    """``"string"`` → ``"en text"`` (or the English words); lists joined with 'eller'/'or'."""
    names = [name] if isinstance(name, str) else name
    words = [TYPE_WORDS.get(n, text(n, n))[lang] for n in names]
    return (" eller " if lang == "sv" else " or ").join(words)


def fold(word: str) -> str:
    """Lower-case and fold å, ä, ö, é so 'malgrupp' matches 'målgrupp'."""
    return word.lower().translate(_FOLD).replace("-", "_").replace(" ", "_")


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to ``word``, trying with and without å/ä/ö folded."""
    options = list(candidates)
    folded = {fold(c): c for c in options}
    if fold(word) in folded:
        return folded[fold(word)]
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.75)
    if close:
        return close[0]
    close = difflib.get_close_matches(fold(word), list(folded), n=1, cutoff=0.75)
    return folded[close[0]] if close else None


def shown(value: Any, limit: int = 40) -> str:
    """A value as a drafter would recognise it, shortened."""
    out = value if isinstance(value, str) else repr(value)
    out = out.replace("\n", " ")
    return out if len(out) <= limit else out[: limit - 1] + "…"


def join_words(items: Iterable[str], lang: str) -> str:
    """``a, b och c`` / ``a, b and c``."""
    parts = list(items)
    if len(parts) <= 1:
        return "".join(parts)
    conj = " och " if lang == "sv" else " and "
    return ", ".join(parts[:-1]) + conj + parts[-1]
