"""Lint one loaded agreement: validation, text rules and structural checks under a plan, with suppressions.

Findings are worded only in the rule packs (``lint/rules/``), the engine's own
CFG00x notices included; only errors in the lint configuration files themselves
(profiles, settings) are worded in code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from iop.datapath import DataPath, value_end
from iop.diagnostics import SEVERITY_ORDER, Diagnostic, Severity
from iop.i18n import LANGS, Text
from iop.lint.config import ConfigError, LintConfig, find_config
from iop.lint.profiles import DEFAULT_PROFILE, ProfileError

if TYPE_CHECKING:
    from iop.lint.checks import DocFacts
    from iop.lint.opinion import Opinion
    from iop.lint.plan import Effective, Plan
    from iop.lint.rules import Rule
    from iop.lint.ruleset import RuleSet
    from iop.loader import Document

PROFILE_UNKNOWN = "CFG001"
CHECK_FAILED = "CFG002"
SETTINGS_BROKEN = "CFG003"
RULE_FAILED = "CFG004"


def _lower(severity: Severity, cap: Severity | None) -> Severity:
    if cap is None:
        return severity
    return cap if SEVERITY_ORDER[cap] < SEVERITY_ORDER[severity] else severity


class _Missing(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render_message(template: Text, args: Mapping[str, Any]) -> dict[str, str]:
    """Fill a two-language template; a value may itself be a two-language text."""
    out: dict[str, str] = {}
    for lang in LANGS:
        values = _Missing()
        for key, value in args.items():
            if isinstance(value, Mapping):
                values[key] = str(value.get(lang) or value.get("sv") or "")
            else:
                values[key] = str(value)
        try:
            out[lang] = template.get(lang, "").format_map(values)
        except (ValueError, IndexError, AttributeError):
            out[lang] = template.get(lang, "")
    return out


def _plain_text(value: Any) -> str:
    return str(value.get("sv", "")) if isinstance(value, Mapping) else str(value)


def _meta_message(ruleset: RuleSet, rule_code: str, **args: Any) -> dict[str, str]:
    """The message of a configuration rule (CFG00x) from its pack, filled with ``args``."""
    rule = ruleset.rules.get(rule_code)
    if rule is None:
        detail = "; ".join(_plain_text(v) for v in args.values())
        return {lang: f"{rule_code}: {detail}" for lang in LANGS}
    return render_message(rule.message, args)


def _notice(ruleset: RuleSet, doc: Document, notice: str, **args: Any) -> Diagnostic:
    """A CFG00x error at the top of the file."""
    return Diagnostic(
        file=doc.display,
        line=1,
        column=1,
        rule=notice,
        severity="error",
        message=_meta_message(ruleset, notice, **args),
    )


def _rule_failed(ruleset: RuleSet, doc: Document, rule: Rule, exc: Exception) -> Diagnostic:
    """CFG004: a rule raised on this file (a bug to report); the other rules still ran."""
    return _notice(ruleset, doc, RULE_FAILED, code=rule.code, error=f"{type(exc).__name__}: {exc}")


def _pick_profile(
    ruleset: RuleSet, doc: Document, profile: str | None, config: LintConfig
) -> tuple[str, Diagnostic | None]:
    """--profile, else the agreement's ``riktlinjer``, else the repository default, else bas."""
    if profile:
        return profile, None
    fallback = config.profile or DEFAULT_PROFILE
    wanted = doc.data.get("riktlinjer")
    if not isinstance(wanted, str) or not wanted:
        return fallback, None
    from iop.lint.profiles import available

    if wanted in available():
        return wanted, None
    line, col = doc.locate(("riktlinjer",))
    return fallback, Diagnostic(
        file=doc.display,
        line=line,
        column=col,
        rule=PROFILE_UNKNOWN,
        severity="warning",
        message=_meta_message(
            ruleset, PROFILE_UNKNOWN, wanted=wanted, fallback=fallback, known=", ".join(available())
        ),
        path=("riktlinjer",),
        end_line=line,
        end_column=col + len(wanted),
    )


def _extra(rule: Rule) -> dict[str, object]:
    return {"category": rule.category, "pack": rule.pack}


def text_findings(
    ruleset: RuleSet, doc: Document, eff: Effective, opinion: Opinion | None = None
) -> list[Diagnostic]:
    """The findings of one text rule in ``doc`` (levels weighed by the model's ``opinion``, if any)."""
    from iop.lint.text import run_text_rule

    try:
        hits = run_text_rule(doc, eff.rule, eff.params, ruleset)
    except Exception as exc:  # a rule must never stop the review of the file
        return [_rule_failed(ruleset, doc, eff.rule, exc)]
    out = []
    for hit in hits:
        severity, extra = eff.severity, _extra(eff.rule)
        if opinion is not None and hit.path:
            severity, score = opinion.judge(hit.path, hit.start, eff.severity)
            extra = {**extra, "modell": round(score, 2)}
        out.append(
            Diagnostic(
                file=doc.display,
                line=hit.line,
                column=hit.column,
                rule=eff.rule.code,
                severity=severity,
                message=render_message(eff.rule.message, {"match": hit.matched}),
                path=hit.path,
                end_line=hit.end_line,
                end_column=hit.end_column,
                hint=eff.rule.rephrase or None,
                extra=extra,
            )
        )
    return out


def _opinion(ruleset: RuleSet, doc: Document, plan: Plan) -> tuple[Opinion | None, list[Diagnostic]]:
    """The model's opinion on ``doc`` when the plan runs a model rule (LOU126), or a CFG004 finding."""
    from iop.lint.opinion import Opinion

    rule = next((r for r in plan.known.values() if r.kind == "model" and r.code not in plan.disabled), None)
    if rule is None:
        return None, []
    try:
        return Opinion(doc, ruleset.model(rule), rule), []
    except Exception as exc:  # a broken model must never stop the review of the file
        return None, [_rule_failed(ruleset, doc, rule, exc)]


