"""Safe, position-keeping loading of agreement YAML.

ruamel.yaml's round-trip loader keeps line and column for every key and item,
and comments for the formatter. No tag ever constructs a Python object: only
YAML's core tags are accepted. File size, nesting depth and alias expansion are
bounded, so a hostile file is rejected quickly with a clear message.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.scalarbool import ScalarBoolean

from iop import fastparse
from iop.diagnostics import Diagnostic, PathPart, format_path
from iop.fastparse import Positions
from iop.files import AGREEMENT_LIMIT, NotRegularFile, TooLarge, read_regular
from iop.i18n import Text, text

MAX_BYTES = AGREEMENT_LIMIT
MAX_DEPTH = 40
MAX_ALIASES = 100
MAX_NODES = 200_000
MAX_PARSE_NODES = 5_000
_CORE_TAGS = {
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}

JSONValue = Any


class _LimitExceeded(Exception):
    """Raised while composing when nesting depth or node count passes its bound."""

    def __init__(self, line: int, column: int, too_many: bool) -> None:
        super().__init__(line, column)
        self.line, self.column, self.too_many = line, column, too_many


class _BoundedComposer(Composer):
    """A composer that stops early on deep nesting or too many nodes.

    ruamel's scanner does quadratic work per flow level (``[[[[...``) and
    pure-Python parsing costs tens of microseconds per node, so both are
    bounded here, before the work is done, not afterwards.
    """

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self._depth = 0
        self._count = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        self._count += 1
        if self._depth > MAX_DEPTH + 1 or self._count > MAX_PARSE_NODES:
            mark = self.parser.peek_event().start_mark
            raise _LimitExceeded(mark.line + 1, mark.column + 1, self._count > MAX_PARSE_NODES)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _BadNode(Exception):
    """A node that cannot become an allowed value; carries its own diagnostic parts."""

    def __init__(self, node: Any, code: str, message: Text, hint: Text) -> None:
        super().__init__(message["en"])
        mark = node.start_mark
        self.line, self.column = mark.line + 1, mark.column + 1
        self.code, self.message, self.hint = code, message, hint


_MERGE_TAG = "tag:yaml.org,2002:merge"
_SCALAR_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_KIND_NAMES = {
    ScalarNode: ("ett enkelt värde", "a single value"),
    SequenceNode: ("en lista", "a list"),
    MappingNode: ("en samling nycklar", "a mapping"),
}


def _short(value: object, limit: int = 40) -> str:
    shown = str(value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _tag_not_allowed(node: Any, shown: str) -> _BadNode:
    return _BadNode(
        node,
        "YAML009",
        text(f"YAML-taggen '{shown}' är inte tillåten.", f"The YAML tag '{shown}' is not allowed."),
        text(
            "Ta bort taggen (det som börjar med '!'); skriv värdet som vanlig text.",
            "Remove the tag (the part starting with '!'); write the value as plain text.",
        ),
    )


def _check_node(node: Any, tag: str) -> None:
    """Refuse a node whose tag is not a core tag or does not fit the kind of node it is on."""
    shown = str(tag).replace("tag:yaml.org,2002:", "!!")
    if tag not in _CORE_TAGS and tag != _MERGE_TAG:
        raise _tag_not_allowed(node, shown)
    wanted = (
        ScalarNode
        if tag in _SCALAR_TAGS or tag == _MERGE_TAG
        else MappingNode
        if tag.endswith(":map")
        else SequenceNode
    )
    if isinstance(node, MappingNode):
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _BadNode(
                    key_node,
                    "YAML010",
                    text(
                        "En nyckel är en lista eller samling, inte text.",
                        "A key is a list or mapping, not text.",
                    ),
                    text(
                        "Nycklar ska vara ord som 'syfte' eller 'mål'; ta bort '?' framför nyckeln.",
                        "Keys must be words such as 'syfte' or 'mål'; remove the '?' before the key.",
                    ),
                )
    if not isinstance(node, wanted):
        sv, en = next(names for kind, names in _KIND_NAMES.items() if isinstance(node, kind))
        raise _BadNode(
            node,
            "YAML009",
            text(
                f"YAML-taggen '{shown}' passar inte här: värdet är {sv}.",
                f"The YAML tag '{shown}' does not fit here: the value is {en}.",
            ),
            text(
                "Ta bort taggen (det som börjar med '!'); iop läser värdets typ av sig själv.",
                "Remove the tag (the part starting with '!'); iop reads the value's type by itself.",
            ),
        )


def _unreadable_value(node: Any, tag: str, exc: Exception) -> _BadNode:
    """The diagnostic for a scalar that its (explicit or implied) tag cannot construct."""
    value = getattr(node, "value", "")
    if "integer string conversion" in str(exc):
        digits = sum(ch.isdigit() for ch in str(value))
        return _BadNode(
            node,
            "YAML011",
            text(
                f"Talet har {digits} siffror; så stora tal kan inte läsas.",
                f"The number has {digits} digits; numbers that large cannot be read.",
            ),
            text(
                "Kontrollera värdet; ska det vara text (t.ex. ett id), skriv det inom citattecken.",
                "Check the value; if it is text (such as an id), put it in quotes.",
            ),
        )
    shown = str(tag).replace("tag:yaml.org,2002:", "!!")
    return _BadNode(
        node,
        "YAML009",
        text(
            f"Värdet '{_short(value)}' kan inte läsas som '{shown}'.",
            f"The value '{_short(value)}' cannot be read as '{shown}'.",
        ),
        text(
            "Ta bort taggen (det som börjar med '!') eller rätta värdet.",
            "Remove the tag (the part starting with '!') or correct the value.",
        ),
    )


class _SafeConstructor(RoundTripConstructor):
    """Round-trip constructor that accepts only core tags on nodes of their own kind.

    A tag on the wrong kind of node (``!!set`` on a text, ``!!int abc``) or a
    value its tag cannot construct (``!!float 1e``, an integer with 5 000 digits)
    becomes a positioned :class:`_BadNode` instead of an exception deep inside
    ruamel.yaml. An impossible date (2025-02-30) stays text, so the schema reports
    it as a bad date at its exact position.
    """

    def construct_non_recursive_object(self, node: Any, tag: str | None = None) -> Any:
        used = tag or node.tag
        _check_node(node, used)
        try:
            return super().construct_non_recursive_object(node, tag)
        except (_BadNode, MarkedYAMLError, _LimitExceeded):
            raise
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError) as exc:
            raise _unreadable_value(node, used, exc) from None

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except (ValueError, TypeError, AttributeError, IndexError):
            return str(node.value)


_SafeConstructor.add_constructor("tag:yaml.org,2002:timestamp", _SafeConstructor.construct_yaml_timestamp)


class LoadError(Exception):
    """The file could not be read as an agreement; ``diagnostics`` says why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(diagnostics[0].message["en"] if diagnostics else "load error")
        self.diagnostics = diagnostics


