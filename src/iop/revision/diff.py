"""Semantic difference between two versions of an agreement.

Works on the loader's plain data and speaks of the agreement: sections (with the
schema's Swedish titles), parties matched by ``id``, amounts with their
difference, word-level changes inside texts, and list items matched by identity
so that a moved item is reported as moved, not as removed and added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from iop.budget import compute, format_kr
from iop.datapath import DataPath, value_at
from iop.frequency import parse_frequency
from iop.i18n import Text, text, tr
from iop.money import format_range, parse_amount
from iop.revision import schemainfo
from iop.revision.words import Segment, similarity, word_diff

Kind = Literal["added", "removed", "changed", "moved", "text"]

_AMOUNT_KEYS = {"belopp_per_år", "belopp", "cirka", "lägst", "högst"}
_UNITS = {"gånger_per_år": "gånger per år", "möten_per_år": "gånger per år", "längd_månader": "månader"}
_TEXT_MIN_WORDS = 4


@dataclass
class Change:
    """One change a reader should know about."""

    kind: Kind
    path: DataPath
    label: list[str]
    old: Any = None
    new: Any = None
    delta: str | None = None
    segments: list[Segment] | None = None
    moved: tuple[int, int] | None = None

    @property
    def old_shown(self) -> str:
        return show(self.path, self.old)

    @property
    def new_shown(self) -> str:
        return show(self.path, self.new)


@dataclass
class Section:
    """The changes inside one top-level section of the agreement."""

    key: str
    title: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class BudgetLine:
    """A computed budget figure that differs between the versions."""

    label: str
    old: int | None
    new: int | None

    @property
    def delta(self) -> int:
        return (self.new or 0) - (self.old or 0)


@dataclass
class AgreementDiff:
    """Everything that differs between two versions of one agreement."""

    old_name: str | None
    new_name: str | None
    ident: str
    title: str
    old_version: Any = None
    new_version: Any = None
    sections: list[Section] = field(default_factory=list)
    budget: list[BudgetLine] = field(default_factory=list)
    warnings: list[Text] = field(default_factory=list)
    old_data: dict[str, Any] | None = None
    new_data: dict[str, Any] | None = None

    @property
    def status(self) -> Literal["added", "removed", "modified", "unchanged"]:
        if self.old_name is None:
            return "added"
        if self.new_name is None:
            return "removed"
        return "modified" if self.sections else "unchanged"

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"


# ---------------------------------------------------------------- display


def _schema_path(path: DataPath) -> DataPath:
    return tuple(0 if isinstance(p, int) else p for p in path)


def is_amount(path: DataPath) -> bool:
    return bool(path) and path[-1] in _AMOUNT_KEYS


def show(path: DataPath, value: Any) -> str:
    """A value as a reader would write it (amounts in kr, units, summaries for items)."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int | float) and is_amount(path):
        return format_kr(value)
    if isinstance(value, dict) and is_amount(path) and (stated := parse_amount(value)) is not None:
        return format_range(stated)
    if isinstance(value, dict) and path and path[-1] in ("gånger_per_år", "möten_per_år"):
        found = parse_frequency(value)
        if found is not None:
            return found.describe()
    if isinstance(value, int | float):
        unit = _UNITS.get(str(path[-1])) if path else None
        return f"{value} {unit}" if unit else str(value)
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        parts = []
        for key, sub in value.items():
            if isinstance(sub, dict | list):
                continue
            shown = show((*path, key), sub)
            if len(shown) > 90:
                shown = shown[:88].rstrip() + "…"
            parts.append(f"{schemainfo.title(_schema_path((*path, key)))}: {shown}")
        return "; ".join(parts)
    if isinstance(value, list):
        return "; ".join(show((*path, i), v) for i, v in enumerate(value))
    return str(value)


