"""SARIF 2.1.0 report, as GitHub code scanning accepts it.

Every rule of every pack is listed in ``tool.driver.rules`` with short and full
descriptions, help text (plain and markdown) and its default level; each result
points at its file with a URI relative to ``%SRCROOT%`` (the repository root)
and a region with 1-based lines and columns (Unicode code points).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from iop.diagnostics import Diagnostic, json_pointer
from iop.i18n import tr

if TYPE_CHECKING:
    from iop.lint.rules import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"


def _short(template: str) -> str:
    """A rule message template without its placeholders, as a one-line description."""
    import re

    text = re.sub(r"\{[^{}]*\}", "…", template)
    return text.split("\n")[0].strip()


def rule_descriptor(rule: Rule, lang: str | None) -> dict[str, Any]:
    """``reportingDescriptor`` for one rule."""
    explanation = tr(rule.explanation, lang) if rule.explanation else tr(rule.message, lang)
    rephrase = tr(rule.rephrase, lang) if rule.rephrase else ""
    source = tr(rule.source, lang) if rule.source else ""
    labels = (
        ("Så skriver du i stället", "Källa") if (lang or _lang()) == "sv" else ("Safer wording", "Source")
    )
    plain = "\n\n".join(
        p
        for p in (
            explanation,
            f"{labels[0]}: {rephrase}" if rephrase else "",
            f"{labels[1]}: {source}" if source else "",
        )
        if p
    )
    markdown_parts = [explanation]
    if rephrase:
        markdown_parts.append(f"**{labels[0]}:** {rephrase}")
    if source:
        markdown_parts.append(f"**{labels[1]}:** {source}")
    markdown_parts.append(f"`iop rules {rule.code}`")
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _short(tr(rule.message, lang))},
        "fullDescription": {"text": explanation},
        "help": {"text": plain, "markdown": "\n\n".join(markdown_parts)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.category, rule.pack] if rule.pack else [rule.category]},
    }


def _lang() -> str:
    from iop.i18n import current

    return current()


def _fallback_descriptor(code: str, example: Diagnostic, lang: str | None) -> dict[str, Any]:
    """Descriptor for a code that no pack defines (e.g. load errors YAML001–)."""
    text = tr(example.message, lang)
    return {
        "id": code,
        "name": code.lower(),
        "shortDescription": {"text": text},
        "fullDescription": {"text": text},
        "help": {"text": text, "markdown": text},
        "defaultConfiguration": {"level": LEVELS[example.severity]},
    }


def artifact_uri(file: str, root: Path) -> tuple[str, str | None]:
    """(uri, uriBaseId): relative to ``root`` when the file is inside it, else an absolute file URI."""
    path = Path(file)
    absolute = path if path.is_absolute() else (Path.cwd() / path)
    try:
        relative = absolute.resolve().relative_to(root.resolve())
    except ValueError:
        return absolute.resolve().as_uri(), None
    return quote(relative.as_posix()), SRCROOT


def _fingerprint(d: Diagnostic, uri: str) -> str:
    key = f"{uri}\0{d.rule}\0{json_pointer(d.path)}\0{d.message.get('sv', '')}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def render(
    diagnostics: Sequence[Diagnostic],
    rules: Mapping[str, Rule],
    *,
    root: Path,
    version: str,
    lang: str | None = None,
) -> str:
    """The SARIF log as JSON text."""
    descriptors = [rule_descriptor(rule, lang) for rule in rules.values()]
    index = {rule.code: i for i, rule in enumerate(rules.values())}
    for d in diagnostics:
        if d.rule not in index:
            index[d.rule] = len(descriptors)
            descriptors.append(_fallback_descriptor(d.rule, d, lang))
    results = []
    for d in diagnostics:
        uri, base = artifact_uri(d.file, root)
        location: dict[str, Any] = {"uri": uri}
        if base:
            location["uriBaseId"] = base
        region: dict[str, int] = {"startLine": max(1, d.line), "startColumn": max(1, d.column)}
        if d.end_line is not None and d.end_line >= d.line:
            region["endLine"] = d.end_line
            if d.end_column is not None and (d.end_line > d.line or d.end_column > d.column):
                region["endColumn"] = d.end_column
        message = tr(d.message, lang)
        if d.hint:
            message = f"{message} {tr(d.hint, lang)}"
        results.append(
            {
                "ruleId": d.rule,
                "ruleIndex": index[d.rule],
                "level": LEVELS[d.severity],
                "message": {"text": message},
                "locations": [
                    {
                        "physicalLocation": {"artifactLocation": location, "region": region},
                        "logicalLocations": [
                            {"fullyQualifiedName": json_pointer(d.path) or "/", "kind": "object"}
                        ],
                    }
                ],
                "partialFingerprints": {"iopFinding/v1": _fingerprint(d, uri)},
            }
        )
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "iop",
                        "version": version,
                        "semanticVersion": version,
                        "rules": descriptors,
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": root.resolve().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)
