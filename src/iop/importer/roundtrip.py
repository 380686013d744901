"""How much of an agreement survives render → import: the figure behind the round-trip test and bench."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

SKIP = {("id",), ("status",), ("schemaversion",), ("riktlinjer",)}
# Kept in the YAML for reminders and the calendar but not shown in the signing copy.
NOT_RENDERED = {("tidsram", "uppsägningstid_månader"), ("tidsram", "förlängning", "beslut_månader_före_slut")}
PARTY_REF = "part"
SHARED_REF = "parter"


@dataclass
class Score:
    """Leaf fields compared; ``exact`` covers parties, amounts and dates, which must all match."""

    equal: int = 0
    total: int = 0
    exact_equal: int = 0
    exact_total: int = 0
    mismatches: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.equal / self.total if self.total else 1.0

    def add(self, other: Score) -> None:
        self.equal += other.equal
        self.total += other.total
        self.exact_equal += other.exact_equal
        self.exact_total += other.exact_total
        self.mismatches += other.mismatches


def _names(data: Mapping[str, Any]) -> dict[str, str]:
    return {
        str(p.get("id")): str(p.get("namn"))
        for p in data.get("parter") or []
        if isinstance(p, Mapping) and p.get("id") is not None
    }


def _canon(value: Any, names: dict[str, str], key: str = "") -> Any:
    """Party ids → names, whitespace collapsed, lists of mappings in a stable order."""
    if isinstance(value, Mapping):
        return {
            str(k): _canon(v, names, str(k))
            for k, v in value.items()
            if not (str(k) == "id" and "namn" in value)
        }
    if key == SHARED_REF and isinstance(value, list):  # a resource shared by several parties
        return [names.get(str(v), str(v)) if isinstance(v, str) else _canon(v, names) for v in value]
    if isinstance(value, list):
        return [_canon(v, names) for v in value]
    if key == PARTY_REF and value is not None:
        return names.get(str(value), str(value))
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip()
    return value


def _leaves(value: Any, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    out: dict[tuple[str, ...], Any] = {}
    if isinstance(value, dict):
        for k, v in value.items():
            out.update(_leaves(v, (*path, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.update(_leaves(v, (*path, str(i))))
    elif value not in (None, ""):
        out[path] = value
    return out


def _exact(path: tuple[str, ...], value: Any) -> bool:
    return (
        path[0] == "parter"
        or path[-1] in ("belopp_per_år", PARTY_REF)
        or SHARED_REF in path[1:-1]
        or (isinstance(value, dt.date | int) and not isinstance(value, bool))
    )


def _per_party(data: dict[str, Any]) -> dict[str, Any]:
    """Commitments merged per party: the signing copy shows one section per party, with no
    visible border between two commitments of the same party, so that is what can come back."""
    items = data.get("insatser")
    if not isinstance(items, list):
        return data
    merged: dict[str, dict[str, Any]] = {}
    for item in items:
        if not isinstance(item, dict):
            continue
        into = merged.setdefault(str(item.get("part")), {"part": item.get("part")})
        for key, value in item.items():
            if key != "part" and value not in (None, ""):
                into[key] = f"{into[key]} {value}" if key in into else value
    # in the order of the parties, as the signing copy shows them
    order = [str(p.get("id")) for p in data.get("parter") or [] if isinstance(p, dict)]
    ranked = sorted(merged.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    return {**data, "insatser": [v for _, v in ranked]}


def score(source: Mapping[str, Any], imported: Mapping[str, Any]) -> Score:
    """Compare every leaf of ``source`` with the same place in ``imported``."""
    a = _leaves(_canon(_per_party(dict(source)), _names(source)))
    b = _leaves(_canon(_per_party(dict(imported)), _names(imported)))
    s = Score()
    for path, value in a.items():
        if path[:1] in SKIP or path in NOT_RENDERED:
            continue
        got = b.get(path)
        ok = got == value or str(got) == str(value)
        s.total += 1
        s.equal += ok
        if _exact(path, value):
            s.exact_total += 1
            s.exact_equal += ok
        if not ok:
            s.mismatches.append(f"{'.'.join(path)}: {value!r} ≠ {got!r}")
    return s


def round_trip(source: Any, fmt: str, workdir: Any) -> Score:
    """Render the agreement file ``source`` to ``fmt`` (docx or pdf) in ``workdir``, import it, score it."""
    from pathlib import Path

    from iop.loader import load
    from iop.render.provenance import provenance

    path = Path(source)
    doc = load(path)
    prov = provenance(path, doc.sha256, doc.data)
    if fmt == "pdf":
        from iop.render.pdf import render_pdf

        data = render_pdf(doc, prov, draft=False)
    else:
        from iop.render.office import render_docx

        data = render_docx(doc, prov, draft=False)
    target = Path(workdir) / f"{path.stem}.{fmt}"
    target.write_bytes(data)
    return import_score(path, target)


def import_score(source: Any, rendered: Any) -> Score:
    """Import the rendered copy ``rendered`` of the agreement file ``source`` and score it."""
    from pathlib import Path

    from iop.importer.assemble import assemble
    from iop.importer.read import read_any
    from iop.loader import load

    doc = load(Path(source))
    draft = assemble(read_any(Path(rendered)), Path(source).stem)
    return score(doc.data, draft.data)
