"""Agreement data → a Pandoc document (JSON AST), the same for every output format.

Sections follow the schema's property order and titles. Headings are numbered
by the writer (1, 1.1 ...). Structure the writers cannot express (cover block,
signature blocks, draft watermark) is marked with a wrapper: raw Typst calls of
functions defined in ``render/signing.typst`` for PDF, Divs with a class (HTML)
or a custom style (DOCX) otherwise. Agreement text is only ever ``Str`` nodes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from iop.frequency import parse_frequency
from iop.render import pandoc_ast as A
from iop.render.pandoc_ast import Node

Target = Literal["typst", "html", "docx"]

# Keys shown in the cover block rather than as sections.
COVER_KEYS = ("schemaversion", "id", "titel", "version", "status", "diarienummer", "riktlinjer", "beslut")
FURTHER_SECTIONS = "övriga_avsnitt"  # rendered as sections of their own, each under its rubrik
SECTION_TITLE_OVERRIDES = {"ändringar": "Ändringar och tillägg"}
STATUS_WORDS = {
    "utkast": "Utkast",
    "beslutad": "Beslutad",
    "undertecknad": "Undertecknad",
    "gällande": "Gällande",
    "avslutad": "Avslutad",
}
PARTY_TYPES = {"offentlig": "Offentlig part", "idéburen": "Idéburen part"}
RESOURCE_KINDS = {"ekonomiskt": "Ekonomiskt", "materiellt": "Materiellt", "immateriellt": "Immateriellt"}
MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
KICKER = "Överenskommelse om idéburet offentligt partnerskap (IOP)"


@dataclass(frozen=True)
class SchemaInfo:
    """Section order and titles (top level and nested) read from the agreement schema."""

    order: tuple[str, ...]
    titles: Mapping[tuple[str, ...], str]

    def title(self, *path: str) -> str:
        return self.titles.get(path) or path[-1].replace("_", " ").capitalize()


@cache
def schema_info() -> SchemaInfo:
    """Order and titles from the agreement schema (read once, shared with validation)."""
    from iop.validation.schema import schema as load_schema

    schema = load_schema()
    titles: dict[tuple[str, ...], str] = {}

    def walk(node: Any, path: tuple[str, ...]) -> None:
        if not isinstance(node, dict):
            return
        if path and isinstance(node.get("title"), str):
            titles.setdefault(path, node["title"])
        for key, sub in (node.get("properties") or {}).items():
            walk(sub, (*path, key))
        if isinstance(node.get("items"), dict):
            walk(node["items"], path)

    walk(schema, ())
    return SchemaInfo(tuple((schema.get("properties") or {}).keys()), titles)


def resource_amount(resource: Mapping[str, Any]) -> str:
    """A resource's amount per year as the agreement states it, in words a reader knows."""
    from iop.money import format_range, parse_amount

    if resource.get("värderad") is False:
        return "ej värderad"
    base = parse_amount(resource.get("belopp_per_år"))
    shown = format_range(base) if base is not None else ""
    if isinstance(resource.get("per_avtalsår"), list):
        shown = f"{shown}; se per år" if shown else "olika per år"
    if isinstance(resource.get("indexering"), Mapping):
        shown += ", indexeras"
    return shown


def resource_details(resource: Mapping[str, Any]) -> str:
    """The resource's description plus how its amount is stated (formula, years, indexation)."""
    from iop.money import format_kr, format_range, parse_amount

    parts = [_s(resource.get("beskrivning")).strip()]
    amount = resource.get("belopp_per_år")
    formula = amount.get("formel") if isinstance(amount, Mapping) else None
    if isinstance(formula, Mapping):
        per = formula.get("kronor_per_enhet")
        per_text = format_kr(per) if isinstance(per, int) else f"{_s(per).replace('.', ',')} kr"
        count = formula.get("antal")
        count_text = f"{count:,}".replace(",", "\u00a0") if isinstance(count, int) else _s(count)
        basis = f"Beräknas som {per_text} per {_s(formula.get('enhet'))} × {count_text}"
        if formula.get("avser"):
            basis += f" ({_s(formula['avser'])})"
        parts.append(basis + ".")
    schedule = resource.get("per_avtalsår")
    if isinstance(schedule, list):
        years = []
        for entry in schedule:
            if isinstance(entry, Mapping):
                r = parse_amount(entry.get("belopp"))
                years.append(f"{_s(entry.get('år'))}: {format_range(r) if r else _s(entry.get('belopp'))}")
        if years:
            parts.append("Per år: " + "; ".join(years) + ".")
    indexing = resource.get("indexering")
    if isinstance(indexing, Mapping) and indexing.get("beskrivning"):
        parts.append(_s(indexing["beskrivning"]).strip())
    return " ".join(p for p in parts if p)