def source_lines(text: str, *, keepends: bool = False) -> list[str]:
    """The lines of a YAML source as the parser counts them: split at ``\n`` only.

    ``str.splitlines`` also splits at U+2028, U+0085 and other separators that
    ruamel.yaml keeps inside a line, which would shift every line number after them.
    """
    parts = text.split("\n")
    if not keepends:
        return parts[:-1] if parts and parts[-1] == "" else parts
    out = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out


@dataclass
class Document:
    """One loaded agreement: the bytes, the text, plain data and the round-trip tree.

    ``root`` (ruamel's round-trip tree, with comments) is built on first use:
    an ordinary file is read by the fast libyaml path (:mod:`iop.fastparse`),
    which records every position, so validating never needs the slow parse.
    """

    path: Path
    display: str
    raw: bytes
    text: str
    data: dict[str, JSONValue]
    positions: Positions | None = field(default=None, repr=False)
    _root: CommentedMap | None = field(default=None, repr=False)
    lines: list[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.lines = source_lines(self.text)

    @property
    def root(self) -> CommentedMap:
        """The round-trip tree (keeps comments and positions), parsed on first use."""
        if self._root is None:
            self._root = parse_roundtrip(self.text, self.display)
        return self._root

    @property
    def sha256(self) -> str:
        """SHA-256 of the file's bytes, 64 hex digits."""
        return hashlib.sha256(self.raw).hexdigest()

    def node(self, path: tuple[PathPart, ...]) -> Any:
        """The round-trip object at ``path`` (raises KeyError/IndexError if absent)."""
        obj: Any = self.root
        for part in path:
            obj = obj[part]
        return obj

    def locate(self, path: tuple[PathPart, ...], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``path`` (see :func:`locate`)."""
        if self.positions is not None:
            return fastparse.locate(self.positions, path, key=key)
        return locate(self.root, path, key=key)

    def iter_strings(self) -> Iterator[tuple[tuple[PathPart, ...], str]]:
        """Every string value in the document with its path, in document order."""

        def walk(obj: JSONValue, path: tuple[PathPart, ...]) -> Iterator[tuple[tuple[PathPart, ...], str]]:
            if isinstance(obj, dict):
                for k, v in obj.items():
                    yield from walk(v, (*path, k))
            elif isinstance(obj, list):
                for i, v in enumerate(obj):
                    yield from walk(v, (*path, i))
            elif isinstance(obj, str):
                yield path, obj

        yield from walk(self.data, ())


def _diag(
    display: str,
    line: int,
    col: int,
    code: str,
    message: Text,
    hint: Text | None = None,
    path: tuple[PathPart, ...] = (),
) -> Diagnostic:
    return Diagnostic(display, line, col, code, "error", message, path=path, hint=hint)


def _too_large(display: str, size: int) -> Diagnostic:
    return _diag(
        display,
        1,
        1,
        "YAML007",
        text(
            f"Filen är för stor ({size} byte; högst {MAX_BYTES} byte).",
            f"The file is too large ({size} bytes; at most {MAX_BYTES}).",
        ),
        text(
            "En överenskommelse är normalt under 100 kB; lägg bilagor i egna filer.",
            "An agreement is normally under 100 kB; keep attachments in separate files.",
        ),
    )


def _too_deep(display: str, line: int, column: int, too_many: bool = False) -> Diagnostic:
    return _diag(
        display,
        line,
        column,
        "YAML008",
        text(
            f"Filen har för många värden (högst {MAX_PARSE_NODES}).",
            f"The file has too many values (at most {MAX_PARSE_NODES}).",
        )
        if too_many
        else text(
            f"Filen är för djupt nästlad (högst {MAX_DEPTH} nivåer).",
            f"The file is nested too deeply (at most {MAX_DEPTH} levels).",
        ),
        text(
            "En överenskommelse behöver ingen djup nästling; förenkla strukturen.",
            "An agreement needs no deep nesting; simplify the structure.",
        ),
    )


def locate(root: Any, path: tuple[PathPart, ...], *, key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the value at ``path`` in a round-trip tree.

    With ``key=True`` the position of the last key instead of its value; an empty
    (null) value also resolves to its key. A path that does not exist resolves to
    the deepest existing ancestor.
    """
    obj: Any = root
    line, col = 0, 0
    for i, part in enumerate(path):
        last = i == len(path) - 1
        try:
            if isinstance(obj, CommentedMap) and part in obj:
                # An empty (null) value has no token of its own: ruamel records the
                # position of whatever follows, often lines later. Point at its key.
                at_key = last and (key or obj[part] is None)
                line, col = obj.lc.key(part) if at_key else obj.lc.value(part)
            elif isinstance(obj, CommentedSeq) and isinstance(part, int) and 0 <= part < len(obj):
                line, col = obj.lc.item(part)
            else:
                break
        except (KeyError, IndexError, TypeError, AttributeError):
            break
        obj = obj[part]
    return line + 1, col + 1


def _position_of_offset(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = len(before) - (before.rfind(b"\n") + 1) + 1
    return line, col


_SYNTAX_HINTS: list[tuple[re.Pattern[str], Text, Text]] = [
    (
        re.compile(r"found character '\\t'|found a tab character"),
        text(
            "Tabbtecken är inte tillåtna för indrag i YAML.",
            "Tab characters are not allowed for indentation in YAML.",
        ),
        text(
            "Använd mellanslag (två per nivå) i stället för tabb.",
            "Use spaces (two per level) instead of tabs.",
        ),
    ),
    (
        re.compile(r"mapping values are not allowed"),
        text(
            "Ett kolon följt av mellanslag står mitt i ett värde.",
            "A colon followed by a space appears inside a value.",
        ),
        text(
            "Sätt texten inom citattecken (\"...\") eller skriv den som block med '|'.",
            "Quote the text (\"...\") or write it as a block scalar with '|'.",
        ),
    ),
    (
        re.compile(r"could not find expected ':'|expected <block end>|did not find expected key"),
        text("Indraget eller strukturen stämmer inte här.", "The indentation or structure is wrong here."),
        text(
            "Kontrollera att nycklar på samma nivå har samma indrag och att varje nyckel följs av ':'.",
            "Check that keys on the same level share indentation and each key ends in ':'.",
        ),
    ),
    (
        re.compile(r"found undefined alias"),
        text(
            "Aliaset hänvisar till ett ankare som inte finns.",
            "The alias refers to an anchor that does not exist.",
        ),
        text(
            "Definiera ankaret (&namn) före aliaset (*namn), eller skriv ut värdet.",
            "Define the anchor (&name) before the alias (*name), or write the value out.",
        ),
    ),
]


def _last_path(source: str) -> tuple[PathPart, ...]:
    """The path of the last value in ``source`` (valid YAML), or () when it cannot be read."""
    yaml = YAML(typ="rt", pure=True)
    yaml.Composer = _BoundedComposer  # the same bounds as the real parse
    yaml.Constructor = _SafeConstructor  # and the same refusals of odd tags
    try:
        node: Any = yaml.load(source)
    except (
        YAMLError,
        RecursionError,
        _LimitExceeded,
        _BadNode,
        ArithmeticError,
        LookupError,
        ValueError,
        TypeError,
        AttributeError,
    ):
        return ()
    path: list[PathPart] = []
    while node and len(path) < MAX_DEPTH:
        if isinstance(node, dict):
            key = list(node)[-1]
            if not isinstance(key, str):
                break
            path.append(key)
            node = node[key]
        elif isinstance(node, list):
            path.append(len(node) - 1)
            node = node[-1]
        else:
            break
    return tuple(path)


def _missing_colon(display: str, exc: MarkedYAMLError, source: str) -> Diagnostic | None:
    """A line without ':' where a key was expected, reported on that line (not a later one).

    Most often it continues the text above without being indented; the place is the
    value it was meant to continue.
    """
    mark = exc.context_mark
    if mark is None or "simple key" not in str(exc.context) or "expected ':'" not in str(exc.problem):
        return None
    lines = source_lines(source, keepends=True)
    path = _last_path("".join(lines[: mark.line]))
    above_sv = f" ({format_path(path, 'sv')})" if path else ""
    above_en = f" ({format_path(path, 'en')})" if path else ""
    return _diag(
        display,
        mark.line + 1,
        mark.column + 1,
        "YAML001",
        text(
            f"Raden saknar ':'. Fortsätter den texten ovanför{above_sv} utan indrag?",
            f"The line has no ':'. Does it continue the text above{above_en} without indentation?",
        ),
        text(
            "En fortsättningsrad ska dras in längre än nyckeln den hör till (eller skriv värdet som "
            "block: 'nyckel: |' och texten indragen på raderna under). Är raden en ny nyckel "
            "saknas ':' efter den.",
            "A continuation line must be indented further than its key (or write the value as a "
            "block: 'key: |' with the text indented below). If the line is a new key, it lacks ':'.",
        ),
        path,
    )


def _syntax_error(display: str, exc: MarkedYAMLError, source: str = "") -> Diagnostic:
    found = _missing_colon(display, exc, source)
    if found is not None:
        return found
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = f"{exc.problem or ''} {exc.context or ''}"
    for pattern, message, hint in _SYNTAX_HINTS:
        if pattern.search(problem):
            code = "YAML003" if "tab" in message["en"].lower() else "YAML001"
            return _diag(display, line, col, code, message, hint)
    detail = (exc.problem or exc.context or "").strip()
    return _diag(
        display,
        line,
        col,
        "YAML001",
        text(f"Filen är inte giltig YAML ({detail}).", f"The file is not valid YAML ({detail})."),
        text(
            "Rätta syntaxen på den angivna raden; jämför med ett av exemplen i agreements/.",
            "Fix the syntax on the given line; compare with an example in agreements/.",
        ),
    )


def _to_plain(root: Any, display: str) -> dict[str, JSONValue]:
    """Convert the round-trip tree to JSON-compatible data, enforcing tag, depth and alias limits."""
    budget = [MAX_NODES]
    seen: set[int] = set()
    aliases = [0]

    def fail(obj_path: tuple[PathPart, ...], code: str, message: Text, hint: Text) -> LoadError:
        line, col = locate(root, obj_path)
        return LoadError([_diag(display, line, col, code, message, hint, obj_path)])

    def conv(obj: Any, path: tuple[PathPart, ...], depth: int) -> JSONValue:
        budget[0] -= 1
        if budget[0] < 0 or depth > MAX_DEPTH:
            raise fail(
                path,
                "YAML008",
                text(
                    "Filen är för djupt nästlad eller expanderar för många alias.",
                    "The file is nested too deeply or expands too many aliases.",
                ),
                text(
                    "En överenskommelse behöver varken djup nästling eller alias; skriv ut värdena.",
                    "An agreement needs neither deep nesting nor aliases; write values out.",
                ),
            )
        tag = getattr(getattr(obj, "tag", None), "value", None)
        shown_tag = str(tag).replace("tag:yaml.org,2002:", "!!")
        if isinstance(obj, TaggedScalar) or (tag is not None and tag not in _CORE_TAGS):
            raise fail(
                path,
                "YAML009",
                text(
                    f"YAML-taggen '{shown_tag}' är inte tillåten.",
                    f"The YAML tag '{shown_tag}' is not allowed.",
                ),
                text(
                    "Ta bort taggen (det som börjar med '!'); skriv värdet som vanlig text.",
                    "Remove the tag (the part starting with '!'); write the value as plain text.",
                ),
            )
        if isinstance(obj, dict | list):
            if id(obj) in seen:
                aliases[0] += 1
                if aliases[0] > MAX_ALIASES:
                    raise fail(
                        path,
                        "YAML008",
                        text("Filen använder för många alias.", "The file uses too many aliases."),
                        text(
                            "Skriv ut värdena i stället för att hänvisa med alias (*namn).",
                            "Write values out instead of referring with aliases (*name).",
                        ),
                    )
            seen.add(id(obj))
        if isinstance(obj, dict):
            out: dict[str, JSONValue] = {}
            for k, v in obj.items():
                if not isinstance(k, str):
                    raise fail(
                        path,
                        "YAML010",
                        text(f"Nyckeln {k!r} är inte text.", f"The key {k!r} is not text."),
                        text(
                            "Nycklar ska vara ord som 'syfte' eller 'mål'.",
                            "Keys must be words such as 'syfte' or 'mål'.",
                        ),
                    )
                out[str(k)] = conv(v, (*path, str(k)), depth + 1)
            return out
        if isinstance(obj, list):
            return [conv(v, (*path, i), depth + 1) for i, v in enumerate(obj)]
        if isinstance(obj, bool) or obj is None:
            return obj
        if isinstance(obj, ScalarBoolean):
            return bool(obj)
        if isinstance(obj, int):
            return int(obj)
        if isinstance(obj, float):
            return float(obj)
        if isinstance(obj, dt.datetime | dt.date):
            return obj.isoformat()
        if isinstance(obj, str):
            return str(obj)
        raise fail(
            path,
            "YAML009",
            text(
                f"Värdet av typen '{type(obj).__name__}' är inte tillåtet (t.ex. !!set eller !!binary).",
                f"A value of type '{type(obj).__name__}' is not allowed (e.g. !!set or !!binary).",
            ),
            text(
                "Skriv värdet som vanlig text, ett tal, en lista eller en samling nycklar.",
                "Write the value as plain text, a number, a list or a mapping.",
            ),
        )

    result = conv(root, (), 0)
    assert isinstance(result, dict)
    return result


_FLOW_BRACKETS = re.compile(r"[\[\]{}]")


def _flow_too_deep(source: str) -> int | None:
    """Offset where flow brackets nest deeper than MAX_DEPTH, else None.

    ruamel's scanner looks ahead through every ``[`` as a possible key, doing
    quadratic work before any node is composed, so the depth is checked first.
    Brackets inside quoted text are counted too; that needs over 40 unclosed
    brackets in a row, which no agreement has.
    """
    depth = 0
    for match in _FLOW_BRACKETS.finditer(source):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif depth:
            depth -= 1
    return None


def parse_roundtrip(source: str, display: str) -> CommentedMap:
    """Parse with ruamel.yaml's round-trip loader; every problem becomes a LoadError."""
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    yaml.Composer = _BoundedComposer
    yaml.Constructor = _SafeConstructor
    try:
        root = yaml.load(source)
    except _LimitExceeded as exc:
        raise LoadError([_too_deep(display, exc.line, exc.column, exc.too_many)]) from None
    except _BadNode as exc:
        raise LoadError([_diag(display, exc.line, exc.column, exc.code, exc.message, exc.hint)]) from None
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        key = re.search(r'found duplicate key "([^"]*)"', str(exc.problem))
        name = key.group(1) if key else "?"
        raise LoadError(
            [
                _diag(
                    display,
                    (mark.line + 1) if mark else 1,
                    (mark.column + 1) if mark else 1,
                    "YAML002",
                    text(
                        f"Nyckeln '{name}' förekommer två gånger i samma avsnitt.",
                        f"The key '{name}' occurs twice in the same mapping.",
                    ),
                    text(
                        "Slå ihop de två förekomsterna; annars skulle den ena tyst skriva över den andra.",
                        "Merge the two occurrences; otherwise one would silently overwrite the other.",
                    ),
                )
            ]
        ) from None
    except MarkedYAMLError as exc:
        raise LoadError([_syntax_error(display, exc, source)]) from None
    except YAMLError as exc:
        raise LoadError(
            [
                _diag(
                    display,
                    1,
                    1,
                    "YAML001",
                    text(f"Filen är inte giltig YAML ({exc}).", f"The file is not valid YAML ({exc})."),
                    None,
                )
            ]
        ) from None
    except RecursionError:
        raise LoadError([_too_deep(display, 1, 1)]) from None
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError) as exc:
        # ruamel.yaml could not build the tree; say so instead of failing inside it
        raise LoadError(
            [
                _diag(
                    display,
                    1,
                    1,
                    "YAML001",
                    text(
                        f"Filen kan inte läsas som YAML ({type(exc).__name__}: {_short(exc, 120)}).",
                        f"The file cannot be read as YAML ({type(exc).__name__}: {_short(exc, 120)}).",
                    ),
                    text(
                        "Förenkla strukturen kring det ovanliga stället (taggar, ankare, '?'-nycklar).",
                        "Simplify the structure around the unusual place (tags, anchors, '?' keys).",
                    ),
                )
            ]
        ) from None
    if root is None:
        raise LoadError(
            [
                _diag(
                    display,
                    1,
                    1,
                    "YAML005",
                    text("Filen är tom.", "The file is empty."),
                    text(
                        "Börja med 'iop new' eller kopiera ett exempel från agreements/.",
                        "Start with 'iop new' or copy an example from agreements/.",
                    ),
                )
            ]
        )
    if not isinstance(root, CommentedMap):
        raise LoadError(
            [
                _diag(
                    display,
                    1,
                    1,
                    "YAML006",
                    text(
                        "Överenskommelsen måste vara en samling nycklar (t.ex. 'syfte: ...') "
                        "på översta nivån, inte en lista eller ett enskilt värde.",
                        "The agreement must be a mapping of keys (e.g. 'syfte: ...') at the "
                        "top level, not a list or a single value.",
                    ),
                    text("Jämför med ett exempel i agreements/.", "Compare with an example in agreements/."),
                )
            ]
        )
    return root


def loads(raw: bytes, display: str, path: Path | None = None) -> Document:
    """Load agreement bytes; raise :class:`LoadError` with diagnostics on any problem."""
    if len(raw) > MAX_BYTES:
        raise LoadError([_too_large(display, len(raw))])
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _position_of_offset(raw, exc.start)
        raise LoadError(
            [
                _diag(
                    display,
                    line,
                    col,
                    "YAML004",
                    text("Filen är inte kodad som UTF-8.", "The file is not encoded as UTF-8."),
                    text(
                        "Spara filen som UTF-8 i din editor (å, ä och ö måste vara UTF-8).",
                        "Save the file as UTF-8 in your editor.",
                    ),
                )
            ]
        ) from None
    if "\x00" in source:
        line, col = _position_of_offset(raw, raw.index(b"\x00"))
        raise LoadError(
            [
                _diag(
                    display,
                    line,
                    col,
                    "YAML004",
                    text(
                        "Filen innehåller ett NUL-tecken och är inte en textfil.",
                        "The file contains a NUL character and is not a text file.",
                    ),
                    text("Kontrollera att rätt fil är vald.", "Check that the right file is chosen."),
                )
            ]
        )
    too_deep = _flow_too_deep(source)
    if too_deep is not None:
        line = source.count("\n", 0, too_deep) + 1
        column = too_deep - (source.rfind("\n", 0, too_deep) + 1) + 1
        raise LoadError([_too_deep(display, line, column)])
    try:
        fast = fastparse.parse(source, MAX_DEPTH, MAX_PARSE_NODES)
    except fastparse.LimitExceeded as exc:
        raise LoadError([_too_deep(display, exc.line, exc.column, exc.too_many)]) from None
    if fast is not None:
        data, positions = fast
        doc = Document(
            path=path or Path(display), display=display, raw=raw, text=source, data=data, positions=positions
        )
    else:
        root = parse_roundtrip(source, display)
        try:
            data = _to_plain(root, display)
        except RecursionError:
            raise LoadError([_too_deep(display, 1, 1)]) from None
        doc = Document(
            path=path or Path(display), display=display, raw=raw, text=source, data=data, _root=root
        )
    _check_characters(doc)
    return doc


# C0 controls other than tab, newline and carriage return, DEL, lone surrogates and the
# two non-characters U+FFFE/U+FFFF: no output format can hold them (XML forbids them,
# UTF-8 cannot encode a lone surrogate). They reach a value through escapes ("\0", "\ud800").
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _check_characters(doc: Document) -> None:
    """Refuse a key or text value holding a character no output can hold, at its place."""

    def walk(obj: JSONValue, path: tuple[PathPart, ...]) -> None:
        if isinstance(obj, dict):
            for key, value in obj.items():
                _check_one(doc, key, (*path, key), key=True)
                walk(value, (*path, key))
        elif isinstance(obj, list):
            for i, value in enumerate(obj):
                walk(value, (*path, i))
        elif isinstance(obj, str):
            _check_one(doc, obj, path, key=False)

    walk(doc.data, ())


def _check_one(doc: Document, value: str, path: tuple[PathPart, ...], *, key: bool) -> None:
    match = _FORBIDDEN.search(value)
    if match is None:
        return
    code = f"U+{ord(match.group()):04X}"
    line, column = doc.locate(path, key=key)
    what = text("nyckeln", "the key") if key else text("texten", "the text")
    raise LoadError(
        [
            _diag(
                doc.display,
                line,
                column,
                "YAML004",
                text(
                    f"I {what['sv']} finns tecknet {code} (ett styrtecken eller en ensam surrogat), "
                    "som inte kan visas, skrivas ut eller sparas i PDF, HTML eller Word.",
                    f"{what['en'].capitalize()} holds the character {code} (a control character or a lone "
                    "surrogate), which cannot be shown, printed or stored in PDF, HTML or Word.",
                ),
                text(
                    'Ta bort tecknet; det kommer oftast från en escape-sekvens som "\\0" eller '
                    '"\\ud800" eller från text som klistrats in från ett annat program.',
                    'Remove the character; it usually comes from an escape such as "\\0" or '
                    '"\\ud800" or from text pasted from another program.',
                ),
                path,
            )
        ]
    )


def load(path: Path, display: str | None = None) -> Document:
    """Read and load one agreement file."""
    shown = display or str(path)
    try:
        raw = read_regular(path, MAX_BYTES)
    except TooLarge as exc:
        raise LoadError([_too_large(shown, exc.size)]) from None
    except NotRegularFile as exc:
        raise LoadError(
            [
                _diag(
                    shown,
                    1,
                    1,
                    "IO002",
                    text(
                        f"Filen kan inte läsas: {exc.strerror}.", f"The file cannot be read: {exc.strerror}."
                    ),
                    None,
                )
            ]
        ) from None
    except OSError as exc:
        raise LoadError(
            [
                _diag(
                    shown,
                    1,
                    1,
                    "IO001",
                    text(
                        f"Filen kan inte läsas: {exc.strerror}.", f"The file cannot be read: {exc.strerror}."
                    ),
                    None,
                )
            ]
        ) from None
    return loads(raw, shown, path)
