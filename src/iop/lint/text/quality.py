"""Measure text rules against labelled clauses (recall, false-positive rate).

Used by ``bench/bench_lint_quality.py`` and the quality test. A clause counts as
flagged when a rule of severity warning or error fires on it; ``fields`` are
ignored and ``mode: absent`` rules (document-level requirements) are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iop.diagnostics import Severity
from iop.lint.rules import Rule
from iop.lint.text import scan
from iop.lint.text.tokens import tokenize

if TYPE_CHECKING:
    from iop.lint.ruleset import RuleSet
    from iop.lint.text.model import Model

FLAGGING = ("warning", "error")


@dataclass(frozen=True)
class Clause:
    text: str
    label: str  # "risk" | "ok"
    family: str
    section: str = ""
    """The agreement section the clause stands in (``mål``, ``ekonomi`` ...), if known."""
    source: str = ""


@dataclass
class Quality:
    """Outcome of running the rules over labelled clauses."""

    risky: int = 0
    benign: int = 0
    hits: int = 0
    false_alarms: list[tuple[Clause, list[str]]] = field(default_factory=list)
    misses: list[Clause] = field(default_factory=list)
    per_family: dict[str, list[int]] = field(default_factory=dict)  # family -> [found, total]
    by_severity: dict[str, list[int]] = field(default_factory=dict)
    """Highest severity a clause was flagged at -> [risky clauses, all clauses] (for precision)."""

    @property
    def recall(self) -> float:
        return self.hits / self.risky if self.risky else 1.0

    @property
    def fpr(self) -> float:
        return len(self.false_alarms) / self.benign if self.benign else 0.0

    def precision(self, severity: str) -> float:
        """Share of risky clauses among those whose highest finding has ``severity`` (1.0: none)."""
        risky, flagged = self.by_severity.get(severity, [0, 0])
        return risky / flagged if flagged else 1.0


_LABELS = {"risk": "risk", "risky": "risk", "ok": "ok", "benign": "ok"}


def load_clauses(path: Path) -> list[Clause]:
    """Read a labelled clause file.

    Either ``clauses: [{text, label: risk|ok, family}]``, two lists
    ``risky: [{text, family}]`` and ``benign: [{text, family}]``, or the real-text
    corpus form ``meningar: [{text, label: risky|benign, kind, section, source}]``.
    """
    from ruamel.yaml import YAML

    data: Any = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    items = list(data.get("clauses") or []) + list(data.get("meningar") or [])
    items += [{**item, "label": "risk"} for item in data.get("risky") or []]
    items += [{**item, "label": "ok"} for item in data.get("benign") or []]
    out = []
    for item in items:
        label = _LABELS.get(str(item["label"]))
        if label is None:
            raise ValueError(f"{path.name}: label must be risk or ok: {item!r}")
        family = str(item.get("family", item.get("kind", "-")))
        section = str(item.get("section") or "")
        out.append(Clause(str(item["text"]), label, family, section, str(item.get("source") or "")))
    return out


def flagging_rules(rules: Mapping[str, Rule]) -> list[Rule]:
    """Text rules that flag a clause: severity warning/error, not ``mode: absent``."""
    return [
        r
        for r in rules.values()
        if r.kind == "text" and r.severity in FLAGGING and (r.match or {}).get("mode", "present") != "absent"
    ]


def fired(text: str, rules: Iterable[Rule], ruleset: RuleSet, section: str = "") -> list[str]:
    """Codes of the rules that fire on ``text`` (standing in ``section``, when given)."""
    path = tuple(section.split(".")) if section else None
    return [r.code for r in rules if (path is None or r.applies_to(path)) and scan(text, r, ruleset=ruleset)]


def evaluate(
    clauses: Iterable[Clause],
    rules: Mapping[str, Rule],
    ruleset: RuleSet | None = None,
    model: Model | None = None,
) -> Quality:
    """Run every flagging text rule over every clause (``ruleset``: built from ``rules`` if not
    given), with the learned second opinion if given: :meth:`iop.lint.text.model.Model.severity`
    adjusts each finding's level to the model's score, and a clause no rule flags is flagged as
    a warning, code ``model``, from ``model.second`` on."""
    if ruleset is None:
        from iop.lint.ruleset import RuleSet

        ruleset = RuleSet(rules)
    active = flagging_rules(rules)
    severity: dict[str, Severity] = {r.code: r.severity for r in active}
    severity["model"] = "warning"
    q = Quality()
    for clause in clauses:
        codes = fired(clause.text, active, ruleset, clause.section)
        levels = [severity[c] for c in codes]
        if model is not None and model.reads(tokenize(clause.text)):
            score = model.score(clause.text, clause.section)
            levels = [lvl for lvl in (model.severity(x, score) for x in levels) if lvl in FLAGGING]
            if not codes and score >= model.second:
                codes, levels = ["model"], ["warning"]
            codes = codes if levels else []
        if codes:
            top = next(s for s in FLAGGING[::-1] if s in levels)
            counts = q.by_severity.setdefault(top, [0, 0])
            counts[0] += clause.label == "risk"
            counts[1] += 1
        if clause.label == "risk":
            q.risky += 1
            fam = q.per_family.setdefault(clause.family, [0, 0])
            fam[1] += 1
            if codes:
                q.hits += 1
                fam[0] += 1
            else:
                q.misses.append(clause)
        else:
            q.benign += 1
            if codes:
                q.false_alarms.append((clause, codes))
    return q
