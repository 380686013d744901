"""The lint engine: validation + text rules + structural checks, per profile, with suppressions.

``lint_document(doc)`` is the stable entry point for other commands (render refuses
a signing copy with lint errors). ``lint_paths(paths)`` serves ``iop lint``: it
loads files, answers from the cache where it can and spreads the rest over a
process pool when the batch is large. Findings are worded only in the rule packs
(``lint/rules/``), the engine's own CFG00x notices included; only errors in the
lint configuration files themselves (profiles, settings) are worded in code.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from iop.diagnostics import SEVERITY_ORDER, Diagnostic, PathPart, Severity
from iop.i18n import LANGS, Text
from iop.lint.config import ConfigError, LintConfig, find_config
from iop.lint.profiles import DEFAULT_PROFILE, Profile, ProfileError, load_profile

if TYPE_CHECKING:
    from iop.lint.cache import LintCache
    from iop.lint.rules import Rule
    from iop.lint.text.grammar import CompiledKey, Matcher
    from iop.loader import Document

PROFILE_UNKNOWN = "CFG001"
CHECK_FAILED = "CFG002"
SETTINGS_BROKEN = "CFG003"
RULE_FAILED = "CFG004"
POOL_MIN_FILES = 24
"""Batches at least this large are spread over a process pool."""


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


@dataclass(frozen=True)
class FileResult:
    """The findings for one input file."""

    path: Path
    display: str
    diagnostics: list[Diagnostic]
    cached: bool = False


_RULES: dict[tuple[tuple[str, int, int], ...], tuple[dict[str, Rule], str | None]] = {}


def _loaded_rules() -> tuple[dict[str, Rule], str | None]:
    """The rules of every pack with their cache key (None: not cached on disk)."""
    from iop.lint.rules import pack_files

    files = pack_files()
    stamp = tuple((str(f), st.st_size, st.st_mtime_ns) for f in files for st in (f.stat(),))
    loaded = _RULES.get(stamp)
    if loaded is None:
        from iop.lint.rulecache import load_cached_keyed

        _RULES.clear()
        loaded = _RULES[stamp] = load_cached_keyed(files)
    return loaded


def all_rules() -> dict[str, Rule]:
    """Every rule of every pack in ``lint/rules/``.

    Parsing and checking the packs costs far more than linting one file, so the
    loaded rules are kept in this process (keyed by the files' size and mtime)
    and on disk as JSON in ``.iop-cache/rules/`` (keyed by the files' bytes,
    see :mod:`iop.lint.rulecache`); either is rebuilt when a pack changes.
    """
    return _loaded_rules()[0]


def _lower(severity: Severity, cap: Severity | None) -> Severity:
    if cap is None:
        return severity
    return cap if SEVERITY_ORDER[cap] < SEVERITY_ORDER[severity] else severity


_PLANS: dict[tuple[str, str, int], Plan] = {}


def _plan(profile_name: str, config: LintConfig) -> Plan:
    from iop.lint.profiles import unknown_codes

    rules = all_rules()
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
    _compile_text_rules(chosen.values(), _loaded_rules()[1])
    return Plan(profile, chosen, frozenset(disabled), severity, rules)


_COMPILED: dict[str, dict[CompiledKey, Matcher]] = {}
"""Compiled matchers per rules cache key, as loaded from (and written to) the disk cache."""


def _compile_text_rules(rules: Iterable[Effective], cache_key: str | None = None) -> None:
    """Compile every text rule of a plan up front, once per process.

    The matcher's word prefilter is rebuilt whenever a newly compiled rule adds
    needles; compiling all rules before the first document is scanned means it is
    built once instead of once per rule. With ``cache_key`` (the loaded packs'
    key) the compiled matchers come from, and go to, the compiled-rules cache
    (:func:`iop.lint.rulecache.load_compiled`). A rule that does not compile is
    left for :func:`_text_findings` to report (CFG004).
    """
    from iop.lint.text.grammar import GrammarError, compile_rule, compiled_key, seed

    text = [eff for eff in rules if eff.rule.kind == "text"]
    if cache_key is not None and text:
        from iop.lint.rulecache import load_compiled, store_compiled

        known = _COMPILED.get(cache_key)
        if known is None:
            _COMPILED.clear()
            known = _COMPILED[cache_key] = load_compiled(cache_key)
            seed(known)
        fresh: dict[CompiledKey, Matcher] = {}
        for eff in text:
            key = compiled_key(eff.rule, eff.params)
            if key is not None and key not in known:
                try:
                    fresh[key] = compile_rule(eff.rule, eff.params)
                except GrammarError:
                    continue
        if fresh:
            known.update(fresh)
            store_compiled(cache_key, known)
    for eff in text:
        try:
            compile_rule(eff.rule, eff.params)
        except GrammarError:
            continue


def plan_for(profile_name: str, config: LintConfig | None = None) -> Plan:
    """The resolved plan for a profile; raises :class:`ProfileError` for an unknown profile."""
    config = config or LintConfig()
    key = (profile_name, config.fingerprint(), id(all_rules()))
    plan = _PLANS.get(key)
    if plan is None:
        plan = _PLANS[key] = _plan(profile_name, config)
    return plan


def _default_config() -> LintConfig:
    return find_config()


def _meta_message(rule_code: str, **args: Any) -> dict[str, str]:
    """The message of a configuration rule (CFG00x) from its pack, filled with ``args``."""
    rule = all_rules().get(rule_code)
    if rule is None:
        detail = "; ".join(_plain_text(v) for v in args.values())
        return {lang: f"{rule_code}: {detail}" for lang in LANGS}
    return render_message(rule.message, args)


def _plain_text(value: Any) -> str:
    return str(value.get("sv", "")) if isinstance(value, Mapping) else str(value)


def _rule_failed(doc: Document, rule: Rule, exc: Exception) -> Diagnostic:
    """CFG004: a rule raised on this file (a bug to report); the other rules still ran."""
    return Diagnostic(
        file=doc.display,
        line=1,
        column=1,
        rule=RULE_FAILED,
        severity="error",
        message=_meta_message(RULE_FAILED, code=rule.code, error=f"{type(exc).__name__}: {exc}"),
    )


def _settings_problem(doc: Document, message: Text) -> Diagnostic:
    """CFG003: the repository settings or a profile cannot be used (the defaults are)."""
    return Diagnostic(
        file=doc.display,
        line=1,
        column=1,
        rule=SETTINGS_BROKEN,
        severity="error",
        message=_meta_message(SETTINGS_BROKEN, problem=message),
    )


def _pick_profile(doc: Document, profile: str | None, config: LintConfig) -> tuple[str, Diagnostic | None]:
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
            PROFILE_UNKNOWN, wanted=wanted, fallback=fallback, known=", ".join(available())
        ),
        path=("riktlinjer",),
        end_line=line,
        end_column=col + len(wanted),
    )


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


def _extra(rule: Rule) -> dict[str, object]:
    return {"category": rule.category, "pack": rule.pack}


def _text_findings(doc: Document, eff: Effective) -> list[Diagnostic]:
    from iop.lint.text import run_text_rule

    try:
        hits = run_text_rule(doc, eff.rule, eff.params)
    except Exception as exc:  # a rule must never stop the review of the file
        return [_rule_failed(doc, eff.rule, exc)]
    out = []
    for hit in hits:
        out.append(
            Diagnostic(
                file=doc.display,
                line=hit.line,
                column=hit.column,
                rule=eff.rule.code,
                severity=eff.severity,
                message=render_message(eff.rule.message, {"match": hit.matched}),
                path=hit.path,
                end_line=hit.end_line,
                end_column=hit.end_column,
                hint=eff.rule.rephrase or None,
                extra=_extra(eff.rule),
            )
        )
    return out


def _key_end(doc: Document, path: tuple[PathPart, ...], line: int, col: int) -> tuple[int | None, int | None]:
    if path and isinstance(path[-1], str):
        return line, col + len(path[-1])
    return None, None


def _value_end(
    doc: Document, path: tuple[PathPart, ...], line: int, col: int
) -> tuple[int | None, int | None]:
    """End of a one-line scalar value written at (line, col), quotes included; else no end."""
    value = facts_value(doc.data, path)
    if isinstance(value, bool) or not isinstance(value, str | int) or not 0 < line <= len(doc.lines):
        return None, None
    shown = str(value)
    if "\n" in shown:
        return None, None
    rest = doc.lines[line - 1][col - 1 :]
    if rest.startswith(shown):
        return line, col + len(shown)
    if rest[:1] in "'\"" and rest[1:].startswith(shown) and rest[1 + len(shown) : 2 + len(shown)] == rest[:1]:
        return line, col + len(shown) + 2
    return None, None


def facts_value(data: Any, path: tuple[PathPart, ...]) -> Any:
    """The plain value at ``path`` in ``data``, or None."""
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _structure_findings(doc: Document, eff: Effective, facts: Any) -> list[Diagnostic]:
    from iop.lint.checks import CheckContext, registry

    check = registry().get(eff.rule.check or "")
    if check is None:
        return [
            Diagnostic(
                file=doc.display,
                line=1,
                column=1,
                rule=CHECK_FAILED,
                severity="error",
                message=_meta_message(CHECK_FAILED, code=eff.rule.code, check=eff.rule.check or ""),
            )
        ]
    try:
        hits = list(check(CheckContext(facts, eff.rule, eff.params)))
    except Exception as exc:  # a check must never stop the review of the file
        return [_rule_failed(doc, eff.rule, exc)]
    out = []
    for hit in hits:
        line, col = doc.locate(hit.path, key=hit.key)
        end_line, end_col = (
            _key_end(doc, hit.path, line, col) if hit.key else _value_end(doc, hit.path, line, col)
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
    doc: Document, *, profile: str | None = None, config: LintConfig | None = None
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
            found.append(_settings_problem(doc, exc.message))
    name, notice = _pick_profile(doc, profile, config)
    try:
        plan = plan_for(name, config)
    except ProfileError as exc:
        if profile:
            raise
        found.append(_settings_problem(doc, exc.message))
        plan = plan_for(DEFAULT_PROFILE, LintConfig())
    if notice:
        found.append(notice)
    for diag in validate(doc):
        if diag.rule in plan.disabled:
            continue
        sev = plan.severity.get(diag.rule)
        found.append(replace(diag, severity=sev) if sev and sev != diag.severity else diag)
    facts = DocFacts(doc)
    for eff in plan.rules.values():
        if eff.rule.kind == "text":
            found.extend(_text_findings(doc, eff))
        else:
            found.extend(_structure_findings(doc, eff, facts))
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


def lint_file(path: Path, display: str, profile: str | None, config: LintConfig) -> list[Diagnostic]:
    """Load and lint one file; a file that does not load gives its load diagnostics."""
    from iop.loader import LoadError, load

    try:
        doc = load(path, display)
    except LoadError as exc:
        return list(exc.diagnostics)
    return lint_document(doc, profile=profile, config=config)


def _chunk(job: tuple[list[tuple[str, str]], str | None, LintConfig]) -> list[list[Diagnostic]]:
    items, profile, config = job
    return [lint_file(Path(p), display, profile, config) for p, display in items]


def _warm_up(profile: str | None, config: LintConfig) -> None:
    """Import and compile everything once in the parent, so forked workers inherit it."""
    import iop.loader
    import iop.validation.messages  # noqa: F401
    from iop.lint.checks import registry
    from iop.lint.profiles import available
    from iop.validation.schema import validator

    registry()
    validator()
    for name in {profile or config.profile or DEFAULT_PROFILE, *available()}:
        try:
            plan_for(name, config)  # also compiles the plan's text rules
        except ProfileError:
            if name == profile:
                raise


def _promote_young() -> None:
    """Move what was allocated while the collector was off straight to the oldest generation.

    Otherwise the collector, once enabled again, starts with a young-generation pass
    over everything linting allocated (compiled rules, schema, imports): about 10 ms
    for one file. Nothing is lost: those objects stay collectable by the next full
    collection. Left alone when the caller has frozen objects of its own.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


_EXIT_HOOK: list[bool] = []


def _spare_exit_collection() -> None:
    """Skip the full garbage collection the interpreter runs at exit (once per process).

    At exit every object still alive is traversed once more (about 30 ms after
    linting one file: the compiled rules and the schema are large); freezing them
    first leaves only the normal teardown. Reference counting still frees them.
    """
    if not _EXIT_HOOK:
        import atexit

        atexit.register(gc.freeze)
        _EXIT_HOOK.append(True)


def _worker_init() -> None:
    """A short-lived worker lints a batch and exits: the cyclic garbage collector only costs time."""
    gc.disable()


def _pool_run(
    todo: list[tuple[int, Path, str]], profile: str | None, config: LintConfig, jobs: int
) -> dict[int, list[Diagnostic]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _warm_up(profile, config)
    size = max(1, -(-len(todo) // (jobs * 4)))
    chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
    context = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    out: dict[int, list[Diagnostic]] = {}
    gc.freeze()  # forked workers then never scan (and copy) the warmed-up objects
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_init) as pool:
            futures = [
                pool.submit(_chunk, ([(str(p), d) for _, p, d in chunk], profile, config)) for chunk in chunks
            ]
            for chunk, future in zip(chunks, futures, strict=True):
                for (index, _, _), diags in zip(chunk, future.result(), strict=True):
                    out[index] = diags
    except BrokenProcessPool:
        pass  # a worker died (e.g. killed from outside): finish the rest in this process
    finally:
        gc.unfreeze()
    for index, path, display in todo:
        if index not in out:
            out[index] = lint_file(path, display, profile, config)
    return out


def default_jobs() -> int:
    """Worker processes for a large batch: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def lint_paths(
    paths: Sequence[Path],
    *,
    profile: str | None = None,
    config: LintConfig | None = None,
    cache: LintCache | None = None,
    displays: Sequence[str] | None = None,
    jobs: int | None = None,
) -> list[FileResult]:
    """Lint many files; results in input order.

    Files whose bytes, rules, profile and configuration are unchanged come from
    ``cache``. The rest are linted in this process, or in a process pool when
    there are at least :data:`POOL_MIN_FILES` of them.
    """
    _spare_exit_collection()
    config = config if config is not None else _default_config()
    names = list(displays) if displays is not None else [str(p) for p in paths]
    results: dict[int, FileResult] = {}
    todo: list[tuple[int, Path, str]] = []
    raw_by_index: dict[int, bytes] = {}
    for index, (path, display) in enumerate(zip(paths, names, strict=True)):
        if cache is not None:
            try:
                raw = path.read_bytes()
            except OSError:
                todo.append((index, path, display))
                continue
            raw_by_index[index] = raw
            hit = cache.get(raw, display)
            if hit is not None:
                results[index] = FileResult(path, display, hit, cached=True)
                continue
        todo.append((index, path, display))
    workers = jobs if jobs is not None else default_jobs()
    if len(todo) >= POOL_MIN_FILES and workers > 1:
        fresh = _pool_run(todo, profile, config, workers)
    else:
        enabled = gc.isenabled()
        gc.disable()  # linting allocates many small, short-lived objects and makes no cycles worth chasing
        try:
            fresh = {index: lint_file(path, display, profile, config) for index, path, display in todo}
        finally:
            if enabled:
                _promote_young()
                gc.enable()
    for index, path, display in todo:
        diags = fresh[index]
        results[index] = FileResult(path, display, diags)
        if cache is not None and index in raw_by_index:
            cache.put(raw_by_index[index], diags)
    return [results[i] for i in range(len(names))]
