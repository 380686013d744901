"""Rule packs: the linter's rules as data in ``lint/rules/*.yaml``.

Every pack is a YAML file ``{pack: name, rules: {CODE: {...}}}``. This module
reads and validates the packs and returns immutable :class:`Rule` objects; it
knows nothing about how a rule is applied. Text rules carry a ``match``
(applied by :mod:`iop.lint.text`), structural rules a ``check`` (a Python
function registered by the engine), schema rules neither.

A malformed pack raises :class:`RulePackError` whose message (Swedish and
English) names the file and the rule, never a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from iop.diagnostics import PathPart, Severity
from iop.i18n import LANGS, MessageError, Text, text
from iop.lint.text.grammar import GrammarError, compile_match

SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
CATEGORIES = (
    "köp-av-tjänst",
    "bidrag",
    "statsstöd",
    "styrning",
    "samfinansiering",
    "uppföljning",
    "villkor",
    "form",
    "schema",
)
CODE_RE = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")
MODEL_RE = re.compile(r"^[\w-]+\.json$")
"""A model rule names a file in ``lint/model/`` (a plain file name: no folders, no way out)."""
NAME_RE = re.compile(r"^[a-zåäö0-9]+(?:-[a-zåäö0-9]+)*$")
_TEXT_KEYS = ("message", "explanation", "source", "rephrase")
_RULE_KEYS = frozenset(
    {"name", "category", "severity", "fields", "match", "check", "model", "params", "examples", *_TEXT_KEYS}
)
_REQUIRED = ("name", "category", "message")


class RulePackError(MessageError):
    """A rule pack cannot be used; ``message`` says where and why in both languages."""


@dataclass(frozen=True)
class Examples:
    """Texts that must produce a finding (``fires``) and near misses that must not (``passes``)."""

    fires: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Rule:
    """One rule of a pack. Text fields are ``{"sv": ..., "en": ...}``."""

    code: str
    name: str
    category: str
    severity: Severity
    message: Text
    explanation: Text = field(default_factory=dict)
    source: Text = field(default_factory=dict)
    rephrase: Text = field(default_factory=dict)
    fields: tuple[str, ...] = ("**",)
    match: Mapping[str, Any] | None = None
    check: str | None = None
    model: str | None = None
    """A model rule: the weights file in ``lint/model/`` (see :mod:`iop.lint.opinion`)."""
    params: Mapping[str, Any] = field(default_factory=dict)
    examples: Examples = field(default_factory=Examples)
    pack: str = ""
    file: Path | None = None

    @property
    def kind(self) -> str:
        """``text`` (has ``match``), ``structure`` (has ``check``), ``model`` or ``schema``."""
        if self.match is not None:
            return "text"
        if self.check is not None:
            return "structure"
        if self.model is not None:
            return "model"
        return "schema"

    def applies_to(self, path: Sequence[PathPart]) -> bool:
        """Whether the data path is covered by this rule's ``fields`` globs.

        A glob that starts with ``!`` excludes what it matches: ``["**", "!mål.**"]`` reads
        every section but ``mål`` (a reach target there is no delivery volume).
        """
        return any(path_matches(g, path) for g in self.fields if not g.startswith("!")) and not any(
            path_matches(g[1:], path) for g in self.fields if g.startswith("!")
        )

    @property
    def everywhere(self) -> bool:
        """Whether the rule reads every string of an agreement (``fields: ["**"]``, no exclusions)."""
        return "**" in self.fields and not any(g.startswith("!") for g in self.fields)


def path_matches(glob: str, path: Sequence[PathPart]) -> bool:
    """Match a dotted glob against a data path.

    ``*`` is one segment (a key or a list index), ``**`` any number of segments
    (also none); other segments compare literally (list indexes as digits).
    ``ekonomi.resurser.*.beskrivning`` matches ``("ekonomi", "resurser", 2, "beskrivning")``.
    """
    parts = [p for p in glob.split(".") if p] if glob else []
    segs = [str(p) for p in path]
    return _match_segments(tuple(parts), tuple(segs))


@lru_cache(maxsize=4096)
def _match_segments(parts: tuple[str, ...], segs: tuple[str, ...]) -> bool:
    if not parts:
        return not segs
    head, rest = parts[0], parts[1:]
    if head == "**":
        return any(_match_segments(rest, segs[i:]) for i in range(len(segs) + 1))
    if not segs:
        return False
    if head == "*" or head == segs[0]:
        return _match_segments(rest, segs[1:])
    return False


def _err(where: str, sv: str, en: str) -> RulePackError:
    return RulePackError(text(f"{where}: {sv}", f"{where}: {en}"))


def _text_field(value: Any, where: str, key: str, *, required: bool, text_rule: bool = False) -> Text:
    if value is None:
        if required:
            raise _err(where, f"'{key}' saknas.", f"'{key}' is missing.")
        return {}
    if isinstance(value, str):
        raise _err(
            where,
            f"'{key}' ska ha en svensk och en engelsk text: {{sv: ..., en: ...}}.",
            f"'{key}' needs a Swedish and an English text: {{sv: ..., en: ...}}.",
        )
    if not isinstance(value, Mapping):
        raise _err(where, f"'{key}' ska vara {{sv: ..., en: ...}}.", f"'{key}' must be {{sv: ..., en: ...}}.")
    unknown = sorted(str(k) for k in value if k not in LANGS)
    if unknown:
        raise _err(
            where,
            f"'{key}' har okänt språk {', '.join(unknown)} (bara sv och en).",
            f"'{key}' has unknown language {', '.join(unknown)} (only sv and en).",
        )
    for lang in LANGS:
        v = value.get(lang)
        if not isinstance(v, str) or not v.strip():
            raise _err(
                where,
                f"'{key}' saknar text på '{lang}'.",
                f"'{key}' lacks a text in '{lang}'.",
            )
    if key == "message" and text_rule:
        for lang in LANGS:
            try:
                str(value[lang]).format(match="x")
            except (KeyError, IndexError, ValueError):
                raise _err(
                    where,
                    f"'message.{lang}' får bara använda platshållaren {{match}}.",
                    f"'message.{lang}' may only use the placeholder {{match}}.",
                ) from None
    return {lang: str(value[lang]).strip() for lang in LANGS}


def _str_list(value: Any, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _err(where, f"'{key}' ska vara en lista med texter.", f"'{key}' must be a list of strings.")
    return tuple(value)


def _plain(obj: Any) -> Any:
    """ruamel containers → plain dicts/lists (frozen rules must not share mutable YAML nodes)."""
    if isinstance(obj, Mapping):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_plain(v) for v in obj]
    return obj


def _build_rule(code: Any, body: Any, pack: str, file: Path) -> Rule:
    where = f"{file.name}: {code}"
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise _err(
            f"{file.name}: {code!r}",
            "regelkoden ska vara 2–5 versaler och tre siffror, t.ex. LOU104.",
            "a rule code is 2–5 capital letters and three digits, e.g. LOU104.",
        )
    if not isinstance(body, Mapping):
        raise _err(where, "regeln ska vara en samling nycklar.", "the rule must be a mapping.")
    unknown = sorted(str(k) for k in body if k not in _RULE_KEYS)
    if unknown:
        raise _err(
            where,
            f"okänd nyckel {', '.join(unknown)} (tillåtna: {', '.join(sorted(_RULE_KEYS))}).",
            f"unknown key {', '.join(unknown)} (allowed: {', '.join(sorted(_RULE_KEYS))}).",
        )
    for key in _REQUIRED:
        if body.get(key) is None:
            raise _err(where, f"'{key}' saknas.", f"'{key}' is missing.")
    name = body["name"]
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise _err(
            where,
            "'name' ska vara gemener och bindestreck, t.ex. 'bestallare-utforare'.",
            "'name' must be lower case words joined by hyphens, e.g. 'bestallare-utforare'.",
        )
    category = body["category"]
    if category not in CATEGORIES:
        raise _err(
            where,
            f"okänd kategori '{category}' (tillåtna: {', '.join(CATEGORIES)}).",
            f"unknown category '{category}' (allowed: {', '.join(CATEGORIES)}).",
        )
    severity = body.get("severity", "warning")
    if severity not in SEVERITIES:
        raise _err(
            where,
            f"okänd allvarlighetsgrad '{severity}' (error, warning eller info).",
            f"unknown severity '{severity}' (error, warning or info).",
        )
    texts = {
        key: _text_field(
            body.get(key), where, key, required=key == "message", text_rule=body.get("match") is not None
        )
        for key in _TEXT_KEYS
    }
    fields = _str_list(body.get("fields", ["**"]), where, "fields")
    match = body.get("match")
    check = body.get("check")
    model = body.get("model")
    if sum(x is not None for x in (match, check, model)) > 1:
        raise _err(
            where,
            "en regel har högst en av 'match' (text), 'check' (struktur) och 'model' (modell).",
            "a rule has at most one of 'match' (text), 'check' (structure) and 'model' (model).",
        )
    if model is not None and (not isinstance(model, str) or not MODEL_RE.match(model)):
        raise _err(
            where,
            "'model' ska vara ett filnamn i lint/model/, t.ex. lou-modell.json.",
            "'model' must be a file name in lint/model/, e.g. lou-modell.json.",
        )
    if match is not None and not isinstance(match, Mapping):
        raise _err(where, "'match' ska vara en samling nycklar.", "'match' must be a mapping.")
    if check is not None and (not isinstance(check, str) or not check.isidentifier()):
        raise _err(
            where,
            "'check' ska vara namnet på en registrerad kontroll, t.ex. co_financing.",
            "'check' must name a registered check, e.g. co_financing.",
        )
    params = body.get("params", {})
    if not isinstance(params, Mapping):
        raise _err(where, "'params' ska vara en samling nycklar.", "'params' must be a mapping.")
    examples = body.get("examples", {}) or {}
    if not isinstance(examples, Mapping) or set(examples) - {"fires", "passes"}:
        raise _err(
            where,
            "'examples' ska ha 'fires' och/eller 'passes' (listor med texter).",
            "'examples' takes 'fires' and/or 'passes' (lists of strings).",
        )
    rule = Rule(
        code=code,
        name=name,
        category=category,
        severity=cast(Severity, severity),
        message=texts["message"],
        explanation=texts["explanation"],
        source=texts["source"],
        rephrase=texts["rephrase"],
        fields=fields,
        match=_plain(match) if match is not None else None,
        check=check,
        model=model,
        params=_plain(params),
        examples=Examples(
            fires=_str_list(examples.get("fires", []), where, "examples.fires"),
            passes=_str_list(examples.get("passes", []), where, "examples.passes"),
        ),
        pack=pack,
        file=file,
    )
    if rule.match is not None:
        extra = rule.params.get("extra_terms", ())
        if isinstance(extra, str):
            extra = [extra]
        try:
            if not isinstance(extra, Sequence):
                raise GrammarError(text("'extra_terms' ska vara en lista.", "'extra_terms' must be a list."))
            compile_match(rule.match, [str(e) for e in extra])
        except GrammarError as exc:
            raise _err(where, f"'match': {exc.message['sv']}", f"'match': {exc.message['en']}") from None
    return rule


def _read_pack(file: Path) -> tuple[str, Mapping[str, Any], dict[str, str]]:
    from ruamel.yaml.error import YAMLError

    from iop.lint.profiles import parse_yaml

    try:
        data = parse_yaml(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise _err(
            file.name, f"filen kan inte läsas ({exc.strerror}).", f"cannot read file ({exc.strerror})."
        ) from None
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f"{file.name}:{mark.line + 1}:{mark.column + 1}" if mark else file.name
        detail = str(getattr(exc, "problem", None) or exc).strip()
        raise _err(place, f"ogiltig YAML ({detail}).", f"invalid YAML ({detail}).") from None
    if not isinstance(data, Mapping) or not isinstance(data.get("rules", {}) or {}, Mapping):
        raise _err(
            file.name,
            "en regelfil ska ha 'pack: namn' och 'rules: {KOD: {...}}'.",
            "a rule pack needs 'pack: name' and 'rules: {CODE: {...}}'.",
        )
    extra = sorted(str(k) for k in data if k not in {"pack", "rules", "description", "sets"})
    if extra:
        raise _err(
            file.name,
            f"okänd nyckel {', '.join(extra)} (tillåtna: pack, description, sets, rules).",
            f"unknown key {', '.join(extra)} (allowed: pack, description, sets, rules).",
        )
    pack = data.get("pack") or file.stem
    sets: dict[str, str] = {}
    raw_sets = data.get("sets") or {}
    if not isinstance(raw_sets, Mapping):
        raise _err(file.name, "'sets' ska vara namn: [ord, ...].", "'sets' must map names to word lists.")
    for name, words in raw_sets.items():
        if isinstance(words, str):
            words = [w.strip() for w in words.split("|")]
        if not isinstance(name, str) or not re.fullmatch(r"[a-zåäö0-9_-]+", name):
            raise _err(file.name, f"ogiltigt ordlistenamn {name!r}.", f"invalid set name {name!r}.")
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
            raise _err(
                f"{file.name}: sets.{name}",
                "en ordlista är en icke-tom lista med ord.",
                "a set is a non-empty list of words.",
            )
        sets[name] = "|".join(words)
    return str(pack), data["rules"] or {}, sets


_SET_REF = re.compile(r"@([a-zåäö0-9_-]+)")


def _expand_sets(obj: Any, sets: Mapping[str, str], where: str) -> Any:
    """Replace ``@name`` in match patterns by the named set's alternatives."""
    if isinstance(obj, str):

        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in sets:
                known = ", ".join(sorted(sets)) or "-"
                raise _err(
                    where,
                    f"okänd ordlista @{name} (finns: {known}).",
                    f"unknown set @{name} (defined: {known}).",
                )
            return sets[name]

        return _SET_REF.sub(sub, obj)
    if isinstance(obj, Mapping):
        return {k: _expand_sets(v, sets, where) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_expand_sets(v, sets, where) for v in obj]
    return obj


