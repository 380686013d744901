"""The plan: which rules run under a profile and the configuration, with what severity and params."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from iop.diagnostics import Severity
from iop.lint.profiles import Profile, ProfileError, load_profile

if TYPE_CHECKING:
    from iop.lint.config import LintConfig
    from iop.lint.rules import Rule
    from iop.lint.ruleset import RuleSet


@dataclass(frozen=True)
class Effective:
    """A rule as a profile and the configuration apply it."""

    rule: Rule
    severity: Severity
    params: Mapping[str, Any]


@dataclass(frozen=True)
class Plan:
    """Everything needed to lint under one profile: enabled rules in pack order."""

    profile: Profile
    rules: Mapping[str, Effective]
    disabled: frozenset[str]
    severity: Mapping[str, Severity]
    """Severity overrides for codes that are not rules with a check or match (schema codes)."""
    known: Mapping[str, Rule]
    """Every rule of every pack (enabled or not)."""


def _check_profile(profile: Profile, rules: Mapping[str, Rule]) -> None:
    """Each profile file's codes against the rule packs and its ``params`` against their declarations."""
    from iop.lint.params import kind_of, problems
    from iop.lint.schemas import finding, message, suggestion

    found = []
    for doc in profile.documents:
        body = doc.data.get("rules") or {}
        for code in body:
            if code not in rules:
                found.append(
                    finding(
                        doc,
                        ("rules", code),
                        {
                            "sv": f"Profilen '{profile.name}' nämner regelkoden {code}, som inget regelpaket har.",
                            "en": f"The profile '{profile.name}' names the rule code {code}, which no rule pack has.",
                        },
                        suggestion(code, list(rules)),
                        key=True,
                    )
                )
        kinds = {code: kind_of(rules[code]) for code in body if code in rules}
        found.extend(problems(doc.path, doc.data, kinds, doc))
    if found:
        raise ProfileError(message(found))


def build_plan(ruleset: RuleSet, profile_name: str, config: LintConfig) -> Plan:
    """Resolve ``profile_name`` against the rule set and ``config``; compile its text rules.

    Raises :class:`ProfileError` for an unknown profile or one that names unknown codes.
    """
    rules = ruleset.rules
    profile = load_profile(profile_name)
    _check_profile(profile, rules)
    disabled = set(config.disable)
    chosen: dict[str, Effective] = {}
    severity: dict[str, Severity] = {}
    for code, rule in rules.items():
        setting = profile.settings.get(code)
        if setting is not None and setting.enabled is False:
            disabled.add(code)
            continue
        sev = cast(
            Severity, config.severity.get(code) or (setting.severity if setting else None) or rule.severity
        )
        params = {**rule.params, **(setting.params if setting else {})}
        if code in disabled:
            continue
        severity[code] = sev
        if rule.kind in ("text", "structure"):
            chosen[code] = Effective(rule, sev, params)
    ruleset.compile((eff.rule, eff.params) for eff in chosen.values() if eff.rule.kind == "text")
    return Plan(profile, chosen, frozenset(disabled), severity, rules)
