"""Rule packs: the linter's rules as data in ``lint/rules/*.yaml``.

Every pack is a YAML file ``{pack: name, rules: {CODE: {...}}}``. This module
reads and validates the packs and returns immutable :class:`Rule` objects; it
knows nothing about how a rule is applied. Text rules carry a ``match``
(applied by :mod:`iop.lint.text`), structural rules a ``check`` (a Python
function registered by the engine), schema rules neither.

The form of a pack is ``lint/schemas/regelpaket.schema.json``. A malformed pack
raises :class:`RulePackError` whose message (Swedish and English) names every
problem as ``file:line:column``, never a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from string import Formatter
from typing import TYPE_CHECKING, Any, cast

from iop.diagnostics import PathPart, Severity
from iop.i18n import LANGS, MessageError, Text, text
from iop.lint.text.grammar import GrammarError, compile_match, compile_pattern

if TYPE_CHECKING:
    from iop.datapath import DataPath
    from iop.diagnostics import Diagnostic
    from iop.loader import Document

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


Pack = tuple[Path, "Document"]
"""A pack file with its loaded document (plain data and positions)."""


def _fail(found: list[Diagnostic]) -> RulePackError:
    from iop.lint.schemas import message

    return RulePackError(message(found))


def _finding(doc: Document, path: DataPath, sv: str, en: str, *, key: bool = False, hint: Text | None = None) -> Diagnostic:
    from iop.lint.schemas import finding

    return finding(doc, path, text(sv, en), hint, key=key)


def _texts(value: Any) -> Text:
    """A schema-checked ``{sv: ..., en: ...}`` (or nothing), stripped."""
    return {lang: str(value[lang]).strip() for lang in LANGS} if isinstance(value, Mapping) else {}


def _strings(value: Any) -> tuple[str, ...]:
    """A schema-checked text or list of texts as a tuple."""
    return (value,) if isinstance(value, str) else tuple(value)


def _plain(obj: Any) -> Any:
    """Loaded containers → fresh plain dicts/lists (frozen rules must not share the document's)."""
    if isinstance(obj, Mapping):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_plain(v) for v in obj]
    return obj


def _rule_problems(doc: Document, code: str, body: Mapping[str, Any], match: Any) -> list[Diagnostic]:
    """What the schema cannot say about one rule: its placeholders, its check, its patterns."""
    from iop.lint.params import declarations

    where: DataPath = ("rules", code)
    found: list[Diagnostic] = []
    text_rule = body.get("match") is not None
    for lang in LANGS:
        names = _placeholders(body["message"][lang])
        if text_rule and (names is None or names - {"match"}):
            found.append(
                _finding(
                    doc,
                    (*where, "message", lang),
                    f"'message.{lang}' i {code} får bara använda platshållaren {{match}}.",
                    f"'message.{lang}' in {code} may only use the placeholder {{match}}.",
                )
            )
        elif names is None:
            found.append(
                _finding(
                    doc,
                    (*where, "message", lang),
                    f"'message.{lang}' i {code}: en platshållare är bara ett namn inom klammer, t.ex. {{count}}.",
                    f"'message.{lang}' in {code}: a placeholder is just a name in braces, e.g. {{count}}.",
                    hint=text("Skriv {{ och }} för en klammer i texten.", "Write {{ and }} for a brace in the text."),
                )
            )
    if text_rule:
        extra = body.get("params", {}).get("extra_terms", ())
        try:
            compile_match(match, [extra] if isinstance(extra, str) else [str(e) for e in extra])
        except GrammarError as exc:
            found.append(
                _finding(
                    doc,
                    _failing_pattern(match, extra, where),
                    f"{code}: 'match': {exc.message['sv']}",
                    f"{code}: 'match': {exc.message['en']}",
                )
            )
    check = body.get("check")
    if check is not None:
        known = [k for k in declarations() if k not in ("text", "schema")]
        if check not in known:
            from iop.lint.schemas import suggestion

            found.append(
                _finding(
                    doc,
                    (*where, "check"),
                    f"{code}: kontrollen '{check}' finns inte (den ska vara deklarerad i lint/schemas/params.schema.json).",
                    f"{code}: there is no check '{check}' (it must be declared in lint/schemas/params.schema.json).",
                    hint=suggestion(check, known),
                )
            )
    return found


def _placeholders(template: str) -> set[str] | None:
    """The names of a message's placeholders; None when one is more than a plain name.

    A format spec, conversion, attribute or index (``{count:>999999999}``,
    ``{count.__class__}``) could make filling the message slow or odd, so only
    ``{name}`` is accepted.
    """
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in Formatter().parse(template)]
    except ValueError:
        return None
    names = {name for name, _, _ in fields if name is not None}
    plain = all(n is None or (n.isidentifier() and not spec and not conv) for n, spec, conv in fields)
    return names if plain else None


