"""The learned second opinion in a lint run (rule LOU126 and the model in ``lint/model/``).

Per document, every sentence of every string gets the model's score once
(:class:`Opinion`). A text rule's finding then takes its level from both readers
(:meth:`iop.lint.text.model.Model.severity`): an ``error`` needs the model's agreement,
and a finding on a sentence the model reads as plainly benign is only information. A
sentence that no rule flags but the model scores from ``second`` on becomes a LOU126
finding that names the words that weighed most. With LOU126 turned off (a profile or
``.iop.yaml``), the rules alone decide, as before.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from iop.diagnostics import PathPart, Severity
from iop.lint.text.model import Model
from iop.lint.text.tokens import Token, tokenize

if TYPE_CHECKING:
    from iop.lint.rules import Rule
    from iop.loader import Document

FLAGGING = ("warning", "error")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a string value: its character span, tokens and score."""

    start: int
    end: int
    tokens: Sequence[Token]
    score: float


@dataclass(frozen=True)
class Second:
    """A sentence that only the model flags."""

    path: tuple[PathPart, ...]
    value: str
    sentence: Sentence
    words: list[str]


class Opinion:
    """The model's scores for one document, and which sentences the rules have flagged."""

    def __init__(self, doc: Document, model: Model, rule: Rule) -> None:
        self.model = model
        self.rule = rule
        self._values = dict(doc.iter_strings())
        self._sentences: dict[tuple[PathPart, ...], list[Sentence]] = {}
        self._flagged: set[tuple[tuple[PathPart, ...], int]] = set()

    def sentences(self, path: tuple[PathPart, ...]) -> list[Sentence]:
        """The scored sentences of the string at ``path`` (computed once)."""
        found = self._sentences.get(path)
        if found is None:
            value = self._values.get(path, "")
            groups: dict[int, list[Token]] = {}
            for tok in tokenize(value):
                groups.setdefault(tok.sentence, []).append(tok)
            section = str(path[0]) if path else ""
            score = self.model.score_tokens
            found = self._sentences[path] = [  # fragments (ids, names, dates) get no score
                Sentence(
                    toks[0].start, toks[-1].end, toks, score(toks, section) if self.model.reads(toks) else 0.0
                )
                for toks in groups.values()
            ]
        return found

    def _index(self, path: tuple[PathPart, ...], offset: int) -> int:
        sentences = self.sentences(path)
        for i, sent in enumerate(sentences):
            if offset < sent.end:
                return i
        return max(0, len(sentences) - 1)

    def judge(self, path: tuple[PathPart, ...], offset: int, severity: Severity) -> tuple[Severity, float]:
        """The level of a rule's finding at ``offset`` of the string at ``path``, and the score."""
        sentences = self.sentences(path)
        if not sentences:
            return severity, 0.0
        i = self._index(path, offset)
        score = sentences[i].score
        if not self.model.reads(sentences[i].tokens):
            return severity, score
        level = self.model.severity(severity, score)
        if level in FLAGGING:
            self._flagged.add((path, i))
        return level, score

    def seconds(self) -> Iterator[Second]:
        """Sentences that no rule flagged and the model scores from ``second`` on, in order."""
        for path, value in self._values.items():
            if not self.rule.applies_to(path):
                continue
            for i, sent in enumerate(self.sentences(path)):
                if (
                    sent.score >= self.model.second
                    and (path, i) not in self._flagged
                    and self.model.reads(sent.tokens)
                ):
                    yield Second(path, value, sent, self.model.explain_tokens(sent.tokens))
