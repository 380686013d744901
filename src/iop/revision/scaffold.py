"""A new agreement with every section, guidance from the schema and blanks to fill in.

Values the drafter must write are left empty (``syfte:``), so ``iop validate``
lists exactly those places with their line numbers. Optional sections are
written as commented-out keys with their guidance: remove ``# `` to use one.
The result is passed through ``iop fmt`` so a new file is already fmt-clean.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import textwrap
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from iop.diagnostics import PathPart
from iop.revision import schemainfo
from iop.revision.fmt import format_source

WIDTH = 96
BLANK = object()
"""A value the drafter must write (emitted as an empty value)."""


@dataclass(frozen=True)
class Party:
    """A party as given on the command line or at the prompt."""

    id: str
    namn: str
    typ: str
    organisationsnummer: str


def slugify(value: str) -> str:
    """``Linköpings kommun`` → ``linkopings-kommun`` (the schema's slug form)."""
    plain = unicodedata.normalize("NFKD", value.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:80] or "part"


def parse_party(spec: str) -> Party:
    """``id:namn:typ:orgnr`` (id may be empty: derived from the name)."""
    parts = spec.split(":")
    if len(parts) != 4:
        raise ValueError(spec)
    ident, namn, typ, orgnr = (p.strip() for p in parts)
    if typ not in ("offentlig", "idéburen", "ideburen"):
        raise ValueError(spec)
    return Party(ident or slugify(namn), namn, "idéburen" if typ == "ideburen" else typ, orgnr)


@cache
def _recommended() -> frozenset[tuple[str, ...]]:
    """Paths shown in ``schema/referens.yaml`` that are not marked optional there ("valfri")."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from iop.assets import asset

    try:
        source = asset("schema", "referens.yaml").read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    lines = source.splitlines()
    root = YAML(typ="rt", pure=True).load(source)
    found: set[tuple[str, ...]] = set()

    def walk(node: Any, path: tuple[str, ...]) -> None:
        if isinstance(node, CommentedMap):
            for key, value in node.items():
                line = lines[node.lc.key(key)[0]]
                if "# valfri" not in line:
                    found.add((*path, str(key)))
                    walk(value, (*path, str(key)))
        elif isinstance(node, CommentedSeq) and node:
            walk(node[0], path)

    walk(root, ())
    return frozenset(found)


def _active(path: tuple[PathPart, ...], required: bool) -> bool:
    names = tuple(str(p) for p in path if not isinstance(p, int))
    return required or names in _recommended()


def _scalar(value: Any) -> str:
    if value is BLANK or value is None:
        return ""
    if isinstance(value, bool | int):
        return json.dumps(value)
    return json.dumps(str(value), ensure_ascii=False)


def _comment(text: str, indent: int) -> list[str]:
    if not text:
        return []
    return [" " * indent + "# " + line for line in textwrap.wrap(text, WIDTH - indent - 2)]


def _skeleton(path: tuple[PathPart, ...]) -> Any:
    """Default content for a value nobody provided: blanks shaped like the schema."""
    node = schemainfo.node_at(path)
    kind = node.get("type")
    if kind == "object":
        return {}
    if kind == "array":
        return [_skeleton((*path, 0))]
    return BLANK


def _emit(
    value: dict[str, Any], path: tuple[PathPart, ...], indent: int, out: list[str], *, guide: bool = True
) -> None:
    """Emit the keys of a mapping at ``indent``, in the schema's order.

    Optional keys the reference does not show are written commented out, except
    inside list items (one example of an item is enough).
    """
    node = schemainfo.node_at(path)
    props = node.get("properties", {})
    required = set(node.get("required", []))
    in_item = bool(path) and isinstance(path[-1], int)
    for key in list(props) + [k for k in value if k not in props]:
        sub = (*path, key)
        given = key in value
        active = given or not guide or _active(sub, key in required)
        if not active and in_item:
            continue
        child = value[key] if given else _skeleton(sub)
        lines: list[str] = []
        if guide and (not given or child is BLANK or not path):
            about = schemainfo.description(sub)
            prefix = "" if active else "Valfritt, ta bort '# ' för att använda. "
            lead = f"{schemainfo.title(sub)}: " if not path else ""
            lines += _comment(f"{prefix}{lead}{about}", indent)
        body: list[str] = []
        _emit_value(key, child, sub, indent, body, guide=guide and active)
        if not active:
            body = [(" " * indent) + "# " + line[indent:] for line in body]
        if not path:
            out.append("")
        out.extend(lines + body)


def _emit_value(
    key: str, child: Any, path: tuple[PathPart, ...], indent: int, out: list[str], *, guide: bool
) -> None:
    pad = " " * indent
    if isinstance(child, dict):
        out.append(f"{pad}{key}:")
        _emit(child, path, indent + 2, out, guide=guide)
    elif isinstance(child, list):
        out.append(f"{pad}{key}:")
        for i, item in enumerate(child):
            item_path = (*path, i)
            if isinstance(item, dict):
                inner: list[str] = []
                _emit(item, item_path, indent + 4, inner, guide=guide)
                first = next(
                    k for k, line in enumerate(inner) if line.strip() and not line.strip().startswith("#")
                )
                inner[first] = f"{pad}  - " + inner[first][indent + 4 :]
                out.extend(inner)
            else:
                out.append(f"{pad}  - {_scalar(item)}".rstrip())
    else:
        out.append(f"{pad}{key}: {_scalar(child)}".rstrip())


def modeline(output: Path | None) -> str:
    """``# yaml-language-server: $schema=...`` with a path that resolves offline.

    Relative to the repository's schema copy (``iop init``) or to this checkout's
    schema; otherwise the installed schema's absolute path.
    """
    from iop.assets import asset_root, schema_path
    from iop.starter.files import schema_copy_for

    target = schema_path().resolve()
    root = asset_root().resolve()
    if output is not None:
        where = output.resolve().parent
        copy = schema_copy_for(output)
        if copy is not None:
            target = copy
        elif root.name.startswith("_") or not (where == root or root in where.parents):
            return f"# yaml-language-server: $schema={target.as_posix()}"
        return f"# yaml-language-server: $schema={Path(os.path.relpath(target, where)).as_posix()}"
    return f"# yaml-language-server: $schema={target.as_posix()}"


def default_parties(parties: list[Party]) -> list[Party]:
    """The given parties, or one blank public and one blank idéburen party."""
    return parties or [Party("kommunen", "", "offentlig", ""), Party("foreningen", "", "idéburen", "")]


def agreement_id(ident: str | None, parties: list[Party], today: dt.date) -> str:
    """The given id, or one made from the first two parties' names and the year."""
    parties = default_parties(parties)
    return ident or slugify("-".join([p.namn or p.id for p in parties[:2]] + [str(today.year)]))


def build(
    *,
    titel: str | None,
    ident: str | None,
    parties: list[Party],
    riktlinjer: str,
    today: dt.date,
    output: Path | None,
) -> str:
    """The text of a new agreement (already in ``iop fmt`` layout)."""
    parties = default_parties(parties)
    ideburna = [p for p in parties if p.typ == "idéburen"] or parties
    ident = agreement_id(ident, parties, today)

    def per_party(**fields: Any) -> list[dict[str, Any]]:
        return [{"part": p.id, **fields} for p in parties]

    data: dict[str, Any] = {
        "schemaversion": 1,
        "id": ident,
        "titel": titel if titel else BLANK,
        "version": 1,
        "status": "utkast",
        "riktlinjer": riktlinjer,
        "parter": [
            {
                "id": p.id,
                "namn": p.namn or BLANK,
                "typ": p.typ,
                "organisationsnummer": p.organisationsnummer or BLANK,
                "företräds_av": BLANK,
            }
            for p in parties
        ],
        "insatser": per_party(beskrivning=BLANK),
        "styrgrupp": {
            "ledamöter": per_party(funktion=BLANK),
            "möten_per_år": BLANK,
            "sammankallande": {"part": ideburna[0].id, "funktion": BLANK},
            "mandat": BLANK,
        },
        "ekonomi": {
            "valuta": "SEK",
            "resurser": [
                {
                    "part": p.id,
                    "slag": "ekonomiskt" if p.typ == "offentlig" else "immateriellt",
                    "belopp_per_år": BLANK,
                    "beskrivning": BLANK,
                }
                for p in parties
            ],
        },
        "underskrifter": per_party(funktion=BLANK),
        "ändringar": [{"version": 1, "datum": today.isoformat(), "sammanfattning": "Första utkastet."}],
    }
    lines = [
        modeline(output),
        f"# Ny IOP-överenskommelse, skapad med 'iop new' {today.isoformat()}.",
        "# Fyll i varje tomt värde. 'iop validate' visar med radnummer vilka som återstår,",
        "# och 'iop lint' granskar texterna. Kommentarerna är vägledning och får tas bort.",
    ]
    _emit(data, (), 0, lines)
    text = "\n".join(lines) + "\n"
    text = re.sub(r'^(\s*datum: )"(\d{4}-\d{2}-\d{2})"$', r"\1\2", text, flags=re.M)
    return format_source(text, str(output or "ny.yaml"))
