"""The plan: which rules run under a profile and the configuration, with what severity and params."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from iop.diagnostics import Severity
from iop.lint.profiles import Profile, ProfileError, load_profile, unknown_codes

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


def _check_params(profile: Profile, rules: Mapping[str, Rule]) -> None:
    """Each profile file's ``params`` against the declaration of the rule's check."""
    from iop.lint.params import kind_of, message, problems
    from iop.lint.profiles import parse_yaml

    for file in profile.files:
        data = parse_yaml(file.read_text(encoding="utf-8"))
        body = data.get("rules") if isinstance(data, dict) else None
        if not isinstance(body, dict):
            continue
        kinds = {str(code): kind_of(rules[str(code)]) for code in body if str(code) in rules}
        found = problems(file, data, kinds)
        if found:
            raise ProfileError(message(found))


def build_plan(ruleset: RuleSet, profile_name: str, config: LintConfig) -> Plan:
    """Resolve ``profile_name`` against the rule set and ``config``; compile its text rules.

    Raises :class:`ProfileError` for an unknown profile or one that names unknown codes.
    """
    rules = ruleset.rules
    profile = load_profile(profile_name)
    unknown = unknown_codes(profile, rules)
    if unknown:
        files = ", ".join(f.name for f in profile.files)
        raise ProfileError(
            {
                "sv": f"Profilen '{profile_name}' ({files}) nämner okända regelkoder: {', '.join(unknown)}.",
                "en": f"The profile '{profile_name}' ({files}) names unknown rule codes: {', '.join(unknown)}.",
            }
        )
    _check_params(profile, rules)
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