def pack_files(paths: Iterable[Path] | None = None) -> list[Path]:
    """The pack files to read: every ``*.yaml`` in the given folders/files (default ``lint/rules/``)."""
    if paths is None:
        from iop.assets import asset

        paths = [asset("lint", "rules")]
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(p.glob("*.yaml")))
        else:
            files.append(p)
    return files


def load_rules(paths: Iterable[Path] | None = None) -> dict[str, Rule]:
    """Read and validate rule packs; code → rule, in file order then pack order.

    Nothing is cached: a process reads the packs once, into its
    :class:`~iop.lint.ruleset.RuleSet`.
    """
    packs = [(file, *_read_pack(file)) for file in pack_files(paths)]
    rules = _build_rules(packs)
    _check_params(packs, rules)
    return rules


def _check_params(
    packs: list[tuple[Path, str, Mapping[str, Any], dict[str, str]]], rules: Mapping[str, Rule]
) -> None:
    """Each rule's ``params`` against its check's declaration (``lint/schemas/params.schema.json``)."""
    from iop.lint.params import kind_of, message, problems

    for file, _pack, body, _sets in packs:
        kinds = {str(code): kind_of(rules[code]) for code in body if code in rules}
        found = problems(file, {"rules": body}, kinds)
        if found:
            raise RulePackError(message(found))


def _build_rules(packs: list[tuple[Path, str, Mapping[str, Any], dict[str, str]]]) -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    sets: dict[str, str] = {}
    for file, _pack, _body, pack_sets in packs:
        for name, words in pack_sets.items():
            if name in sets:
                raise _err(
                    f"{file.name}: sets.{name}",
                    "ordlistan finns redan i en annan regelfil.",
                    "the set is already defined in another pack.",
                )
            sets[name] = words
    for file, pack, body, _sets in packs:
        if not isinstance(body, Mapping):
            raise _err(file.name, "'rules' ska vara {KOD: {...}}.", "'rules' must be {CODE: {...}}.")
        for code, rule_body in body.items():
            if isinstance(rule_body, Mapping) and rule_body.get("match") is not None:
                rule_body = {
                    **rule_body,
                    "match": _expand_sets(rule_body["match"], sets, f"{file.name}: {code}"),
                }
            if code in rules:
                other = rules[code].file
                raise _err(
                    f"{file.name}: {code}",
                    f"koden finns redan i {other.name if other else '?'}; varje kod får bara finnas en gång.",
                    f"the code already exists in {other.name if other else '?'}; each code must be unique.",
                )
            rules[code] = _build_rule(code, rule_body, pack, file)
    return rules
