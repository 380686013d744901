"""Gather the agreement diffs a command asked for: two specs, a git range, or files vs a base."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from iop.diagnostics import Diagnostic
from iop.loader import LoadError, loads
from iop.revision import sources
from iop.revision.diff import AgreementDiff, diff_agreements


@dataclass
class Outcome:
    """The diffs found and the files that could not be loaded."""

    diffs: list[AgreementDiff] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)


def _load(src: sources.Source, out: Outcome) -> dict[str, Any] | None:
    try:
        return loads(src.raw, src.display).data
    except LoadError as exc:
        out.errors.extend(exc.diagnostics)
        return None


def looks_like_agreement(data: dict[str, Any]) -> bool:
    """A YAML mapping is treated as an agreement when it has the agreement's key fields."""
    return "schemaversion" in data or ("parter" in data and ("id" in data or "titel" in data))


def compare_specs(old_spec: str, new_spec: str) -> Outcome:
    """Compare two files / ``REV:path`` specs."""
    out = Outcome()
    old_src, new_src = sources.read_spec(old_spec), sources.read_spec(new_spec)
    old, new = _load(old_src, out), _load(new_src, out)
    if old is not None and new is not None:
        out.diffs.append(diff_agreements(old, new, old_src.display, new_src.display))
    return out


def compare_against(base: str, paths: list[Path]) -> Outcome:
    """Compare each working file with the same path at ``base`` (new files count as added)."""
    out = Outcome()
    top = sources.toplevel(paths[0].resolve().parent if paths else None)
    for path in paths:
        rel = Path(os.path.relpath(path.resolve(), top)).as_posix()
        new_src = sources.read_spec(str(path))
        new = _load(new_src, out)
        if new is None or not looks_like_agreement(new):
            continue
        if not sources.exists_at(base, rel, top):
            out.diffs.append(diff_agreements(None, new, None, new_src.display))
            continue
        old_src = sources.Source(f"{base}:{rel}", sources.show(base, rel, top))
        old = _load(old_src, out)
        if old is not None:
            out.diffs.append(diff_agreements(old, new, old_src.display, new_src.display))
    return out


def compare_range(spec: str) -> Outcome:
    """Every agreement changed in ``BASE..HEAD`` (or ``BASE`` against the working tree)."""
    out = Outcome()
    base, sep, head = spec.partition("..")
    head_rev = (head or "HEAD") if sep else None
    base = base or "HEAD"
    top = sources.toplevel()
    olds: dict[str, tuple[str, dict[str, Any]]] = {}
    news: dict[str, tuple[str, dict[str, Any]]] = {}
    for changed in sources.changed_yaml(base, head_rev, top):
        for rev, path, bucket in ((base, changed.old_path, olds), (head_rev, changed.new_path, news)):
            if path is None:
                continue
            if rev is None:
                src = sources.Source(path, (top / path).read_bytes())
            else:
                src = sources.Source(f"{rev}:{path}", sources.show(rev, path, top))
            try:
                data = loads(src.raw, src.display).data
            except LoadError as exc:
                if rev is None or rev == head_rev:
                    out.errors.extend(exc.diagnostics)
                continue
            if looks_like_agreement(data):
                bucket[path] = (src.display, data)
    # pair by path, then moved/renamed files by agreement id
    for path in sorted(set(olds) | set(news)):
        if path in olds and path in news:
            (od, o), (nd, n) = olds.pop(path), news.pop(path)
            out.diffs.append(diff_agreements(o, n, od, nd))
    by_id = {str(d.get("id")): p for p, (_, d) in olds.items()}
    for _path, (nd, n) in sorted(news.items()):
        old_path = by_id.pop(str(n.get("id")), None)
        if old_path is not None:
            od, o = olds.pop(old_path)
            out.diffs.append(diff_agreements(o, n, od, nd))
        else:
            out.diffs.append(diff_agreements(None, n, None, nd))
    for _path, (od, o) in sorted(olds.items()):
        out.diffs.append(diff_agreements(o, None, od, None))
    return out
