"""Apply a Word review to the agreement's YAML: changed fields, version bump, a proposed
``ändringar`` line, comments kept (ruamel round trip)."""

from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from iop.importer import values as V
from iop.importer.errors import ImportFailure
from iop.importer.review import FieldText, Review, read_review
from iop.render.document import anchor_paths, swedish_date

WIDTH = 92


@dataclass
class Applied:
    path: tuple[str | int, ...]
    old: Any
    new: Any
    tracked: bool
    authors: set[str]


@dataclass
class Outcome:
    text: str  # the revised YAML
    applied: list[Applied] = field(default_factory=list)
    comments: list[tuple[tuple[str | int, ...] | None, str, str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    version: int = 0


def _norm(value: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"(?m)^\s*[-*•]\s+", "", value)).strip()


def _as_text(f: FieldText, old: str) -> str:
    """The accepted text in the YAML's own form: paragraphs kept, list items as ``- `` lines,
    unchanged paragraphs with their original line breaks, new ones wrapped."""
    old_paras = {_norm(p): p.strip("\n") for p in re.split(r"\n\s*\n", old)}
    chunks: list[str] = []
    items: list[str] = []
    for p in f.paragraphs:
        text = p.accepted.strip()
        if not text:
            continue
        if p.listed:
            items.append("- " + text)
            continue
        if items:
            chunks.append("\n".join(items))
            items = []
        chunks.append(old_paras.get(_norm(text)) or textwrap.fill(text, WIDTH, break_on_hyphens=False))
    if items:
        chunks.append("\n".join(items))
    return "\n\n".join(chunks)


def _value(f: FieldText, old: Any) -> tuple[Any, bool]:
    """The new value for a field whose old value is ``old``; (value, understood)."""
    text = f.text()
    if isinstance(old, bool):
        return old, True
    if isinstance(old, Mapping) and set(old) <= {"cirka", "högst", "lägst"}:
        shape = V.amount_shape(text)
        return (shape, True) if shape is not None else (old, False)
    if isinstance(old, int):
        number = V.amount(text) if "kr" in text or "kronor" in text else None
        if number is None:
            digits = re.sub(r"[\s\u00a0]", "", text)
            number = int(digits) if digits.isdigit() else None
        return (number, True) if number is not None else (old, False)
    if isinstance(old, dt.date):
        day = V.first_date(text)
        return (day, True) if day else (old, False)
    if isinstance(old, str):
        if V.ORGNR.fullmatch(old.strip()) and V.orgnr(text):
            return V.orgnr(text), True
        return _as_text(f, old), True
    return old, True


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        return _norm(old) == _norm(new)
    return bool(old == new)


def _get(root: Any, path: tuple[str | int, ...]) -> Any:
    node = root
    for p in path:
        node = node[p]
    return node


def _set(root: Any, path: tuple[str | int, ...], value: Any) -> None:
    from ruamel.yaml.scalarstring import LiteralScalarString

    parent = _get(root, path[:-1])
    old = parent[path[-1]]
    if isinstance(value, str) and ("\n" in value or isinstance(old, LiteralScalarString)):
        value = LiteralScalarString(value.rstrip("\n") + "\n")
    parent[path[-1]] = value


def check_origin(review: Review, data: Mapping[str, Any], names: dict[str, tuple[str | int, ...]]) -> None:
    """Refuse a DOCX that is not ``iop render`` output of this agreement and version."""
    if not review.fields:
        raise ImportFailure(
            "DOCX-filen är inte skapad med 'iop render --to docx' (den saknar iop:s fältmarkeringar). "
            "Använd 'iop import FIL -o ny.yaml' för att importera ett annat dokument.",
            "The DOCX was not made by 'iop render --to docx' (it has no iop field bookmarks). "
            "Use 'iop import FILE -o new.yaml' to import another document.",
        )
    m = re.search(r"IOP-överenskommelse (\S+), version (\d+)", review.subject)
    if m and m.group(1) != str(data.get("id")):
        raise ImportFailure(
            f"DOCX-filen är renderad från överenskommelsen '{m.group(1)}', inte '{data.get('id')}'.",
            f"The DOCX was rendered from agreement '{m.group(1)}', not '{data.get('id')}'.",
        )
    if m and m.group(2) != str(data.get("version")):
        raise ImportFailure(
            f"DOCX-filen är renderad från version {m.group(2)}, men YAML-filen har version {data.get('version')}. "
            "Rendera om från samma version eller ta in ändringarna för hand.",
            f"The DOCX was rendered from version {m.group(2)}, but the YAML has version {data.get('version')}.",
        )
    if not any(name in names for name in review.fields):
        raise ImportFailure(
            "DOCX-filens fältmarkeringar hör inte till den här överenskommelsen.",
            "The DOCX field bookmarks do not belong to this agreement.",
        )


def apply_review(docx: Path, yaml_text: str, today: dt.date | None = None) -> Outcome:
    """The YAML text with the review applied, and what was applied."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    review = read_review(docx)
    yaml = YAML(typ="rt", pure=True)
    yaml.width = 4096
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    root = yaml.load(yaml_text)
    if not isinstance(root, CommentedMap):
        raise ImportFailure("YAML-filen är inte en överenskommelse.", "The YAML file is not an agreement.")
    names = anchor_paths(root)
    check_origin(review, root, names)
    outcome = Outcome("")
    for name, f in review.fields.items():
        path = names.get(name)
        if path is None:
            continue
        old = _get(root, path)
        if isinstance(old, list) or (isinstance(old, Mapping) and not set(old) <= {"cirka", "högst", "lägst"}):
            continue
        new, understood = _value(f, old)
        if not understood:
            outcome.problems.append(
                " › ".join(str(p) for p in path) + f": ”{f.text()}” kunde inte läsas som värde"
            )
            continue
        if not _same(old, new):
            _set(root, path, new)
            outcome.applied.append(Applied(path, old, new, f.tracked, f.authors))
    for c in review.comments:
        outcome.comments.append((names.get(c.field) if c.field else None, c.author, c.text, c.near))
    version = int(root.get("version") or 0)
    outcome.version = version
    if outcome.applied:
        outcome.version = version + 1
        root["version"] = version + 1
        log = root.get("ändringar")
        if not isinstance(log, CommentedSeq):
            log = CommentedSeq()
            root["ändringar"] = log
        where = ", ".join(_label(a.path, root) for a in outcome.applied)
        entry = CommentedMap()
        entry["version"] = version + 1
        entry["datum"] = today or dt.date.today()
        entry["sammanfattning"] = f"Ändringar från granskning i Word: {where}."
        log.append(entry)
        entry.yaml_set_start_comment(
            "iop import: föreslagen rad, kontrollera sammanfattningen och ange beslut", indent=4
        )
    buffer = io.StringIO()
    yaml.dump(root, buffer)
    outcome.text = buffer.getvalue()
    return outcome


def _label(path: tuple[str | int, ...], root: Any) -> str:
    """``insatser › 2 › beskrivning`` with list positions from 1."""
    return " › ".join(str(p + 1) if isinstance(p, int) else p for p in path)


def describe(value: Any) -> str:
    if isinstance(value, dt.date):
        return swedish_date(value)
    return str(value)
