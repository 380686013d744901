"""Map a document's headings to schema places through ``schema/rubriker.yaml``."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from iop.importer.blocks import heading_number

FUZZY = 0.86  # similarity above which a heading is placed as a guess


@dataclass(frozen=True)
class Match:
    """Where a heading goes: a schema path, and whether that is a guess."""

    path: tuple[str, ...]
    guess: bool = False
    party: str = ""  # for headings like "Föreningen X åtar sig"


@dataclass(frozen=True)
class HeadingTable:
    synonyms: dict[str, tuple[str, ...]]  # normalized heading -> path
    party_patterns: tuple[str, ...]
    ignored: frozenset[str]


def normalize(value: str) -> str:
    """Lower case, numbering and punctuation removed, blanks collapsed (å, ä, ö kept)."""
    _, rest = heading_number(value)
    rest = unicodedata.normalize("NFC", rest).lower()
    rest = re.sub(r"[^\w\s]", " ", rest)
    return re.sub(r"\s+", " ", rest).strip()


@cache
def table() -> HeadingTable:
    """The heading table, read once (plain data, safe loader)."""
    import yaml

    from iop.assets import asset

    data = yaml.safe_load(asset("schema", "rubriker.yaml").read_text(encoding="utf-8")) or {}
    synonyms: dict[str, tuple[str, ...]] = {}
    for key, names in (data.get("avsnitt") or {}).items():
        for name in names or []:
            synonyms.setdefault(normalize(str(name)), tuple(str(key).split(".")))
    return HeadingTable(
        synonyms,
        tuple(str(p) for p in data.get("part_rubriker") or []),
        frozenset(normalize(str(x)) for x in data.get("ignoreras") or []),
    )


def _party_match(norm: str, parties: list[str]) -> str:
    for pattern in table().party_patterns:
        for party in parties:
            if normalize(pattern.replace("{part}", party)) == norm:
                return party
    return ""


def match(heading: str, current: tuple[str, ...], parties: list[str], level: int) -> Match | None:
    """The place for ``heading`` while inside section ``current`` (``()`` at top level)."""
    t = table()
    norm = normalize(heading)
    if not norm:
        return None
    party = _party_match(norm, parties)
    if party:
        return Match(("insatser",), party=party)
    path = t.synonyms.get(norm)
    inside = current[:1]
    if inside and level != 1:
        # a sub-heading: prefer a key of the section we are in
        for cand, p in t.synonyms.items():
            if cand == norm and len(p) == 2 and p[0] == inside[0]:
                return Match(p)
        sub = [p for n, p in t.synonyms.items() if n == norm and p[:1] == inside]
        if sub:
            return Match(sub[0])
        if norm in t.ignored:
            return Match(inside)
    if path is not None:
        if len(path) == 2 and inside and path[0] != inside[0] and level != 1:
            return Match(path)
        return Match(path)
    if norm in t.ignored and inside:
        return Match(inside)
    best = difflib.get_close_matches(norm, list(t.synonyms), n=1, cutoff=FUZZY)
    if best:
        return Match(t.synonyms[best[0]], guess=True)
    return None