def swedish_date(value: object) -> str:
    """``2025-01-01`` → ``1 januari 2025``; anything else unchanged."""
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _s(value: object) -> str:
    return "" if value is None else str(value)


def page_reference(data: Mapping[str, Any]) -> str:
    """How each page names the agreement: its diarienummer when it has one, else its id."""
    if data.get("diarienummer"):
        return f"Dnr {_s(data['diarienummer'])}"
    return _s(data.get("id"))


def name_pattern(data: Mapping[str, Any]) -> str:
    """A pattern for words holding a word of a party's name (capitalised, 4+ letters), or "".

    The name words are letters only, so the pattern has no syntax taken from the
    agreement; longest first, so "Teststadsförbundet" wins over "Teststads".
    """
    words: set[str] = set()
    for p in items(data.get("parter")):
        if isinstance(p, Mapping):
            words.update(w for w in re.findall(r"[^\W\d_]{4,}", _s(p.get("namn"))) if w[0].isupper())
    if not words:
        return ""
    return r"\w*(?:" + "|".join(sorted(words, key=lambda w: (-len(w), w))) + r")\w*"


def anchor_name(path: tuple[str | int, ...]) -> str:
    """The DOCX bookmark that marks where a field's text is (``iop import --onto`` reads it back)."""
    key = "/".join(str(p) for p in path)
    return "iop" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def items(value: object) -> list[Any]:
    """A list field's items; a single value where a list belongs (``delmål: 5``, in a draft) is one item."""
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


