"""Blocks → an agreement draft: sections by heading, parties, dates, amounts, signatures.

Every value that is inferred rather than read under its own heading is recorded in
``Draft.guesses`` (path → reason) so the YAML can say ``# iop import: kontrollera …``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from iop.importer import shapes
from iop.importer import values as V
from iop.importer.blocks import Block, Extracted, heading_number
from iop.importer.headings import match
from iop.importer.pdf_reader import join_lines
from iop.revision.scaffold import slugify

Path_ = tuple[str | int, ...]
TEXT_KEYS = {
    ("bakgrund",), ("initiativ",), ("avtalets_form",), ("syfte",), ("värdegrund",), ("målgrupp",),
    ("målgruppens_delaktighet",), ("mervärde",), ("kommunikation",), ("försäkring_och_arbetsgivaransvar",),
    ("dokumentation_och_redovisning",), ("mål", "övergripande"), ("styrgrupp", "mandat"),
    ("ekonomi", "utbetalning"), ("ekonomi", "överskott"), ("ekonomi", "återbetalning"),
    ("ekonomi", "andra_bidrag"), ("tidsram", "förlängning", "villkor"), ("uppföljning", "former"),
    ("uppföljning", "kunskapsinhämtning"), ("omförhandling", "omförhandling"), ("omförhandling", "uppsägning"),
    ("omförhandling", "hävning"), ("omförhandling", "tvist"), ("parternas_relation",), ("samverkan",),
    ("marknadsföring",), ("sekretess",), ("personuppgifter",), ("registerkontroll",), ("ekonomi", "justering"),
}  # fmt: skip
FURTHER_KEY = "övriga_avsnitt"
GROUPS = ("grupper",)
KIND_WORDS = {"ekonomiskt": "ekonomiskt", "materiellt": "materiellt", "immateriellt": "immateriellt"}
STATUS = {"utkast", "beslutad", "undertecknad", "gällande", "avslutad"}
_SIGN_LINES = re.compile(
    r"^(ort och datum|underskrift|namnförtydligande|datum|ort|namn)\s*:?\s*$|^[_\s.]+$", re.I
)
_DECISION = re.compile(
    r"\s*([^,\n][^,]*?),\s*(\d{1,2} (?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) \d{4}|\d{4}-\d{2}-\d{2})(?:,\s*(§\s*\d+))?"
)
_FOR = re.compile(r"^(?:För|for)\s+(.+?)\s*:?$")


@dataclass
class Section:
    heading: str
    path: tuple[str, ...] | None  # None: not placed (goes to the further sections)
    party: str = ""
    guess: bool = False
    level: int = 1
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)


@dataclass
class Draft:
    """The imported agreement and what the drafter must check or add."""

    data: dict[str, Any]
    guesses: dict[Path_, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)


def text_of(blocks: list[Block]) -> str:
    """Paragraphs separated by blank lines, lists as ``- item`` lines (the renderer's own form)."""
    chunks: list[str] = []
    for b in blocks:
        if (b.kind == "para" and b.text) or (b.kind == "heading" and b.text):
            chunks.append(b.text)
        elif b.kind == "list":
            chunks.append("\n".join("- " + _flat(i) for i in b.items))
        elif b.kind == "table":
            chunks.append("\n".join(" | ".join(c for c in row if c) for row in b.rows))
    return "\n\n".join(c for c in chunks if c.strip())


def _flat(value: str) -> str:
    out = ""
    for line in value.split("\n"):
        out = join_lines(out, line.strip())
    return out


def _norm(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip().lower()


class Assembler:
    def __init__(self, extracted: Extracted, ident: str) -> None:
        self.ex = extracted
        self.ident = ident
        self.d = Draft({})
        self.parties: list[dict[str, Any]] = []
        self._decisions = 0

    # -- parties -----------------------------------------------------------
    def party_id(self, name: str) -> str:
        key = _norm(name)
        for p in self.parties:
            if _norm(p["namn"]) == key:
                return str(p["id"])
        for p in self.parties:  # "Malmö stad" for "staden", or a party named inside the text
            if _norm(p["namn"]) in key or key in _norm(p["namn"]):
                return str(p["id"])
        return slugify(name)

    def add_party(self, name: str, orgnr: str = "", typ: str = "", rep: str = "") -> None:
        name = name.strip().rstrip(",")
        if not name:
            return
        for p in self.parties:
            if _norm(p["namn"]) == _norm(name):
                p["organisationsnummer"] = p.get("organisationsnummer") or orgnr
                p["typ"] = p.get("typ") or typ
                p["företräds_av"] = p.get("företräds_av") or rep
                return
        ident = slugify(name)
        taken = {p["id"] for p in self.parties}
        base, n = ident, 2
        while ident in taken:
            ident, n = f"{base}-{n}", n + 1
        self.parties.append(
            {"id": ident, "namn": name, "typ": typ, "organisationsnummer": orgnr, "företräds_av": rep}
        )

    def scan_parties(self) -> None:
        for b in self.ex.blocks:
            if b.kind != "table" or not b.rows:
                continue
            head = [_norm(c) for c in b.rows[0]]
            if "part" in head[:1] and any("organisationsnummer" in h for h in head):
                cols = {h: i for i, h in enumerate(head)}
                for row in b.rows[1:]:

                    def get(*names: str, row: list[str] = row, cols: dict[str, int] = cols) -> str:
                        return next((row[cols[n]] for n in names if n in cols and cols[n] < len(row)), "")

                    typ = _norm(get("typ av part", "typ"))
                    self.add_party(
                        get("part"),
                        V.orgnr(get("organisationsnummer")),
                        "offentlig"
                        if typ.startswith("offentlig")
                        else "idéburen"
                        if typ.startswith("idébur")
                        else "",
                        get("företräds av"),
                    )
            elif _norm(b.rows[0][0]) == "mellan":
                for row in b.rows:
                    if _norm(row[0]) in ("mellan", "och", "") and len(row) > 1 and row[1]:
                        if _norm(row[0]) == "" and not self.parties:
                            continue
                        lines = (
                            row[1].split("\n") if "\n" in row[1] else re.split(r"\s+(?=org\.?\s?nr)", row[1])
                        )
                        if (
                            _norm(row[0]) == ""
                            and V.orgnr(row[1])
                            and self.parties
                            and not self.parties[-1]["organisationsnummer"]
                        ):
                            self.parties[-1]["organisationsnummer"] = V.orgnr(row[1])
                            continue
                        if _norm(row[0]) == "":
                            continue
                        self.add_party(lines[0], V.orgnr(row[1]))
        if not self.parties:
            self.parties_from_text()
        for i, p in enumerate(self.parties):
            if not p["typ"]:
                public = re.search(r"\b(kommun|stad|region|landsting|nämnd)\b", p["namn"], re.I)
                p["typ"] = "offentlig" if public else "idéburen"
                self.d.guesses[("parter", i, "typ")] = "typ av part gissad av namnet"

    def parties_from_text(self) -> None:
        """``mellan X (org.nr …) och Y (org.nr …)`` in the first paragraphs."""
        for b in self.ex.blocks[:12]:
            if b.kind != "para":
                continue
            m = re.search(r"\bmellan\s+(.+?)\s+och\s+(.+?)(?:\s+om\b|[.]\s|$)", b.text, re.I)
            if not m:
                continue
            for chunk in (m.group(1), m.group(2)):
                name = re.split(r"[,(]|\borg", chunk)[0]
                self.add_party(name, V.orgnr(chunk))
            for i in range(len(self.parties)):
                self.d.guesses[("parter", i, "namn")] = "parten hittad i löptexten"
            return

    # -- sections ----------------------------------------------------------
    def sections(self) -> tuple[list[Block], list[Section]]:
        """Split blocks at headings; deeper headings under an unplaced heading become its subsections."""
        names = [p["namn"] for p in self.parties]
        front: list[Block] = []
        out: list[Section] = []
        current: Section | None = None  # the top section headings nest under
        sink: list[Block] = front  # where the next text goes
        top_level = min((b.level for b in self.ex.blocks if b.kind == "heading" and b.level > 0), default=1)
        for b in self.ex.blocks:
            if b.kind != "heading":
                sink.append(b)
                continue
            level = b.level - top_level + 1 if b.level > 0 else 0
            number, _ = heading_number(b.text)
            if number and level <= 0:
                level = number.count(".") + 1
            here = current.path if current and current.path else ()
            if current is not None and current.path == GROUPS and level > current.level:
                child = Section(b.text, None, level=level)  # one further group, by its own name
                current.children.append(child)
                sink = child.blocks
                continue
            m = match(b.text, here, names, level)
            if (
                m is None
                and level == 0
                and ((current is not None and current.path == ("underskrifter",)) or len(b.text.split()) > 8)
            ):
                sink.append(Block("para", b.text))  # bold text, not a heading
                continue
            nested = current is not None and current.path is None and level > current.level
            if nested and (m is None or len(m.path) > 1) and current is not None:
                child = Section(b.text, None, level=level)
                current.children.append(child)
                sink = child.blocks
                continue
            sec = Section(
                b.text,
                None if m is None else m.path,
                party="" if m is None else m.party,
                guess=False if m is None else m.guess,
                level=max(level, 1),
            )
            out.append(sec)
            current = sec
            sink = sec.blocks
        return front, out

    # -- build -------------------------------------------------------------
    def build(self) -> Draft:
        self.scan_parties()
        front, sections = self.sections()
        d = self.d.data
        d["schemaversion"] = 1
        d["id"] = self.ident
        d["titel"] = self.ex.title or ""
        d["version"] = 1
        d["status"] = "utkast"
        self.cover(front)
        if not d["titel"]:
            first = next((b.text for b in front if b.kind in ("para", "heading") and len(b.text) < 200), "")
            if first:
                d["titel"] = first
                self.d.guesses[("titel",)] = "rubriken är första raden i dokumentet"
        d["parter"] = self.parties
        buckets: dict[tuple[str, ...], list[Section]] = {}
        further: list[dict[str, Any]] = []
        for sec in sections:
            if sec.path is None:
                further.append(self.further(sec))
                continue
            buckets.setdefault(sec.path, []).append(sec)
            if sec.guess:
                self.d.guesses[sec.path] = f"rubriken ”{sec.heading}” placerad här efter likhet"
        self.place(buckets, further)
        if further:
            d[FURTHER_KEY] = further
            self.d.unplaced = [str(f["rubrik"]) for f in further]
        return self.d

    def further(self, sec: Section) -> dict[str, Any]:
        _, title = heading_number(sec.heading)
        item: dict[str, Any] = {"rubrik": title}
        if text_of(sec.blocks):
            item["text"] = text_of(sec.blocks)
        if sec.children:
            item["underavsnitt"] = [self.further(c) for c in sec.children]
        return item

    def cover(self, front: list[Block]) -> None:
        d = self.d.data
        for b in front:
            if b.kind == "table":
                decisions: list[str] = []
                last = ""
                for row in b.rows:
                    if len(row) < 2:
                        continue
                    label = _norm(row[0]) or last
                    last = label
                    value = row[1].strip()
                    if label == "diarienummer":
                        d["diarienummer"] = value
                    elif label == "version" and value.isdigit():
                        d["version"] = int(value)
                    elif label == "beslut" and value:
                        decisions.append(value)
                found = _DECISION.findall(" \n".join(decisions))
                if found:
                    d["beslut"] = [self.decision(", ".join(x for x in f if x)) for f in found]
            elif b.kind == "para":
                m = re.match(r"^Version (\d+) · ([a-z0-9][a-z0-9-]*)$", b.text)
                if m:
                    d["id"] = m.group(2)
                m = re.search(r"\b(?:Diarienummer|Dnr)\.?:?\s+(\S+)", b.text, re.I)
                if m and "diarienummer" not in d:
                    d["diarienummer"] = m.group(1)

    def decision_party(self, organ: str) -> str:
        """The party whose decision-making body ``organ`` is: by a word of its name, else the
        first public party for a nämnd, styrelse or fullmäktige of a municipality or region."""
        low = organ.lower()
        best, hits = "", 0
        for p in self.parties:
            words = [w.lower() for w in re.findall(r"[^\W\d_]{4,}", str(p["namn"])) if w[0].isupper()]
            found = sum(len(w) for w in words if w in low)
            if found > hits:
                best, hits = str(p["id"]), found
        if best:
            return best
        if re.search(r"nämnd|fullmäktige|kommunstyrelse|regionstyrelse", low):
            public = [p for p in self.parties if p["typ"] == "offentlig"]
            if public:
                return str(public[0]["id"])
        return ""

    def decision(self, value: str) -> dict[str, Any]:
        found = V.dates(value)
        organ = value.split(",")[0].strip()
        para = re.search(r"§\s*\d+", value)
        out: dict[str, Any] = {"organ": organ}
        part = self.decision_party(organ)
        if part:
            out = {"part": part, "organ": organ}
            self.d.guesses[("beslut", len(self.d.data.get("beslut") or []) + self._decisions, "part")] = (
                "parten gissad ur organets namn"
            )
            self._decisions += 1
        if found:
            out["datum"] = found[0][1]
        if para:
            out["paragraf"] = para.group(0)
        return out

    def place(self, buckets: dict[tuple[str, ...], list[Section]], further: list[dict[str, Any]]) -> None:
        d = self.d.data

        def get(*p: str) -> list[Block]:
            return [b for s in buckets.get(tuple(p), []) for b in s.blocks]

        for path in sorted(TEXT_KEYS, key=len):
            value = text_of(get(*path))
            if value:
                _set(d, path, value)
        # mål
        goal_blocks = get("mål")
        lists = [b for b in get("mål", "delmål") if b.kind == "list"]
        if lists:
            _set(d, ("mål", "delmål"), [_flat(i) for b in lists for i in b.items])
        elif any(b.kind == "list" for b in goal_blocks):
            _set(d, ("mål", "delmål"), [_flat(i) for b in goal_blocks if b.kind == "list" for i in b.items])
            self.d.guesses[("mål", "delmål")] = "punktlistan under Mål tolkad som delmål"
            goal_blocks = [b for b in goal_blocks if b.kind != "list"]
        if goal_blocks and not d.get("mål", {}).get("övergripande"):
            _set(d, ("mål", "övergripande"), text_of(goal_blocks))
            self.d.guesses[("mål", "övergripande")] = "texten under Mål tolkad som övergripande mål"
        self.insatser(buckets)
        self.styrgrupp(get("styrgrupp") + get("styrgrupp", "ledamöter"))
        self.grupper(buckets.get(GROUPS, []))
        self.ekonomi(get("ekonomi"))
        self.tidsram(get("tidsram"), get("tidsram", "förlängning"))
        self.uppfoljning(get("uppföljning"))
        self.omforhandling(get("omförhandling"))
        self.underskrifter(get("underskrifter"))
        self.bilagor(get("bilagor"))
        self.andringar(get("ändringar"))
        self.parter_text(get("parter"), further)
        self.contacts(get("parter", "kontaktperson"))

    def parter_text(self, blocks: list[Block], further: list[dict[str, Any]]) -> None:
        rest = [b for b in blocks if b.kind != "table"]
        had_table = len(rest) < len(blocks)
        if not self.parties:
            for b in rest:
                for line in b.text.split("\n") if b.kind == "para" else b.items:
                    name = re.split(r"[,(]|\borg", line)[0].strip()
                    if name:
                        self.add_party(name, V.orgnr(line))
                        self.d.guesses[("parter", len(self.parties) - 1, "namn")] = "parten läst ur texten"
            self.d.data["parter"] = self.parties
        elif rest and had_table:
            further.append({"rubrik": "Parter", "text": text_of(rest)})

    def contacts(self, blocks: list[Block]) -> None:
        """``- Part: Namn (funktion, e-post, telefon)`` lines under Kontaktperson."""
        for b in blocks:
            for line in b.items if b.kind == "list" else [b.text] if b.kind == "para" else []:
                m = re.match(r"^(.+?):\s*(.+?)(?:\s*\((.*)\))?$", _flat(line))
                if not m:
                    continue
                party = next((p for p in self.parties if p["id"] == self.party_id(m.group(1))), None)
                if party is None:
                    continue
                contact: dict[str, Any] = {"namn": m.group(2).strip()}
                details = [d.strip() for d in (m.group(3) or "").split(",") if d.strip()]
                if details and re.fullmatch(r"[+\d][\d \-]{5,}", details[-1]):
                    contact["telefon"] = details.pop()
                if details and "@" in details[-1]:
                    contact["e-post"] = details.pop()
                if details:
                    contact["funktion"] = ", ".join(details)
                party["kontaktperson"] = {
                    k: contact[k] for k in ("namn", "funktion", "e-post", "telefon") if k in contact
                }

    def insatser(self, buckets: dict[tuple[str, ...], list[Section]]) -> None:
        items: list[dict[str, Any]] = []
        for sec in buckets.get(("insatser",), []):
            if sec.party:
                items.append(self.commitment(self.party_id(sec.party), sec.blocks))
            elif sec.blocks and text_of(sec.blocks):
                part = self.mentioned_party(text_of(sec.blocks))
                items.append(self.commitment(part, sec.blocks))
                self.d.guesses[("insatser", len(items) - 1, "part")] = "parten gissad ur texten"
        if items:
            self.d.data["insatser"] = items

    def mentioned_party(self, value: str) -> str:
        low = value.lower()
        best = min(
            ((low.find(_norm(p["namn"])), p["id"]) for p in self.parties if _norm(p["namn"]) in low),
            default=None,
        )
        if best:
            return str(best[1])
        ideell = [p for p in self.parties if p["typ"] == "idéburen"]
        return str((ideell or self.parties or [{"id": ""}])[0]["id"])

    def commitment(self, part: str, blocks: list[Block]) -> dict[str, Any]:
        main: list[Block] = []
        excluded = ""
        for b in blocks:
            if b.kind == "para" and re.match(r"^Ingår inte\s*:", b.text):
                excluded = b.text.split(":", 1)[1].strip()
            else:
                main.append(b)
        item: dict[str, Any] = {"part": part, "beskrivning": text_of(main)}
        if excluded:
            item["ingår_inte"] = excluded
        return item

    def styrgrupp(self, blocks: list[Block]) -> None:
        out: dict[str, Any] = dict(self.d.data.get("styrgrupp") or {})
        rest: list[Block] = []
        for b in blocks:
            members = self.members(b)
            if members is not None:
                out["ledamöter"] = members
                continue
            meeting = (
                shapes.meeting_sentence(b.text, "Styrgruppen", self.party_names())
                if b.kind == "para"
                else None
            )
            if meeting is not None:
                self.meeting_into(out, meeting)
                if meeting.rest:
                    rest.append(Block("para", meeting.rest))
                continue
            if b.kind == "para":
                m = re.search(
                    r"sammanträder\s+(\w+)\s+gånger?\s+per\s+år|(\w+)\s+(?:möten|gånger)\s+per\s+år", b.text
                )
                s = re.search(r"Sammankallande(?: är)?:?\s+(.+?),\s+(.+?)\.?$", b.text)
                if m or s:
                    if m:
                        n = V.count(m.group(1) or m.group(2))
                        if n is not None:
                            out["möten_per_år"] = n
                    if s:
                        out["sammankallande"] = {"part": self.party_id(s.group(2)), "funktion": s.group(1)}
                    if re.fullmatch(
                        r"Styrgruppen sammanträder \w+ gånger? per år\.(?: Sammankallande: .+)?", b.text
                    ):
                        continue
            rest.append(b)
        if rest and not out.get("mandat"):
            out["mandat"] = text_of(rest)
            self.d.guesses[("styrgrupp", "mandat")] = "texten om styrgruppen tolkad som dess mandat"
        if out:
            self.d.data["styrgrupp"] = {
                k: out[k] for k in ("ledamöter", "möten_per_år", "sammankallande", "mandat") if k in out
            }

    def party_names(self) -> list[str]:
        return [str(p["namn"]) for p in self.parties]

    def members(self, b: Block) -> list[dict[str, Any]] | None:
        """A ``Part | Funktion`` table of members; a PDF may lose the header row, so a
        two-column table whose first cells are all party names counts too."""
        if b.kind != "table" or not b.rows or len(b.rows[0]) < 2:
            return None
        names = {_norm(n) for n in self.party_names()}
        if _norm(b.rows[0][0]) == "part":
            rows = b.rows[1:]
        elif len(b.rows[0]) == 2 and all(r and _norm(r[0]) in names for r in b.rows):
            rows = b.rows
        else:
            return None
        return [{"part": self.party_id(r[0]), "funktion": r[1]} for r in rows if len(r) >= 2 and r[0]]

    def meeting_into(self, out: dict[str, Any], meeting: shapes.Meeting) -> None:
        if meeting.frequency is not None:
            out["möten_per_år"] = meeting.frequency
        if meeting.convener is not None:
            function, party = meeting.convener
            out["sammankallande"] = {"part": self.party_id(party), "funktion": function}

    def grupper(self, sections: list[Section]) -> None:
        """Each further group under its own heading: level, members, meetings, mandate."""
        groups: list[dict[str, Any]] = []
        for sec in sections:
            for child in sec.children:
                _, name = heading_number(child.heading)
                group: dict[str, Any] = {"namn": name}
                found: dict[str, Any] = {}
                text: list[Block] = []
                for b in child.blocks:
                    level = re.fullmatch(r"Nivå: (.+)", b.text) if b.kind == "para" else None
                    meeting = (
                        shapes.meeting_sentence(b.text, "Gruppen", self.party_names())
                        if b.kind == "para"
                        else None
                    )
                    if level:
                        found["nivå"] = level.group(1)
                    elif self.members(b) is not None:
                        found["ledamöter"] = self.members(b)
                    elif meeting is not None:
                        self.meeting_into(found, meeting)
                        if meeting.rest:
                            text.append(Block("para", meeting.rest))
                    else:
                        text.append(b)
                if text_of(text):
                    found["mandat"] = text_of(text)
                for key in ("nivå", "mandat", "ledamöter", "möten_per_år", "sammankallande"):
                    if key in found:
                        group[key] = found[key]
                groups.append(group)
        if groups:
            self.d.data["grupper"] = groups

    def ekonomi(self, blocks: list[Block]) -> None:
        out: dict[str, Any] = dict(self.d.data.get("ekonomi") or {})
        d_eko: dict[str, Any] = {"valuta": "SEK"}
        rest: list[Block] = []
        resources: list[dict[str, Any]] = []
        for b in blocks:
            if b.kind == "table" and b.rows:
                head = [_norm(c) for c in b.rows[0]]
                if head[:1] == ["part"] and "slag" in head:
                    cols = {h: i for i, h in enumerate(head)}
                    amount_col = next(
                        (i for i, h in enumerate(head) if "år" in h or "belopp" in h), len(head) - 1
                    )
                    for r in b.rows[1:]:
                        if not r or not r[0]:
                            continue
                        kind = _norm(r[cols["slag"]]) if cols["slag"] < len(r) else ""
                        shared = shapes.shared_parties(r[0], self.party_names())
                        res: dict[str, Any] = (
                            {"parter": [self.party_id(n) for n in shared]}
                            if shared
                            else {"part": self.party_id(r[0])}
                        )
                        res["slag"] = KIND_WORDS.get(kind, kind)
                        cell = r[amount_col] if amount_col < len(r) else ""
                        described = r[cols["beskrivning"]] if cols.get("beskrivning", len(r)) < len(r) else ""
                        basis = shapes.formula(described)
                        by_year = shapes.schedule(basis[1] if basis else described)
                        value = V.amount_shape(cell)
                        if "ej värderad" in cell.lower():
                            res["värderad"] = False
                        elif basis is not None:
                            res["belopp_per_år"] = _with_formula(basis[0], value)
                            described = basis[1]
                        elif value is not None or by_year is None:
                            res["belopp_per_år"] = value if value is not None else 0
                        if by_year is not None:
                            res["per_avtalsår"], described = by_year
                        if described:
                            res["beskrivning"] = described
                        resources.append(res)
                    continue
                if head[:1] == ["part"] and "totalt" in head:
                    continue  # the budget per year is computed from the resources
            if b.kind == "para" and b.text.startswith("Beloppen är beräknade"):
                m = re.search(r"Valuta: (\w+)\.", b.text)
                if m:
                    d_eko["valuta"] = m.group(1)
                continue
            rest.append(b)
        if resources:
            d_eko["resurser"] = resources
        elif rest:
            found = [(V.running_amount(b.text), b.text) for b in rest if b.kind == "para" and V.amount(b.text)]
            for value, sentence in found[:4]:
                part = self.mentioned_party(sentence)
                resources.append(
                    {"part": part, "slag": "ekonomiskt", "belopp_per_år": value, "beskrivning": sentence}
                )
                self.d.guesses[("ekonomi", "resurser", len(resources) - 1)] = (
                    "belopp och part lästa ur löptext; kontrollera att beloppet gäller per år"
                )
            if resources:
                d_eko["resurser"] = resources
        if rest:
            text = text_of(rest)
            if not out.get("utbetalning"):
                out["utbetalning"] = text
                self.d.guesses[("ekonomi", "utbetalning")] = "texten under Ekonomi placerad under utbetalning"
        d_eko.update(out)
        self.d.data["ekonomi"] = d_eko

    def tidsram(self, blocks: list[Block], ext_blocks: list[Block]) -> None:
        out: dict[str, Any] = dict(self.d.data.get("tidsram") or {})
        rest: list[Block] = []
        for b in blocks:
            if b.kind == "para":
                m = re.search(r"från och med (.+?) (?:till och med|till|t\.o\.m\.) (.+?)(?:\.|$)", b.text)
                found = V.dates(b.text)
                if m and V.first_date(m.group(1)) and V.first_date(m.group(2)):
                    out["start"] = V.first_date(m.group(1))
                    out["slut"] = V.first_date(m.group(2))
                    if re.fullmatch(r"Överenskommelsen gäller från och med .+ till och med [^.]+\.", b.text):
                        continue
                elif len(found) >= 2 and "start" not in out:
                    out["start"], out["slut"] = found[0][1], found[1][1]
                    self.d.guesses[("tidsram", "start")] = "de två första datumen i avsnittet"
            rest.append(b)
        ext: dict[str, Any] = {}
        ext_rest: list[Block] = []
        for b in ext_blocks + rest:
            m = re.search(r"förlängas med (\w+) (månader|år)", b.text) if b.kind == "para" else None
            if m:
                n = V.count(m.group(1))
                if n is not None:
                    ext["längd_månader"] = n if m.group(2) == "månader" else n * 12
                h = re.search(r"högst (\w+) gång", b.text)
                if h and V.count(h.group(1)) is not None:
                    ext["högst_antal"] = V.count(h.group(1))
                if re.fullmatch(r"Överenskommelsen kan förlängas[^.]*\.", b.text):
                    continue
            ext_rest.append(b)
        if ext_rest:
            ext["villkor"] = text_of(ext_rest)
            if any(b in rest for b in ext_rest):
                self.d.guesses[("tidsram", "förlängning", "villkor")] = (
                    "texten under Tidsram placerad som villkor för förlängning"
                )
        if ext:
            out["förlängning"] = ext
        if out:
            self.d.data["tidsram"] = {k: out[k] for k in ("start", "slut", "förlängning") if k in out}

    def uppfoljning(self, blocks: list[Block]) -> None:
        out: dict[str, Any] = dict(self.d.data.get("uppföljning") or {})
        rest: list[Block] = []
        for b in blocks:
            stated = shapes.follow_up_sentence(b.text) if b.kind == "para" else None
            if stated is not None and stated[0] is not None:
                out["gånger_per_år"] = stated[0]
                if stated[1]:
                    rest.append(Block("para", stated[1]))
                continue
            if b.kind == "para":
                m = re.search(r"(\w+) gånger? per år", b.text)
                if m and V.count(m.group(1)) is not None:
                    out["gånger_per_år"] = V.count(m.group(1))
                    if re.fullmatch(
                        r"Parterna följer gemensamt upp partnerskapet \w+ gånger? per år\.", b.text
                    ):
                        continue
                elif (
                    re.search(r"\b(årligen|en gång per år|varje år)\b", b.text) and "gånger_per_år" not in out
                ):
                    out["gånger_per_år"] = 1
                    self.d.guesses[("uppföljning", "gånger_per_år")] = "läst ur texten"
            rest.append(b)
        if rest and not out.get("former"):
            out["former"] = text_of(rest)
            self.d.guesses[("uppföljning", "former")] = "texten under Uppföljning placerad under former"
        if out:
            self.d.data["uppföljning"] = {
                k: out[k] for k in ("gånger_per_år", "former", "kunskapsinhämtning") if k in out
            }

    def omforhandling(self, blocks: list[Block]) -> None:
        out: dict[str, Any] = dict(self.d.data.get("omförhandling") or {})
        for b in blocks:
            text = text_of([b])
            low = text.lower()
            key = (
                "uppsägning" if re.search(r"säga upp|uppsägning", low)
                else "hävning" if re.search(r"häva|hävning", low)
                else "tvist" if "tvist" in low
                else "omförhandling"
            )  # fmt: skip
            out[key] = f"{out[key]}\n\n{text}" if out.get(key) else text
            self.d.guesses[("omförhandling", key)] = "stycket placerat efter nyckelord"
        if out:
            self.d.data["omförhandling"] = {
                k: out[k] for k in ("omförhandling", "uppsägning", "hävning", "tvist") if k in out
            }

    def underskrifter(self, blocks: list[Block]) -> None:
        texts: list[str] = []
        for b in blocks:
            if b.kind == "table":
                width = max(len(r) for r in b.rows)
                if all(len(r) >= 2 and _SIGN_LINES.match(r[0] or "_") for r in b.rows):
                    continue  # signature lines
                for col in range(width):
                    texts.extend(r[col] for r in b.rows if col < len(r) and r[col])
            elif b.kind == "para":
                texts.append(b.text)
        signers: list[dict[str, Any]] = []
        for value in texts:
            m = _FOR.match(value)
            if m:
                name, rest = m.group(1), ""
                for p in sorted(self.parties, key=lambda p: -len(str(p["namn"]))):
                    pname = str(p["namn"])
                    if name == pname:
                        break
                    if name.startswith(pname + " "):
                        name, rest = pname, name[len(pname) :].strip()
                        break
                signers.append({"part": self.party_id(name), "funktion": rest})
            elif signers and not _SIGN_LINES.match(value) and "namn" not in signers[-1]:
                if signers[-1]["funktion"]:
                    signers[-1]["namn"] = value.replace("\n", " ")
                else:
                    signers[-1]["funktion"] = value.replace("\n", " ")
        if signers:
            self.d.data["underskrifter"] = signers

    def bilagor(self, blocks: list[Block]) -> None:
        items: list[dict[str, Any]] = []
        for b in blocks:
            lines = b.items if b.kind == "list" else [b.text] if b.kind == "para" else []
            for line in lines:
                first, _, rest = line.partition("\n")
                title = re.sub(r"^Bilaga\s+\d+\s*[:.–-]\s*", "", first).strip()
                item: dict[str, Any] = {"titel": title}
                if rest.strip():
                    item["beskrivning"] = _flat(rest)
                items.append(item)
        if items:
            self.d.data["bilagor"] = items

    def andringar(self, blocks: list[Block]) -> None:
        rows: list[dict[str, Any]] = []
        for b in blocks:
            if b.kind == "table" and b.rows and _norm(b.rows[0][0]) == "version":
                for r in b.rows[1:]:
                    if not r or not r[0].strip().isdigit():
                        continue
                    row: dict[str, Any] = {"version": int(r[0])}
                    if len(r) > 1 and V.first_date(r[1]):
                        row["datum"] = V.first_date(r[1])
                    if len(r) > 2 and r[2]:
                        row["beslut"] = r[2]
                    if len(r) > 3 and r[3]:
                        row["sammanfattning"] = r[3]
                    rows.append(row)
        if rows:
            self.d.data["ändringar"] = rows
            self.d.data["version"] = max(int(r["version"]) for r in rows)


def _with_formula(basis: dict[str, Any], shown: int | dict[str, int] | None) -> dict[str, Any]:
    """A formula amount; ``cirka``, ``lägst`` and ``högst`` only where the copy shows more than
    the formula's own value (the renderer shows a formula alone as ``cirka`` its value)."""
    from iop.money import formula_value

    out: dict[str, Any] = {}
    if isinstance(shown, dict):
        if "cirka" in shown and shown["cirka"] != formula_value(basis):
            out["cirka"] = shown["cirka"]
        out.update({k: shown[k] for k in ("lägst", "högst") if k in shown})
    out["formel"] = basis
    return out


def _set(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = data
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value


def assemble(extracted: Extracted, ident: str, today: dt.date | None = None) -> Draft:
    """The draft for ``extracted``; missing required parts are listed, never invented."""
    draft = Assembler(extracted, ident).build()
    data = draft.data
    if "ändringar" not in data:
        data["ändringar"] = [
            {
                "version": data.get("version", 1),
                "datum": today or dt.date.today(),
                "sammanfattning": "Importerad från ett befintligt dokument.",
            }
        ]
        draft.guesses[("ändringar",)] = "ny rad för importen; ange beslut och datum"
    return draft