def second_findings(doc: Document, plan: Plan, opinion: Opinion) -> list[Diagnostic]:
    """The model rule's own findings: sentences no rule flagged that the model reads as a
    purchase or a grant, each naming the words that weighed most."""
    from iop.lint.text import locate_span

    rule = opinion.rule
    severity = plan.severity.get(rule.code, rule.severity)
    out = []
    for second in opinion.seconds():
        sent = second.sentence
        line, col, end_line, end_col = locate_span(doc, second.path, second.value, sent.start, sent.end)
        score = f"{sent.score:.2f}"
        args = {  # Swedish and English number and quotation conventions
            "words": {
                "sv": ", ".join(f"”{w}”" for w in second.words),
                "en": ", ".join(f"“{w}”" for w in second.words),
            },
            "score": {"sv": score.replace(".", ","), "en": score},
        }
        out.append(
            Diagnostic(
                file=doc.display,
                line=line,
                column=col,
                rule=rule.code,
                severity=severity,
                message=render_message(rule.message, args),
                path=second.path,
                end_line=end_line,
                end_column=end_col,
                hint=rule.rephrase or None,
                extra={**_extra(rule), "modell": round(sent.score, 2), "ord": second.words},
            )
        )
    return out


def _key_end(doc: Document, path: DataPath, line: int, col: int) -> tuple[int | None, int | None]:
    if path and isinstance(path[-1], str):
        return line, col + len(path[-1])
    return None, None


def structure_findings(ruleset: RuleSet, doc: Document, eff: Effective, facts: DocFacts) -> list[Diagnostic]:
    """The findings of one structural check in ``doc``."""
    from iop.lint.checks import CheckContext, registry

    check = registry().get(eff.rule.check or "")
    if check is None:
        return [_notice(ruleset, doc, CHECK_FAILED, code=eff.rule.code, check=eff.rule.check or "")]
    try:
        hits = list(check(CheckContext(facts, eff.rule, eff.params)))
    except Exception as exc:  # a check must never stop the review of the file
        return [_rule_failed(ruleset, doc, eff.rule, exc)]
    out = []
    for hit in hits:
        line, col = doc.locate(hit.path, key=hit.key)
        end_line, end_col = (
            _key_end(doc, hit.path, line, col) if hit.key else value_end(doc.data, doc.lines, hit.path, line, col)
        )
        out.append(
            Diagnostic(
                file=doc.display,
                line=line,
                column=col,
                rule=eff.rule.code,
                severity=_lower(eff.severity, hit.severity),
                message=render_message(eff.rule.message, hit.args),
                path=hit.path,
                end_line=end_line,
                end_column=end_col,
                hint=eff.rule.rephrase or None,
                extra=_extra(eff.rule),
            )
        )
    return out


def _suppression_messages(rules: Mapping[str, Rule], plan: Plan) -> dict[str, tuple[Severity, Text]]:
    from iop.lint.suppress import META_CODES

    out: dict[str, tuple[Severity, Text]] = {}
    for code in META_CODES:
        rule = rules.get(code)
        if rule is not None and code not in plan.disabled:
            out[code] = (plan.severity.get(code, rule.severity), rule.message)
    return out


def lint_document(
    doc: Document, ruleset: RuleSet, *, profile: str | None = None, config: LintConfig | None = None
) -> list[Diagnostic]:
    """Validate and lint one loaded agreement; diagnostics sorted by position.

    The profile is ``profile`` if given, else the agreement's ``riktlinjer``, else
    the repository default (``config.profile``), else ``bas``. ``config=None``
    reads the repository settings from the current directory upward. Raises
    :class:`ProfileError` only when an explicitly named profile cannot be used;
    broken repository settings become a CFG003 finding and the defaults apply.
    """
    from iop.lint import suppress
    from iop.lint.checks import DocFacts
    from iop.validation import validate

    found: list[Diagnostic] = []
    if config is None:
        try:
            config = find_config()
        except ConfigError as exc:
            config = LintConfig()
            found.append(_notice(ruleset, doc, SETTINGS_BROKEN, problem=exc.message))
    name, notice = _pick_profile(ruleset, doc, profile, config)
    try:
        plan = ruleset.plan(name, config)
    except ProfileError as exc:
        if profile:
            raise
        found.append(_notice(ruleset, doc, SETTINGS_BROKEN, problem=exc.message))
        plan = ruleset.plan(DEFAULT_PROFILE, LintConfig())
    if notice:
        found.append(notice)
    for diag in validate(doc):
        if diag.rule in plan.disabled:
            continue
        sev = plan.severity.get(diag.rule)
        found.append(replace(diag, severity=sev) if sev and sev != diag.severity else diag)
    facts = DocFacts(doc)
    opinion, failed = _opinion(ruleset, doc, plan)
    found.extend(failed)
    for eff in plan.rules.values():
        if eff.rule.kind == "text":
            found.extend(text_findings(ruleset, doc, eff, opinion))
        else:
            found.extend(structure_findings(ruleset, doc, eff, facts))
    if opinion is not None:
        found.extend(second_findings(doc, plan, opinion))
    rules = plan.known
    found = suppress.apply(
        found,
        suppress.parse(doc.lines),
        file=doc.display,
        locate=doc.locate,
        known_codes=rules,
        messages=_suppression_messages(rules, plan),
    )
    return sorted(found, key=lambda d: (d.line, d.column, d.rule, d.message.get("sv", "")))