@dataclass
class Builder:
    """Builds the blocks of one agreement for one target format."""

    data: Mapping[str, Any]
    target: Target
    draft: bool = False
    signature_ids: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    anchors: bool = False  # mark fields in every target (the redline), not only in DOCX

    # -- wrappers ---------------------------------------------------------
    def wrap(self, name: str, blocks: list[Node], arg: int | None = None) -> list[Node]:
        """Mark ``blocks`` as a layout element named ``name`` (``iop-cover`` ...)."""
        if self.target == "typst":
            call = f"#{name}({arg})[" if arg is not None else f"#{name}["
            return [A.raw_block("typst", call), *blocks, A.raw_block("typst", "]")]
        if self.target == "docx":
            return blocks
        return [A.div(blocks, [name])]

    def styled(self, style: str, inlines: list[Node]) -> Node:
        """A paragraph with a named DOCX style (plain paragraph elsewhere)."""
        if self.target == "docx":
            return A.div([A.para(inlines)], attrs=[["custom-style", style]])
        return A.para(inlines)

    # -- helpers ------------------------------------------------------------
    @property
    def parties(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for p in items(self.data.get("parter")):
            if isinstance(p, Mapping) and p.get("id") is not None:
                out[str(p["id"])] = _s(p.get("namn")) or str(p["id"])
        return out

    def tb(self, path: tuple[str | int, ...], value: object) -> list[Node]:
        """Text blocks of the field at ``path``; in DOCX inside a bookmark named for the field."""
        blocks = A.text_blocks(value)
        if not (self.target == "docx" or self.anchors) or not blocks:
            return blocks
        return [A.div(blocks, ident=anchor_name(path))]

    def ti(self, path: tuple[str | int, ...], value: object) -> list[Node]:
        """Inline text of the field at ``path`` (bookmarked in DOCX)."""
        inlines = A.text_inlines(value)
        if not (self.target == "docx" or self.anchors) or not inlines:
            return inlines
        return [A.span(inlines, ident=anchor_name(path))]

    def sentence(self, *parts: object) -> list[Node]:
        """Inlines of a sentence built from plain strings and already anchored inline lists."""
        out: list[Node] = []
        for part in parts:
            inl = A.text_inlines(part) if isinstance(part, str) else list(part)  # type: ignore[call-overload]
            if not inl:
                continue
            if out:
                out.append({"t": "Space"})
            out += inl
        return out

    def party_name(self, ref: object) -> str:
        return self.parties.get(str(ref), _s(ref))

    def heading(self, level: int, title: str, *, numbered: bool = True) -> Node:
        """A section heading.

        In HTML one level down (the title is the page's only h1), numbered here as
        1, 1.1 ... (the other writers number their own headings).
        """
        if self.target != "html":
            return A.header(level, A.text_inlines(title), classes=[] if numbered else ["unnumbered"])
        inlines = A.text_inlines(title)
        if numbered:
            self.numbers.extend([0] * (level - len(self.numbers)))
            del self.numbers[level:]
            self.numbers[level - 1] += 1
            number = ".".join(str(n) for n in self.numbers)
            inlines = [A.span(A.text_inlines(number), ["header-section-number"]), {"t": "Space"}, *inlines]
        return A.header(level + 1, inlines, classes=[] if numbered else ["unnumbered"])

    def key_values(self, rows: list[tuple[list[Node], list[Node]]], classes: list[str]) -> Node:
        """Label/value pairs: a table without header rows, a description list in HTML."""
        if self.target == "html":
            return A.definition_list([(label, [[A.plain(value)]]) for label, value in rows], classes)
        return A.table(
            None,
            [[label, value] for label, value in rows],
            ["AlignLeft", "AlignLeft"],
            [0.3, 0.7] if "iop-signature-lines" in classes else [0.22, 0.78],
            classes=classes,
        )

    # -- document -----------------------------------------------------------
    def build(self) -> list[Node]:
        info = schema_info()
        blocks = self.cover()
        renderers: dict[str, Callable[[Any], list[Node]]] = {
            "parter": self.sec_parter,
            "mål": self.sec_mal,
            "insatser": self.sec_insatser,
            "styrgrupp": self.sec_styrgrupp,
            "grupper": self.sec_grupper,
            "ekonomi": self.sec_ekonomi,
            "tidsram": self.sec_tidsram,
            "uppföljning": self.sec_uppfoljning,
            "bilagor": self.sec_bilagor,
            "ändringar": self.sec_andringar,
        }
        known = list(info.order) + [k for k in self.data if k not in info.order]
        for key in known:
            if key in COVER_KEYS or key == "underskrifter" or key not in self.data:
                continue
            value = self.data[key]
            if value in (None, "", [], {}):
                continue
            if key == FURTHER_SECTIONS and isinstance(value, list):
                blocks += self.further_sections(value)
                continue
            title = SECTION_TITLE_OVERRIDES.get(key) or info.title(key)
            head = self.heading(1, title)  # before the body: its sub-headings number under it
            body = renderers[key](value) if key in renderers else self.generic(value, (key,))
            blocks += [head, *body]
        blocks += self.signature_page()
        return blocks

    def further_sections(self, items: list[Any]) -> list[Node]:
        """Each further section as a numbered section of its own, with its own heading."""
        out: list[Node] = []
        for i, item in enumerate(items):
            if not isinstance(item, Mapping):
                continue
            out.append(self.heading(1, _s(item.get("rubrik"))))
            if item.get("text"):
                out += self.tb((FURTHER_SECTIONS, i, "text"), item["text"])
            subsections = item.get("underavsnitt")
            for j, sub in enumerate(subsections if isinstance(subsections, list) else []):
                if isinstance(sub, Mapping):
                    out.append(self.heading(2, _s(sub.get("rubrik"))))
                    if sub.get("text"):
                        out += self.tb((FURTHER_SECTIONS, i, "underavsnitt", j, "text"), sub["text"])
        return out

    def cover(self) -> list[Node]:
        d = self.data
        blocks: list[Node] = []
        if self.draft:
            blocks += self.wrap(
                "iop-draft-note", [self.styled("Draft", A.text_inlines("UTKAST – inte för underskrift"))]
            )
        if self.draft and self.target == "html":
            blocks.append(
                A.div([A.para(A.text_inlines("UTKAST"))], ["iop-watermark"], [["aria-hidden", "true"]])
            )
        if self.target == "html":  # the page's one h1
            blocks += self.wrap("iop-kicker", [A.para(A.text_inlines(KICKER))])
            blocks.append(
                A.header(1, A.text_inlines(_s(d.get("titel"))), classes=["unnumbered", "iop-title"])
            )
        elif self.target != "docx":  # the DOCX writer sets title and subtitle from the metadata
            blocks += self.wrap("iop-kicker", [A.para(A.text_inlines(KICKER))])
            blocks += self.wrap("iop-title", [A.para(A.text_inlines(_s(d.get("titel"))))])
        parties = [p for p in items(d.get("parter")) if isinstance(p, Mapping)]
        rows: list[tuple[list[Node], list[Node]]] = []
        for i, p in enumerate(parties):
            label = "Mellan" if i == 0 else "och"
            orgnr = _s(p.get("organisationsnummer"))
            party = [A.strong(A.text_inlines(_s(p.get("namn"))))]
            if orgnr:
                party += [{"t": "LineBreak"}, *A.text_inlines(f"org.nr {orgnr}")]
            rows.append((A.text_inlines(label), party))
        facts: list[tuple[str, str]] = []
        if d.get("diarienummer"):
            facts.append(("Diarienummer", _s(d["diarienummer"])))
        facts.append(("Version", _s(d.get("version"))))
        facts.append(("Status", STATUS_WORDS.get(_s(d.get("status")), _s(d.get("status")))))
        tidsram = d.get("tidsram") if isinstance(d.get("tidsram"), Mapping) else {}
        if tidsram and tidsram.get("start") and tidsram.get("slut"):
            facts.append(
                ("Giltighetstid", f"{swedish_date(tidsram['start'])} – {swedish_date(tidsram['slut'])}")
            )
        for i, b in enumerate(x for x in items(d.get("beslut")) if isinstance(x, Mapping)):
            text = ", ".join(
                s
                for s in (
                    _s(b.get("organ")),
                    swedish_date(b["datum"]) if b.get("datum") else "",
                    _s(b.get("paragraf")),
                )
                if s
            )
            facts.append(("Beslut" if i == 0 else "", text))
        rows += [(A.text_inlines(k), A.text_inlines(v)) for k, v in facts]
        facts_classes = [] if self.target == "html" else ["iop-cover"]  # HTML: the wrapper has it
        blocks += self.wrap("iop-cover", [self.key_values(rows, facts_classes)])
        return blocks

    # -- sections -----------------------------------------------------------
    def generic(self, value: Any, path: tuple[str, ...], level: int = 2) -> list[Node]:
        """Any section without its own renderer: text, lists and sub-keys with schema titles."""
        if isinstance(value, Mapping):
            out: list[Node] = []
            for key, sub in value.items():
                if sub in (None, "", [], {}):
                    continue
                out += [
                    self.heading(min(level, 3), schema_info().title(*path, key)),
                    *self.generic(sub, (*path, key), level + 1),
                ]
            return out
        if isinstance(value, list):
            items: list[list[Node]] = []
            for index, item in enumerate(value):
                if isinstance(item, Mapping):
                    items.append(
                        [
                            A.para(
                                A.text_inlines(
                                    "; ".join(
                                        f"{schema_info().title(*path, k)}: {_s(v)}" for k, v in item.items()
                                    )
                                )
                            )
                        ]
                    )
                else:
                    items.append([A.plain(self.ti((*path, index), _s(item)))])
            return [A.bullet_list(items)] if items else []
        if isinstance(value, bool):
            return [A.para(A.text_inlines("Ja" if value else "Nej"))]
        return self.tb(path, value)

    def sec_parter(self, value: Any) -> list[Node]:
        rows = []
        for i, p in enumerate(value if isinstance(value, list) else []):
            if not isinstance(p, Mapping):
                continue
            rows.append(
                [
                    self.ti(("parter", i, "namn"), _s(p.get("namn"))),
                    self.ti(("parter", i, "organisationsnummer"), _s(p.get("organisationsnummer"))),
                    A.text_inlines(PARTY_TYPES.get(_s(p.get("typ")), _s(p.get("typ")))),
                    self.ti(("parter", i, "företräds_av"), _s(p.get("företräds_av"))),
                ]
            )
        out = [
            A.table(
                ["Part", "Organisationsnummer", "Typ av part", "Företräds av"],
                rows,
                ["AlignLeft"] * 4,
                [0.3, 0.22, 0.18, 0.3],
            )
        ]
        contacts = []
        for p in value if isinstance(value, list) else []:
            contact = p.get("kontaktperson") if isinstance(p, Mapping) else None
            if isinstance(contact, Mapping) and contact.get("namn"):
                details = ", ".join(
                    _s(contact.get(k)) for k in ("funktion", "e-post", "telefon") if contact.get(k)
                )
                line = f"{_s(p.get('namn'))}: {_s(contact['namn'])}" + (f" ({details})" if details else "")
                contacts.append([A.plain(A.text_inlines(line))])
        if contacts:
            out += [self.heading(2, schema_info().title("parter", "kontaktperson")), A.bullet_list(contacts)]
        return out

    def sec_mal(self, value: Any) -> list[Node]:
        if not isinstance(value, Mapping):
            return A.text_blocks(value)
        out: list[Node] = []
        if value.get("övergripande"):
            out += [
                self.heading(2, schema_info().title("mål", "övergripande")),
                *self.tb(("mål", "övergripande"), value["övergripande"]),
            ]
        goals = [(i, g) for i, g in enumerate(items(value.get("delmål"))) if g not in (None, "")]
        if goals:
            out += [
                self.heading(2, schema_info().title("mål", "delmål")),
                A.ordered_list([[A.plain(self.ti(("mål", "delmål", i), _s(g)))] for i, g in goals]),
            ]
        rest = {k: v for k, v in value.items() if k not in ("övergripande", "delmål")}
        return out + (self.generic(rest, ("mål",)) if rest else [])

    def sec_insatser(self, value: Any) -> list[Node]:
        grouped: dict[str, list[tuple[int, Mapping[str, Any]]]] = {}
        for index, item in enumerate(value if isinstance(value, list) else []):
            if isinstance(item, Mapping):
                grouped.setdefault(_s(item.get("part")), []).append((index, item))
        order = [p for p in self.parties if p in grouped] + [p for p in grouped if p not in self.parties]
        out: list[Node] = []
        for part in order:
            out.append(self.heading(2, f"{self.party_name(part)} åtar sig"))
            for index, item in grouped[part]:
                out += self.tb(("insatser", index, "beskrivning"), _s(item.get("beskrivning")))
                if item.get("ingår_inte"):
                    out += [
                        A.para(
                            [
                                A.emph(A.text_inlines("Ingår inte:")),
                                {"t": "Space"},
                                *self.ti(("insatser", index, "ingår_inte"), _s(item["ingår_inte"])),
                            ]
                        )
                    ]
        return out

    def sec_styrgrupp(self, value: Any) -> list[Node]:
        if not isinstance(value, Mapping):
            return A.text_blocks(value)
        out: list[Node] = []
        members = [m for m in items(value.get("ledamöter")) if isinstance(m, Mapping)]
        if members:
            out += [
                self.heading(2, schema_info().title("styrgrupp", "ledamöter")),
                A.table(
                    ["Part", "Funktion"],
                    [
                        [
                            A.text_inlines(self.party_name(m.get("part"))),
                            self.ti(("styrgrupp", "ledamöter", i, "funktion"), _s(m.get("funktion"))),
                        ]
                        for i, m in enumerate(members)
                    ],
                    ["AlignLeft", "AlignLeft"],
                    [0.4, 0.6],
                ),
            ]
        sentences: list[Node] = []
        frequency = parse_frequency(value.get("möten_per_år"))
        if frequency is not None:
            sentences = self.sentence(
                "Styrgruppen sammanträder",
                self.ti(("styrgrupp", "möten_per_år"), frequency.describe() + "."),
                frequency.description or "",
            )
        conv = value.get("sammankallande")
        if isinstance(conv, Mapping):
            who = _s(conv.get("funktion")) or "Företrädare"
            sentences = self.sentence(
                sentences, f"Sammankallande: {who}, {self.party_name(conv.get('part'))}."
            )
        if sentences:
            out += [self.heading(2, "Möten"), A.para(sentences)]
        if value.get("mandat"):
            out += [
                self.heading(2, schema_info().title("styrgrupp", "mandat")),
                *self.tb(("styrgrupp", "mandat"), value["mandat"]),
            ]
        rest = {
            k: v
            for k, v in value.items()
            if k not in ("ledamöter", "möten_per_år", "sammankallande", "mandat")
        }
        return out + (self.generic(rest, ("styrgrupp",)) if rest else [])

    def meeting_sentences(self, subject: str, value: Mapping[str, Any]) -> list[str]:
        """'Styrgruppen sammanträder minst 2 gånger per år och vid behov.' and the convener."""
        sentences = []
        frequency = parse_frequency(value.get("möten_per_år"))
        if frequency is not None:
            sentences.append(f"{subject} sammanträder {frequency.describe()}.")
            if frequency.description:
                sentences.append(frequency.description)
        conv = value.get("sammankallande")
        if isinstance(conv, Mapping):
            who = _s(conv.get("funktion")) or "Företrädare"
            sentences.append(f"Sammankallande: {who}, {self.party_name(conv.get('part'))}.")
        return sentences

    def sec_grupper(self, value: Any) -> list[Node]:
        """Each further group like the styrgrupp: level, members, meetings and mandate."""
        out: list[Node] = []
        for group in value if isinstance(value, list) else []:
            if not isinstance(group, Mapping):
                continue
            name = _s(group.get("namn")) or "Grupp"
            out.append(self.heading(2, name))
            if group.get("nivå"):
                out.append(A.para([A.emph(A.text_inlines(f"Nivå: {_s(group['nivå'])}"))]))
            listed = group.get("ledamöter")
            members = [m for m in listed if isinstance(m, Mapping)] if isinstance(listed, list) else []
            if members:
                out.append(
                    A.table(
                        ["Part", "Funktion"],
                        [
                            [
                                A.text_inlines(self.party_name(m.get("part"))),
                                A.text_inlines(_s(m.get("funktion"))),
                            ]
                            for m in members
                        ],
                        ["AlignLeft", "AlignLeft"],
                        [0.4, 0.6],
                    )
                )
            sentences = self.meeting_sentences("Gruppen", group)
            if sentences:
                out.append(A.para(A.text_inlines(" ".join(sentences))))
            if group.get("mandat"):
                out += A.text_blocks(group["mandat"])
        return out

    def resource_party(self, resource: Mapping[str, Any]) -> str:
        """The contributing party's name, or 'A, B och C (gemensamt)' for a shared resource."""
        shared = resource.get("parter")
        if isinstance(shared, list) and shared:
            names = [self.party_name(p) for p in shared]
            joined = ", ".join(names[:-1]) + " och " + names[-1] if len(names) > 1 else names[0]
            return f"{joined} (gemensamt)"
        return self.party_name(resource.get("part"))

    def sec_ekonomi(self, value: Any) -> list[Node]:
        from iop.budget import compute, format_range, format_share

        if not isinstance(value, Mapping):
            return A.text_blocks(value)
        out: list[Node] = []
        indexed = [(i, r) for i, r in enumerate(items(value.get("resurser"))) if isinstance(r, Mapping)]
        resources = [r for _, r in indexed]
        if resources:
            rows = [
                [
                    A.text_inlines(self.resource_party(r)),
                    A.text_inlines(RESOURCE_KINDS.get(_s(r.get("slag")), _s(r.get("slag")))),
                    self.ti(("ekonomi", "resurser", i, "beskrivning"), resource_details(r)),
                    self.ti(("ekonomi", "resurser", i, "belopp_per_år"), resource_amount(r)),
                ]
                for i, r in indexed
            ]
            out += [
                self.heading(2, "Parternas resurser"),
                A.table(
                    ["Part", "Slag", "Beskrivning", "Per år"],
                    rows,
                    ["AlignLeft", "AlignLeft", "AlignLeft", "AlignRight"],
                    [0.27, 0.14, 0.43, 0.16],
                ),
            ]
            budget = compute(self.data)
            head = ["Part", *[p.label for p in budget.periods], "Totalt", "Andel"]
            brows = [
                [
                    A.text_inlines(p.namn),
                    *[A.text_inlines(format_range(a)) for a in p.per_period_range],
                    [A.strong(A.text_inlines(format_range(p.total_range)))],
                    A.text_inlines(format_share(p.share)),
                ]
                for p in budget.parties
            ]
            foot = [
                [
                    [A.strong(A.text_inlines("Summa"))],
                    *[[A.strong(A.text_inlines(format_range(a)))] for a in budget.total_per_period_range],
                    [A.strong(A.text_inlines(format_range(budget.total_range)))],
                    [A.strong(A.text_inlines(format_share(1.0 if budget.total else 0.0)))],
                ]
            ]
            n = len(budget.periods)
            amount_w = min(0.16, 0.62 / (n + 1))
            widths = [1.0 - amount_w * (n + 1) - 0.1, *[amount_w] * (n + 1), 0.1]
            out += [
                self.heading(2, "Budget per avtalsår"),
                A.table(head, brows, ["AlignLeft", *["AlignRight"] * (n + 2)], widths, foot=foot),
            ]
            notes = [
                f"Beloppen är beräknade från parternas resurser per år för avtalsperioden; ett kortare avtalsår räknas i proportion till antalet dagar. Den offentliga partens andel är {format_share(budget.public_share)}."
            ]
            if budget.approximate:
                notes.append(
                    "Där beloppen är ungefärliga, har ett tak eller räknas fram med en formel visas "
                    "spannet eller taket; andelarna räknas på planeringsbeloppen."
                )
            if any(not line.valued for line in budget.lines):
                notes.append("Resurser som inte är värderade i kronor ingår inte i summorna.")
            if budget.extension_months and budget.total_with_extensions_range is not None:
                notes.append(
                    f"Om överenskommelsen förlängs fullt ut ({budget.extension_months} månader) blir det sammanlagda värdet {format_range(budget.total_with_extensions_range)}."
                )
            valuta = _s(value.get("valuta"))
            if valuta and valuta != "SEK":
                notes.append(f"Valuta: {valuta}.")
            out.append(A.para(A.text_inlines(" ".join(notes))))
        for key in ("utbetalning", "justering", "överskott", "återbetalning", "andra_bidrag"):
            if value.get(key):
                out += [
                    self.heading(2, schema_info().title("ekonomi", key)),
                    *self.tb(("ekonomi", key), value[key]),
                ]
        rest = {
            k: v
            for k, v in value.items()
            if k
            not in (
                "valuta",
                "resurser",
                "utbetalning",
                "justering",
                "överskott",
                "återbetalning",
                "andra_bidrag",
            )
        }
        return out + (self.generic(rest, ("ekonomi",)) if rest else [])

    def sec_tidsram(self, value: Any) -> list[Node]:
        if not isinstance(value, Mapping):
            return A.text_blocks(value)
        out = [
            A.para(
                [
                    *self.sentence(
                        "Överenskommelsen gäller från och med",
                        self.ti(("tidsram", "start"), swedish_date(value.get("start"))),
                        "till och med",
                        self.ti(("tidsram", "slut"), swedish_date(value.get("slut"))),
                    ),
                    {"t": "Str", "c": "."},
                ]
            )
        ]
        ext = value.get("förlängning")
        if isinstance(ext, Mapping):
            months = ext.get("längd_månader")
            count = ext.get("högst_antal")
            sentence = "Överenskommelsen kan förlängas"
            if months is not None:
                sentence += f" med {months} månader åt gången"
            if count is not None:
                sentence += f", högst {count} {'gång' if count == 1 else 'gånger'}"
            out += [
                self.heading(2, schema_info().title("tidsram", "förlängning")),
                A.para(A.text_inlines(sentence + ".")),
            ]
            if ext.get("villkor"):
                out += self.tb(("tidsram", "förlängning", "villkor"), ext["villkor"])
        return out

    def sec_uppfoljning(self, value: Any) -> list[Node]:
        if not isinstance(value, Mapping):
            return A.text_blocks(value)
        out: list[Node] = []
        frequency = parse_frequency(value.get("gånger_per_år"))
        if frequency is not None:
            out.append(
                A.para(
                    self.sentence(
                        "Parterna följer gemensamt upp partnerskapet",
                        self.ti(("uppföljning", "gånger_per_år"), frequency.describe() + "."),
                        frequency.description or "",
                    )
                )
            )
        rest = {k: v for k, v in value.items() if k != "gånger_per_år"}
        return out + self.generic(rest, ("uppföljning",))

    def sec_bilagor(self, value: Any) -> list[Node]:
        items = []
        for i, b in enumerate(x for x in value if isinstance(x, Mapping)) if isinstance(value, list) else []:
            inl = [
                A.strong(
                    self.sentence(f"Bilaga {i + 1}:", self.ti(("bilagor", i, "titel"), _s(b.get("titel"))))
                )
            ]
            if b.get("beskrivning"):
                inl += [{"t": "LineBreak"}, *self.ti(("bilagor", i, "beskrivning"), _s(b["beskrivning"]))]
            items.append([A.para(inl)])
        return [A.bullet_list(items)] if items else []

    def change_decision(self, change: Mapping[str, Any], only: bool) -> str:
        """The decision behind a change: its own, else the decisions of that date (or the only ones)."""
        if change.get("beslut"):
            return _s(change["beslut"])
        decisions = [b for b in items(self.data.get("beslut")) if isinstance(b, Mapping)]
        same_day = [b for b in decisions if change.get("datum") and _s(b.get("datum")) == _s(change["datum"])]
        chosen = same_day or (decisions if only else [])
        named = "; ".join(
            " ".join(s for s in (_s(b.get("organ")), _s(b.get("paragraf"))) if s) for b in chosen
        )
        return named or "–"

    def sec_andringar(self, value: Any) -> list[Node]:
        changes = [c for c in (value if isinstance(value, list) else []) if isinstance(c, Mapping)]
        rows = [
            [
                A.text_inlines(_s(c.get("version"))),
                A.text_inlines(swedish_date(c.get("datum")) if c.get("datum") else ""),
                A.text_inlines(self.change_decision(c, only=len(changes) == 1)),
                A.text_inlines(_s(c.get("sammanfattning"))),
            ]
            for c in changes
        ]
        return [
            A.table(
                ["Version", "Datum", "Beslut", "Sammanfattning"],
                rows,
                ["AlignLeft"] * 4,
                [0.1, 0.18, 0.27, 0.45],
            )
        ]

    # -- signatures ---------------------------------------------------------
    def signature_page(self) -> list[Node]:
        entries = [s for s in items(self.data.get("underskrifter")) if isinstance(s, Mapping)]
        if not entries:
            return []
        intro = (
            "Denna överenskommelse har upprättats i lika lydande exemplar, ett för varje part. "
            "Den kan också undertecknas digitalt i signaturfälten nedan."
        )
        blocks: list[Node] = [
            *self.wrap("iop-signature-page", []),
            self.heading(1, "Underskrifter", numbered=False),
            A.para(A.text_inlines(intro)),
        ]
        signatures: list[Node] = []
        for i, s in enumerate(entries):
            self.signature_ids.append(_s(s.get("part")))
            inner = [
                A.para([A.strong(A.text_inlines(f"För {self.party_name(s.get('part'))}"))]),
                A.para(self.ti(("underskrifter", i, "funktion"), _s(s.get("funktion")))),
            ]
            if s.get("namn"):
                inner.append(A.para(A.text_inlines(_s(s["namn"]))))
            if self.target == "typst":
                signatures += self.wrap("iop-signature", inner, arg=i)
            else:
                lines = ["Ort och datum", "Underskrift", "Namnförtydligande"]
                pairs = [(A.text_inlines(f"{label}:"), A.text_inlines("_" * 40)) for label in lines]
                signatures += self.wrap(
                    "iop-signature", [*inner, self.key_values(pairs, ["iop-signature-lines"])]
                )
        return blocks + (self.wrap("iop-signatures", signatures) if self.target == "typst" else signatures)


def anchor_paths(node: Any, path: tuple[str | int, ...] = ()) -> dict[str, tuple[str | int, ...]]:
    """Bookmark name → path for every place in an agreement's data."""
    out: dict[str, tuple[str | int, ...]] = {}
    if path:
        out[anchor_name(path)] = path
    if isinstance(node, Mapping):
        for k, v in node.items():
            out.update(anchor_paths(v, (*path, str(k))))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.update(anchor_paths(v, (*path, i)))
    return out


def field_name(party_id: str, index: int) -> str:
    """The AcroForm field name for a signatory: the party id (made safe if it is not a slug)."""
    name = re.sub(r"[^a-z0-9-]+", "-", party_id.lower()).strip("-")
    return name or f"underskrift-{index + 1}"


def build(
    data: Mapping[str, Any], target: Target, *, draft: bool = False
) -> tuple[dict[str, Any], list[str]]:
    """The Pandoc document for ``target`` and the party ids of the signature blocks, in order."""
    builder = Builder(data, target, draft=draft)
    blocks = builder.build()
    return A.document(blocks), builder.signature_ids