def _failing_pattern(match: Mapping[str, Any], extra: Any, where: DataPath) -> DataPath:
    """The place of the first pattern in ``match`` or ``params.extra_terms`` that does not compile."""
    groups = [(("match", key), match.get(key)) for key in ("any", "with", "near", "unless")]
    for key, value in [*groups, (("params", "extra_terms"), extra)]:
        value = value or []
        items: list[tuple[DataPath, Any]] = (
            [(key, value)] if isinstance(value, str) else [((*key, i), v) for i, v in enumerate(value)]
        )
        for path, pattern in items:
            try:
                compile_pattern(pattern)
            except GrammarError:
                return (*where, *path)
    return (*where, "match")


def _read_pack(file: Path) -> Document:
    """Load one pack file and hold it to ``lint/schemas/regelpaket.schema.json``."""
    from iop.lint.schemas import PACK, check, read

    doc = read(file, file.name, text("En regelfil", "A rule pack"), RulePackError)
    assert doc is not None
    check(doc, PACK, RulePackError)
    return doc


_SET_REF = re.compile(r"@([a-zåäö0-9_-]+)")


def _expand_sets(obj: Any, sets: Mapping[str, str], doc: Document, path: DataPath, found: list[Diagnostic]) -> Any:
    """Replace ``@name`` in match patterns by the named set's alternatives; unknown names are findings."""
    if isinstance(obj, str):

        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in sets:
                from iop.lint.schemas import suggestion

                known = ", ".join(sorted(sets)) or "-"
                found.append(
                    _finding(
                        doc,
                        path,
                        f"{path[1]}: okänd ordlista @{name} (finns: {known}).",
                        f"{path[1]}: unknown set @{name} (defined: {known}).",
                        hint=suggestion(name, list(sets)),
                    )
                )
                return m.group(0)
            return sets[name]

        return _SET_REF.sub(sub, obj)
    if isinstance(obj, Mapping):
        return {k: _expand_sets(v, sets, doc, (*path, k), found) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_expand_sets(v, sets, doc, (*path, i), found) for i, v in enumerate(obj)]
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

    Each file is held to ``lint/schemas/regelpaket.schema.json`` and each rule's
    ``params`` to its check's declaration (``lint/schemas/params.schema.json``);
    what no schema says (codes and word lists defined twice, unknown word lists and
    checks, patterns that do not compile) is checked after. Raises
    :class:`RulePackError` naming every problem as ``file:line:column``.

    Nothing is cached: a process reads the packs once, into its
    :class:`~iop.lint.ruleset.RuleSet`.
    """
    packs = [(file, _read_pack(file)) for file in pack_files(paths)]
    found = _params_problems(packs)
    rules = _build_rules(packs, found)
    if found:
        raise _fail(found)
    return rules


def _params_problems(packs: list[Pack]) -> list[Diagnostic]:
    """Each rule's ``params`` against its check's declaration (``lint/schemas/params.schema.json``)."""
    from iop.lint.params import kind_of_body, problems

    found: list[Diagnostic] = []
    for file, doc in packs:
        body = doc.data["rules"]
        found += problems(file, doc.data, {str(code): kind_of_body(rule) for code, rule in body.items()}, doc)
    return found


def _build_rules(packs: list[Pack], found: list[Diagnostic]) -> dict[str, Rule]:
    """The rules of schema-checked packs; what no schema can say is added to ``found``."""
    rules: dict[str, Rule] = {}
    sets: dict[str, str] = {}
    owner: dict[str, Path] = {}
    for file, doc in packs:
        for name, words in (doc.data.get("sets") or {}).items():
            if name in sets:
                found.append(
                    _finding(
                        doc,
                        ("sets", name),
                        f"ordlistan '{name}' finns redan i {owner[name].name}.",
                        f"the set '{name}' is already defined in {owner[name].name}.",
                        key=True,
                    )
                )
            words = [w.strip() for w in words.split("|")] if isinstance(words, str) else words
            sets[name] = "|".join(words)
            owner[name] = file
    for file, doc in packs:
        pack = str(doc.data["pack"])
        for code, body in doc.data["rules"].items():
            where: DataPath = ("rules", code)
            if code in rules:
                other = rules[code].file
                found.append(
                    _finding(
                        doc,
                        where,
                        f"koden {code} finns redan i {other.name if other else '?'}; varje kod får bara finnas en gång.",
                        f"the code {code} already exists in {other.name if other else '?'}; each code must be unique.",
                        key=True,
                    )
                )
                continue
            match = body.get("match")
            if match is not None:
                before = len(found)
                match = _expand_sets(match, sets, doc, (*where, "match"), found)
                if len(found) > before:
                    continue
            problems = _rule_problems(doc, code, body, match)
            found.extend(problems)
            if problems:
                continue
            examples = body.get("examples") or {}
            rules[code] = Rule(
                code=code,
                name=body["name"],
                category=body["category"],
                severity=cast(Severity, body.get("severity", "warning")),
                message=_texts(body["message"]),
                explanation=_texts(body.get("explanation")),
                source=_texts(body.get("source")),
                rephrase=_texts(body.get("rephrase")),
                fields=_strings(body.get("fields", ["**"])),
                match=_plain(match) if match is not None else None,
                check=body.get("check"),
                model=body.get("model"),
                params=_plain(body.get("params", {})),
                examples=Examples(
                    fires=_strings(examples.get("fires", [])), passes=_strings(examples.get("passes", []))
                ),
                pack=pack,
                file=file,
            )
    return rules
