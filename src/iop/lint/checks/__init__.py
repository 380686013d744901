"""Structural checks: small functions registered by name and referenced from rule data.

A check receives a :class:`CheckContext` (the document, its rule and the rule's
effective parameters) and yields :class:`Hit` objects: a place in the agreement
and the values for the rule message's placeholders. Checks know no Swedish
wording: messages, word lists and limits live in ``lint/rules/structure.yaml``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from iop.datapath import value_at
from iop.diagnostics import PathPart, Severity

if TYPE_CHECKING:
    from iop.budget import Budget
    from iop.lint.rules import Rule
    from iop.loader import Document

MessageArg = str | int | float | Mapping[str, str]
"""A placeholder value: plain, or a ``{"sv": ..., "en": ...}`` text picked per language."""


@dataclass(frozen=True)
class Hit:
    """One finding of a structural check."""

    path: tuple[PathPart, ...]
    args: Mapping[str, MessageArg] = field(default_factory=dict)
    key: bool = False
    """Point at the key of ``path`` rather than its value."""
    severity: Severity | None = None
    """Lower the rule's severity for this hit (e.g. near a limit is only info)."""


class DocFacts:
    """Per-document values shared by all checks (computed once, on demand)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.data: dict[str, Any] = doc.data
        self._budget: Budget | None = None
        self._strings: list[tuple[tuple[PathPart, ...], str]] | None = None

    @property
    def budget(self) -> Budget:
        if self._budget is None:
            from iop.budget import compute

            self._budget = compute(self.data)
        return self._budget

    @property
    def strings(self) -> list[tuple[tuple[PathPart, ...], str]]:
        if self._strings is None:
            self._strings = list(self.doc.iter_strings())
        return self._strings

    def parties(self) -> list[dict[str, Any]]:
        """Declared parties that have an id (tolerates malformed drafts)."""
        raw = self.data.get("parter")
        if not isinstance(raw, list):
            return []
        return [p for p in raw if isinstance(p, dict) and isinstance(p.get("id"), str)]

    def party_name(self, part: str) -> str:
        for p in self.parties():
            if p["id"] == part and isinstance(p.get("namn"), str):
                return str(p["namn"])
        return part

    def get(self, *path: PathPart) -> Any:
        """The plain value at ``path`` or None."""
        return value_at(self.data, path)

    def items(self, *path: PathPart) -> list[tuple[int, dict[str, Any]]]:
        """Mapping items of the list at ``path`` with their indexes."""
        value = self.get(*path)
        if not isinstance(value, list):
            return []
        return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)]


@dataclass(frozen=True)
class CheckContext:
    """What a check sees: the document facts, its rule and effective parameters."""

    facts: DocFacts
    rule: Rule
    params: Mapping[str, Any]

    @property
    def data(self) -> dict[str, Any]:
        return self.facts.data


CheckFn = Callable[[CheckContext], Iterable[Hit]]
_REGISTRY: dict[str, CheckFn] = {}
_MODULES = ("economy", "governance", "clauses", "parties")


def register(name: str) -> Callable[[CheckFn], CheckFn]:
    """Register a check under ``name`` (the value of ``check:`` in a rule)."""

    def deco(fn: CheckFn) -> CheckFn:
        if name in _REGISTRY and _REGISTRY[name] is not fn:
            raise ValueError(f"check {name!r} registered twice")
        _REGISTRY[name] = fn
        return fn

    return deco


def registry() -> Mapping[str, CheckFn]:
    """All registered checks (imports every check module on first use)."""
    for module in _MODULES:
        importlib.import_module(f"{__name__}.{module}")  # a no-op once imported
    return _REGISTRY


def words(value: Any) -> int:
    """Number of words in a text value (0 for anything that is not text)."""
    if not isinstance(value, str):
        return 0
    return sum(1 for token in value.split() if any(ch.isalnum() for ch in token))


def iter_params_list(params: Mapping[str, Any], key: str) -> Iterator[str]:
    """String items of list parameter ``key`` (lower-cased)."""
    value = params.get(key) or []
    if isinstance(value, list):
        for item in value:
            if isinstance(item, str):
                yield item.lower()