def item_label(path: DataPath, item: Any) -> str:
    """A short name for a list item: a party's name, ``kommunen (ekonomiskt)``, ``version 2``..."""
    if isinstance(item, dict):
        if "namn" in item:
            return str(item["namn"])
        if "rubrik" in item:
            return str(item["rubrik"])
        if "år" in item:
            return f"år {item['år']}"
        if isinstance(item.get("parter"), list):
            extra = item.get("slag")
            shared = " + ".join(str(p) for p in item["parter"])
            return f"{shared} ({extra})" if extra else shared
        if "part" in item:
            extra = item.get("slag") or item.get("funktion")
            if not extra and isinstance(item.get("beskrivning"), str):
                words = item["beskrivning"].split()
                extra = " ".join(words[:6]) + (" …" if len(words) > 6 else "")
            return f"{item['part']} ({extra})" if extra else str(item["part"])
        if "version" in item:
            return f"version {item['version']}"
        if "titel" in item:
            return str(item["titel"])
        if "organ" in item:
            return f"{item['organ']} {item.get('datum', '')}".strip()
    index = path[-1]
    return f"{schemainfo.title(_schema_path(path))} {index + 1 if isinstance(index, int) else index}"


# ---------------------------------------------------------------- matching


def _identity(item: Any) -> tuple[Any, ...] | None:
    if not isinstance(item, dict):
        return None
    if "id" in item:
        return ("id", item["id"])
    if "version" in item and "sammanfattning" in item:
        return ("version", item["version"])
    if "part" in item:
        return ("part", item["part"], item.get("slag"))
    if isinstance(item.get("parter"), list):
        return ("parter", tuple(str(p) for p in item["parter"]), item.get("slag"))
    if "namn" in item:
        return ("namn", item["namn"])
    if "rubrik" in item:
        return ("rubrik", item["rubrik"])
    if "år" in item:
        return ("år", item["år"])
    return None


def _flat(item: Any) -> str:
    if isinstance(item, dict):
        return " ".join(_flat(v) for v in item.values())
    if isinstance(item, list):
        return " ".join(_flat(v) for v in item)
    return str(item)


def match_items(old: list[Any], new: list[Any]) -> list[tuple[int, int]]:
    """Pairs (old index, new index) of items that are the same item in both lists."""
    pairs: list[tuple[int, int]] = []
    free_old = set(range(len(old)))
    free_new = set(range(len(new)))

    def take(i: int, j: int) -> None:
        pairs.append((i, j))
        free_old.discard(i)
        free_new.discard(j)

    # 1. identical items
    for j in range(len(new)):
        for i in sorted(free_old):
            if old[i] == new[j]:
                take(i, j)
                break
    # 2. same identity (party id, version, part+kind); ties broken by similar text
    by_key: dict[tuple[Any, ...], list[int]] = {}
    for i in sorted(free_old):
        key = _identity(old[i])
        if key is not None:
            by_key.setdefault(key, []).append(i)
    for j in sorted(free_new):
        key = _identity(new[j])
        candidates = [i for i in by_key.get(key, []) if i in free_old] if key else []
        if len(candidates) == 1:
            take(candidates[0], j)
        elif candidates:
            best = max(candidates, key=lambda i: similarity(_flat(old[i]), _flat(new[j])))
            take(best, j)
    # 3. similar text among the rest
    scored = sorted(
        (
            (similarity(_flat(old[i]), _flat(new[j])), i, j)
            for i in free_old
            for j in free_new
            if _identity(old[i]) is None or _identity(new[j]) is None or _loose(old[i], new[j])
        ),
        reverse=True,
    )
    for score, i, j in scored:
        if score >= 0.5 and i in free_old and j in free_new:
            take(i, j)
    return sorted(pairs)


def _loose(a: Any, b: Any) -> bool:
    """Items with a ``part`` may pair across kinds only for the same party."""
    return isinstance(a, dict) and isinstance(b, dict) and "part" in a and a.get("part") == b.get("part")


