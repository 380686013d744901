"""Read a Word review of an ``iop render --to docx`` copy: field text by bookmark, tracked
changes (both pending and already accepted) and comments with the field they anchor to."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from iop.importer.errors import ImportFailure

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_Q = "{" + W + "}"
INSERTED = {_Q + "ins", _Q + "moveTo"}
DELETED = {_Q + "del", _Q + "moveFrom"}


@dataclass
class Paragraph:
    accepted: str = ""  # insertions in, deletions out: the text after "accept all"
    original: str = ""  # insertions out, deletions in: the text before the review
    listed: bool = False


@dataclass
class FieldText:
    """The text Word holds for one bookmarked field."""

    name: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    tracked: bool = False
    authors: set[str] = field(default_factory=set)

    def text(self, which: str = "accepted") -> str:
        paras = [getattr(p, which).strip() for p in self.paragraphs]
        return "\n\n".join(p for p in paras if p)


@dataclass
class Comment:
    ident: str
    author: str
    text: str
    field: str | None  # the bookmark the comment starts in
    near: str  # the heading above it


@dataclass
class Review:
    fields: dict[str, FieldText]
    comments: list[Comment]
    subject: str


def _parse(data: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise ImportFailure(
            "DOCX-filen är skadad (ogiltig XML) och kan inte läsas.",
            "The DOCX file is damaged (invalid XML) and cannot be read.",
        ) from None


def _comments(z: zipfile.ZipFile) -> dict[str, tuple[str, str]]:
    if "word/comments.xml" not in z.namelist():
        return {}
    root = _parse(z.read("word/comments.xml"))
    out: dict[str, tuple[str, str]] = {}
    for c in root.iter(_Q + "comment"):
        paras = ["".join(t.text or "" for t in p.iter(_Q + "t")) for p in c.iter(_Q + "p")]
        out[str(c.get(_Q + "id"))] = (str(c.get(_Q + "author") or ""), "\n".join(p for p in paras if p))
    return out


def read_review(path: Path) -> Review:
    """Every ``iop…`` bookmark's text and every comment of a reviewed DOCX."""
    from iop.importer.read import check_size, check_zip

    check_size(path)
    check_zip(path, "DOCX", "word/document.xml")
    with zipfile.ZipFile(path) as z:
        root = _parse(z.read("word/document.xml"))
        notes = _comments(z)
        subject = ""
        if "docProps/core.xml" in z.namelist():
            core = _parse(z.read("docProps/core.xml"))
            subject = next((e.text or "" for e in core.iter() if str(e.tag).endswith("}subject")), "")
    body = root.find(_Q + "body")
    if body is None:
        raise ImportFailure("DOCX-filen saknar dokumenttext.", "The DOCX file has no document body.")
    fields: dict[str, FieldText] = {}
    open_ids: dict[str, str] = {}  # bookmark id -> name, in opening order
    comments: list[Comment] = []
    heading = ""
    current: dict[str, Paragraph] = {}
    listed = False

    def innermost() -> str | None:
        return next(reversed(open_ids.values()), None) if open_ids else None

    def walk(el: Any, change: str | None, author: str) -> None:
        nonlocal heading, listed
        tag = el.tag
        if tag == _Q + "bookmarkStart":
            name = str(el.get(_Q + "name") or "")
            if name.startswith("iop"):
                open_ids[str(el.get(_Q + "id"))] = name
                fields.setdefault(name, FieldText(name))
            return
        if tag == _Q + "bookmarkEnd":
            open_ids.pop(str(el.get(_Q + "id")), None)
            return
        if tag == _Q + "commentRangeStart":
            cid = str(el.get(_Q + "id"))
            who, what = notes.get(cid, ("", ""))
            comments.append(Comment(cid, who, what, innermost(), heading))
            return
        if tag in INSERTED or tag in DELETED:
            kind = "ins" if tag in INSERTED else "del"
            for child in el:
                walk(child, kind, str(el.get(_Q + "author") or ""))
            return
        if tag == _Q + "p":
            current.clear()
            ppr = el.find(_Q + "pPr")
            listed = ppr is not None and ppr.find(_Q + "numPr") is not None
            style = ppr.find(_Q + "pStyle") if ppr is not None else None
            for child in el:
                walk(child, change, author)
            text = "".join(t.text or "" for t in el.iter(_Q + "t"))
            if style is not None and str(style.get(_Q + "val") or "").startswith("Heading"):
                heading = text
            for name, para in current.items():
                para.listed = listed
                fields[name].paragraphs.append(para)
            current.clear()
            return
        if tag in (_Q + "t", _Q + "delText", _Q + "tab", _Q + "br", _Q + "noBreakHyphen"):
            inner = innermost()
            if inner is None:
                return
            name = inner
            value = (
                el.text or ""
                if tag in (_Q + "t", _Q + "delText")
                else "-"
                if tag == _Q + "noBreakHyphen"
                else " "
            )
            para = current.setdefault(name, Paragraph())
            if change != "del":
                para.accepted += value
            if change != "ins":
                para.original += value
            if change:
                fields[name].tracked = True
                if author:
                    fields[name].authors.add(author)
            return
        for child in el:
            walk(child, change, author)

    walk(body, None, "")
    for f in fields.values():
        for p in f.paragraphs:
            p.accepted = re.sub(r"[ \u00a0]+", " ", p.accepted)
            p.original = re.sub(r"[ \u00a0]+", " ", p.original)
    return Review(fields, comments, subject)
