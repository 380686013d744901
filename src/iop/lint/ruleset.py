"""The rule set: loaded packs, their compiled matchers, the word index and the plans.

One :class:`RuleSet` is built per process (``RuleSet.load()``) and passed down to
everything that lints; nothing about rules is kept in module globals. It
compiles every text rule once (a profile's ``extra_terms`` add a matcher on
demand) and gathers the compiled patterns' needles into its
:class:`~iop.lint.text.prefilter.WordIndex`. Building it reads the packs from
the install (``lint/rules/``) and nothing else: no cache, nothing from the
repository under review.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iop.lint.rules import Rule, load_rules
from iop.lint.text.grammar import GrammarError, Matcher, compile_match, matcher_needles
from iop.lint.text.prefilter import WordIndex

if TYPE_CHECKING:
    from iop.lint.config import LintConfig
    from iop.lint.plan import Plan
    from iop.lint.text.model import Model

CompiledKey = tuple[str, Any, tuple[str, ...]]
"""What decides a compiled matcher: rule code, frozen ``match`` and ``extra_terms``."""


def _freeze(obj: Any) -> Any:
    if isinstance(obj, Mapping):
        return tuple(sorted((str(k), _freeze(v)) for k, v in obj.items()))
    if isinstance(obj, list | tuple):
        return tuple(_freeze(v) for v in obj)
    return obj


def _extra_terms(rule: Rule, params: Mapping[str, object] | None) -> tuple[str, ...] | None:
    """``params.extra_terms`` (else the rule's own) as a tuple; None when it is no list."""
    extra = (params or {}).get("extra_terms", rule.params.get("extra_terms", ()))
    if isinstance(extra, str):
        extra = [extra]
    if not isinstance(extra, Sequence):
        return None
    return tuple(str(e) for e in extra)


def compiled_key(rule: Rule, params: Mapping[str, object] | None = None) -> CompiledKey | None:
    """The key a matcher of ``rule`` with ``params`` is kept under (None: not compilable)."""
    extra = _extra_terms(rule, params)
    if rule.match is None or extra is None:
        return None
    return (rule.code, _freeze(rule.match), extra)


class RuleSet:
    """Every rule of the packs with what applying them needs, built once and shared."""

    def __init__(self, rules: Mapping[str, Rule]) -> None:
        self.rules: dict[str, Rule] = dict(rules)
        self.words = WordIndex()
        self._matchers: dict[CompiledKey, Matcher] = {}
        self._by_rule: dict[tuple[Rule, tuple[str, ...]], Matcher] = {}
        """The same matchers by rule object (no need to freeze ``match`` on every look-up)."""
        self._plans: dict[tuple[str, str], Plan] = {}
        self._models: dict[str, Model] = {}
        self.compile((r, None) for r in self.rules.values() if r.match is not None)

    @classmethod
    def load(cls, paths: Iterable[Path] | None = None) -> RuleSet:
        """The rule set of the packs in ``paths`` (default: the installed ``lint/rules/``).

        Raises :class:`~iop.lint.rules.RulePackError` for a malformed pack.
        """
        return cls(load_rules(paths))

    def compile(self, items: Iterable[tuple[Rule, Mapping[str, object] | None]]) -> None:
        """Compile text rules (with their params) up front: the word index grows once, not per rule.

        A rule that does not compile is left for the caller to report (CFG004).
        """
        needles: set[str] = set()
        for rule, params in items:
            key = compiled_key(rule, params)
            if key is None or key in self._matchers:
                continue
            try:
                matcher = self._matchers[key] = compile_match(rule.match or {}, key[2])
            except GrammarError:
                continue
            needles |= matcher_needles(matcher)
        self.words.add(needles)

    def matcher(self, rule: Rule, params: Mapping[str, object] | None = None) -> Matcher:
        """The compiled matcher of a text rule (with ``params.extra_terms`` if given).

        Raises :class:`~iop.lint.text.grammar.GrammarError` when it cannot be compiled.
        """
        extra = _extra_terms(rule, params)
        if extra is not None:
            known = self._by_rule.get((rule, extra))
            if known is not None:
                return known
        if rule.match is None:
            raise GrammarError(
                {"sv": f"{rule.code} är ingen textregel.", "en": f"{rule.code} is not a text rule."}
            )
        key = compiled_key(rule, params)
        if key is None:
            raise GrammarError(
                {"sv": "'extra_terms' ska vara en lista.", "en": "'extra_terms' must be a list."}
            )
        matcher = self._matchers.get(key)
        if matcher is None:
            matcher = self._matchers[key] = compile_match(rule.match, key[2])
            self.words.add(matcher_needles(matcher))
        self._by_rule[(rule, key[2])] = matcher
        return matcher

    def model(self, rule: Rule) -> Model:
        """The weights a model rule names (``model:``, a file in ``lint/model/``), read once.

        Raises :class:`~iop.lint.text.model.ModelError` for a missing or malformed file.
        """
        name = rule.model or ""
        found = self._models.get(name)
        if found is None:
            from iop.assets import asset
            from iop.lint.text.model import read

            found = self._models[name] = read(asset("lint", "model", name))
        return found

    def plan(self, profile: str, config: LintConfig) -> Plan:
        """The resolved plan for a profile under ``config`` (built once per pair).

        Raises :class:`~iop.lint.profiles.ProfileError` for an unknown or broken profile.
        """
        key = (profile, config.fingerprint())
        plan = self._plans.get(key)
        if plan is None:
            from iop.lint.plan import build_plan

            plan = self._plans[key] = build_plan(self, profile, config)
        return plan
