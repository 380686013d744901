"""Inline suppressions: ``# iop: tillåt LOU104 -- motivering`` in the agreement's YAML.

A suppression on the line of a finding, or on the key line of the finding's field
or of any enclosing section, silences that rule there. A comment on a line of its
own applies to the next line with content. ``allow`` works as well as ``tillåt``;
several codes are separated by commas. Every suppression needs a reason after
``--``; a missing reason, an unused suppression and an unknown code are findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from iop.diagnostics import Diagnostic, PathPart, Severity
from iop.i18n import Text

_DIRECTIVE = re.compile(r"(?:^|\s)#\s*iop\s*:\s*(?:tillåt|tillat|allow)\b(?P<body>.*)$", re.IGNORECASE)
_ANY = re.compile(r"#\s*iop\s*:", re.IGNORECASE)
_REASON_SPLIT = re.compile(r"--|—|–")
_CODE = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")

MISSING_REASON = "SUP001"
UNUSED = "SUP002"
UNKNOWN_CODE = "SUP003"
META_CODES = (MISSING_REASON, UNUSED, UNKNOWN_CODE)


@dataclass
class Suppression:
    """One ``# iop: tillåt`` comment."""

    line: int
    column: int
    target: int
    """The line it applies to (its own line, or the next content line for a comment-only line)."""
    codes: tuple[str, ...]
    reason: str
    raw_codes: tuple[str, ...] = ()
    used: set[str] = field(default_factory=set)


_BLOCK_HEADER = re.compile(r"^(?P<indent>\s*)(?:[^#\s].*?)?[|>][-+0-9]*\s*(?:#.*)?$")


def _block_content_lines(lines: list[str]) -> set[int]:
    """0-based indexes of lines inside block scalars (``|``, ``>``): text there is content, not comments.

    A block scalar's content is every following line that is blank or indented
    deeper than the line that opened it.
    """
    inside: set[int] = set()
    parent: int | None = None
    for index, line in enumerate(lines):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if parent is not None:
            if not stripped or indent > parent:
                inside.add(index)
                continue
            parent = None
        header = _BLOCK_HEADER.match(line)
        if (
            header
            and stripped
            and not stripped.startswith("#")
            and re.search(r"(?:^|[:\s-])[|>][-+0-9]*\s*(?:#.*)?$", stripped)
        ):
            parent = len(header.group("indent"))
    return inside


def parse(lines: list[str]) -> list[Suppression]:
    """Every suppression comment in ``lines`` (1-based line numbers); text inside block scalars is skipped."""
    found: list[Suppression] = []
    if not _ANY.search("\n".join(lines)):
        return found
    candidates = [i for i, line in enumerate(lines) if "#" in line and _ANY.search(line)]
    if not candidates:
        return found
    content = _block_content_lines(lines)
    for index in candidates:
        line = lines[index]
        if index in content:
            continue
        match = _DIRECTIVE.search(line)
        if not match:
            continue
        body = match.group("body")
        parts = _REASON_SPLIT.split(body, maxsplit=1)
        code_text = parts[0]
        reason = parts[1].strip() if len(parts) > 1 else ""
        raw = tuple(c for c in re.split(r"[,\s]+", code_text.strip()) if c)
        column = line.index("#", match.start()) + 1
        target = index + 1
        if not line[: column - 1].strip():
            for later in range(index + 1, len(lines)):
                stripped = lines[later].strip()
                if stripped and not stripped.startswith("#"):
                    target = later + 1
                    break
        found.append(
            Suppression(
                line=index + 1,
                column=column,
                target=target,
                codes=tuple(c.upper() for c in raw),
                reason=reason,
                raw_codes=raw,
            )
        )
    return found


def _key_lines(diag: Diagnostic, locate: object) -> set[int]:
    lines = {diag.line}
    assert callable(locate)
    path: tuple[PathPart, ...] = diag.path
    for depth in range(1, len(path) + 1):
        line, _ = locate(path[:depth], key=True)
        lines.add(line)
    return lines


def apply(
    diagnostics: Iterable[Diagnostic],
    suppressions: list[Suppression],
    *,
    file: str,
    locate: object,
    known_codes: Iterable[str],
    messages: Mapping[str, tuple[Severity, Text]],
) -> list[Diagnostic]:
    """Drop suppressed diagnostics and add findings about the suppressions themselves.

    ``messages`` maps SUP001–SUP003 to (severity, message template with ``{codes}``/``{code}``);
    a code absent from it is not reported.
    """
    diagnostics = list(diagnostics)
    if not suppressions:
        return diagnostics
    by_line: dict[int, list[Suppression]] = {}
    for s in suppressions:
        by_line.setdefault(s.target, []).append(s)
        if s.line != s.target:
            by_line.setdefault(s.line, []).append(s)
    kept: list[Diagnostic] = []
    for diag in diagnostics:
        if diag.rule in META_CODES or diag.rule.startswith(("YAML", "IO")):
            kept.append(diag)
            continue
        silenced = False
        for line in _key_lines(diag, locate):
            for s in by_line.get(line, ()):
                if diag.rule in s.codes:
                    s.used.add(diag.rule)
                    silenced = True
        if not silenced:
            kept.append(diag)
    known = set(known_codes)

    def finding(rule_code: str, s: Suppression, **args: str) -> None:
        if rule_code not in messages:
            return
        severity, template = messages[rule_code]
        kept.append(
            Diagnostic(
                file=file,
                line=s.line,
                column=s.column,
                rule=rule_code,
                severity=severity,
                message={lang: template[lang].format(**args) for lang in ("sv", "en")},
            )
        )

    for s in suppressions:
        codes = ", ".join(s.raw_codes) or "–"
        if not s.reason:
            finding(MISSING_REASON, s, codes=codes)
        for raw, code in zip(s.raw_codes, s.codes, strict=True):
            if not _CODE.match(code) or code not in known:
                finding(UNKNOWN_CODE, s, code=raw)
            elif code not in s.used:
                finding(UNUSED, s, code=code)
        if not s.raw_codes:
            finding(UNKNOWN_CODE, s, code="–")
    return kept