def moved_pairs(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Pairs outside the longest run that kept its relative order: those items moved."""
    seq = [j for _, j in sorted(pairs)]
    if not seq:
        return set()
    # longest increasing subsequence (patience sorting with back links)
    tails: list[int] = []
    tails_idx: list[int] = []
    back = [-1] * len(seq)
    import bisect

    for k, value in enumerate(seq):
        pos = bisect.bisect_left(tails, value)
        if pos == len(tails):
            tails.append(value)
            tails_idx.append(k)
        else:
            tails[pos] = value
            tails_idx[pos] = k
        back[k] = tails_idx[pos - 1] if pos else -1
    keep: set[int] = set()
    k = tails_idx[-1]
    while k != -1:
        keep.add(seq[k])
        k = back[k]
    return {(i, j) for i, j in sorted(pairs) if j not in keep}


# ---------------------------------------------------------------- walking


class _Walker:
    def __init__(self) -> None:
        self.changes: list[Change] = []

    def label(self, path: DataPath, new_root: Any, old_root: Any) -> list[str]:
        out: list[str] = []
        for depth in range(1, len(path) + 1):
            part = path[depth - 1]
            if isinstance(part, int):
                parent = value_at(new_root, path[: depth - 1])
                items = parent if isinstance(parent, list) else value_at(old_root, path[: depth - 1])
                item = items[part] if isinstance(items, list) and 0 <= part < len(items) else None
                out.append(item_label(path[:depth], item))
            else:
                out.append(schemainfo.title(_schema_path(path[:depth])))
        return out

    def walk(self, old: Any, new: Any, path: DataPath, old_root: Any, new_root: Any, old_path: DataPath) -> None:
        if old == new:
            return
        if isinstance(old, dict) and isinstance(new, dict):
            keys = schemainfo.sort_keys(list(dict.fromkeys([*new, *old])), _schema_path(path))
            for key in keys:
                sub = (*path, key)
                if key not in old:
                    self.add("added", sub, old_root, new_root, new=new[key])
                elif key not in new:
                    self.add("removed", sub, old_root, new_root, old=old[key], where=(*old_path, key))
                else:
                    self.walk(old[key], new[key], sub, old_root, new_root, (*old_path, key))
            return
        if isinstance(old, list) and isinstance(new, list):
            pairs = match_items(old, new)
            moved = moved_pairs(pairs)
            paired_old = {i for i, _ in pairs}
            paired_new = {j: i for i, j in pairs}
            for i, item in enumerate(old):
                if i not in paired_old:
                    self.add("removed", (*old_path, i), old_root, new_root, old=item, where=(*old_path, i))
            for j, item in enumerate(new):
                sub = (*path, j)
                if j not in paired_new:
                    self.add("added", sub, old_root, new_root, new=item)
                    continue
                i = paired_new[j]
                if (i, j) in moved:
                    change = self.add("moved", sub, old_root, new_root, old=old[i], new=item)
                    change.moved = (i + 1, j + 1)
                self.walk(old[i], item, sub, old_root, new_root, (*old_path, i))
            return
        if isinstance(old, str) and isinstance(new, str) and _is_text(old, new):
            change = self.add("text", path, old_root, new_root, old=old, new=new)
            change.segments = word_diff(old, new)
            return
        change = self.add("changed", path, old_root, new_root, old=old, new=new)
        if is_amount(path) and _number(old) and _number(new):
            change.delta = format_kr(new - old, sign=True)

    def add(
        self,
        kind: Kind,
        path: DataPath,
        old_root: Any,
        new_root: Any,
        *,
        old: Any = None,
        new: Any = None,
        where: DataPath | None = None,
    ) -> Change:
        if kind == "removed":
            label = self.label(where or path, old_root, old_root)
        else:
            label = self.label(path, new_root, old_root)
        change = Change(kind, where or path, label, old, new)
        self.changes.append(change)
        return change


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_text(old: str, new: str) -> bool:
    return max(len(old.split()), len(new.split())) >= _TEXT_MIN_WORDS or "\n" in old.strip() + new.strip()


# ---------------------------------------------------------------- entry points


def _budget_lines(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[BudgetLine]:
    a = compute(old) if old is not None else None
    b = compute(new) if new is not None else None
    lines: list[BudgetLine] = []
    names: dict[str, str] = {}
    for budget in (a, b):
        for p in budget.parties if budget else ():
            names.setdefault(p.part, p.namn)
    for part, namn in names.items():
        pa = a.party(part) if a else None
        pb = b.party(part) if b else None
        lines.append(
            BudgetLine(
                f"{namn}, {tr(text('per år', 'per year'))}",
                pa.per_year_amount if pa else None,
                pb.per_year_amount if pb else None,
            )
        )
        lines.append(
            BudgetLine(
                f"{namn}, {tr(text('hela perioden', 'whole term'))}",
                pa.total if pa else None,
                pb.total if pb else None,
            )
        )
    lines.append(
        BudgetLine(
            tr(text("Totalt, hela perioden", "Total, whole term")),
            a.total if a else None,
            b.total if b else None,
        )
    )
    lines.append(
        BudgetLine(
            tr(text("Totalt inklusive förlängningar", "Total including extensions")),
            a.total_with_extensions if a else None,
            b.total_with_extensions if b else None,
        )
    )
    return [line for line in lines if line.old != line.new]


def _content(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in ("version", "ändringar", "status")}


def _version_warnings(old: dict[str, Any], new: dict[str, Any]) -> list[Text]:
    if _content(old) == _content(new):
        return []
    warnings: list[Text] = []
    ov: Any = old.get("version")
    nv: Any = new.get("version")
    if _number(ov) and _number(nv) and nv <= ov:
        warnings.append(
            text(
                f"Innehållet har ändrats men versionen har inte höjts (version {ov} → {nv}). "
                f"Höj 'version' till {ov + 1}.",
                f"The content changed but the version was not raised (version {ov} → {nv}). "
                f"Raise 'version' to {ov + 1}.",
            )
        )
    log = new.get("ändringar")
    entries = [e.get("version") for e in log if isinstance(e, dict)] if isinstance(log, list) else []
    if nv not in entries:
        target = nv if _number(nv) and _number(ov) and nv > ov else (ov + 1 if _number(ov) else nv)
        warnings.append(
            text(
                f"'ändringar' saknar en rad för version {target}: lägg till version, datum och sammanfattning.",
                f"'ändringar' has no entry for version {target}: add version, date and summary.",
            )
        )
    return warnings


def diff_agreements(
    old: dict[str, Any] | None, new: dict[str, Any] | None, old_name: str | None, new_name: str | None
) -> AgreementDiff:
    """Compare two agreements' plain data (``None`` for an added or removed agreement)."""
    ref = new if new is not None else old or {}
    result = AgreementDiff(
        old_name,
        new_name,
        ident=str(ref.get("id", new_name or old_name or "?")),
        title=str(ref.get("titel", "")),
        old_version=(old or {}).get("version"),
        new_version=(new or {}).get("version"),
        old_data=old,
        new_data=new,
    )
    if old is None or new is None:
        result.budget = _budget_lines(old, new)
        return result
    walker = _Walker()
    walker.walk(old, new, (), old, new, ())
    sections: dict[str, Section] = {}
    for change in walker.changes:
        key = str(change.path[0]) if change.path else ""
        if key not in sections:
            sections[key] = Section(key, schemainfo.title((key,)) if key else schemainfo.title(()))
        sections[key].changes.append(change)
    order = schemainfo.sort_keys(list(sections), ())
    result.sections = [sections[k] for k in order]
    result.budget = _budget_lines(old, new)
    result.warnings = _version_warnings(old, new)
    return result
