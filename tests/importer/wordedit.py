"""Edit a rendered DOCX as a reviewer in Word would: tracked insertions and deletions, a comment.

Works on the OOXML with lxml, the way Word writes revisions (``w:ins``/``w:del`` with
author and date, ``w:delText`` for deleted text, comments in ``word/comments.xml``).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
Q = "{" + W + "}"
AUTHOR = "Anna Granskare"
DATE = "2026-11-20T10:00:00Z"


class Doc:
    def __init__(self, path: Path) -> None:
        self.path = path
        with zipfile.ZipFile(path) as z:
            self.parts = {n: z.read(n) for n in z.namelist()}
        self.root = etree.fromstring(self.parts["word/document.xml"])
        self.next_id = 9000
        self.comments: list[tuple[str, str]] = []

    def _id(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    def texts(self, bookmark: str) -> list[Any]:
        """The ``w:t`` elements inside the bookmark, in document order."""
        inside: str | None = None
        found = []
        for el in self.root.iter():
            if el.tag == Q + "bookmarkStart" and el.get(Q + "name") == bookmark:
                inside = el.get(Q + "id")
            elif el.tag == Q + "bookmarkEnd" and inside is not None and el.get(Q + "id") == inside:
                break
            elif el.tag == Q + "t" and inside is not None:
                found.append(el)
        assert found, f"no text in bookmark {bookmark}"
        return found

    def _tracked(self, kind: str, text: str) -> Any:
        wrap = etree.Element(Q + kind, {Q + "id": self._id(), Q + "author": AUTHOR, Q + "date": DATE})
        run = etree.SubElement(wrap, Q + "r")
        t = etree.SubElement(run, Q + ("delText" if kind == "del" else "t"))
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return wrap

    def insert_after(self, bookmark: str, text: str) -> None:
        """A tracked insertion at the end of the field's last run."""
        last_run = self.texts(bookmark)[-1].getparent()
        last_run.addnext(self._tracked("ins", text))

    def delete(self, bookmark: str, text: str) -> None:
        """Delete ``text`` (which may span runs) as tracked deletions."""
        texts = self.texts(bookmark)
        joined = "".join(t.text or "" for t in texts)
        start = joined.index(text)
        end = start + len(text)
        offset = 0
        for t in texts:
            value = t.text or ""
            lo, hi = max(start, offset), min(end, offset + len(value))
            offset += len(value)
            if lo >= hi:
                continue
            base = offset - len(value)
            before, mid, after = value[: lo - base], value[lo - base : hi - base], value[hi - base :]
            run = t.getparent()
            t.text = before
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            deleted = self._tracked("del", mid)
            run.addnext(deleted)
            if after:
                tail_run = etree.Element(Q + "r")
                tail = etree.SubElement(tail_run, Q + "t")
                tail.text = after
                tail.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                deleted.addnext(tail_run)

    def replace(self, bookmark: str, new: str) -> None:
        """Replace the whole field text: a tracked deletion followed by a tracked insertion."""
        texts = self.texts(bookmark)
        old = "".join(t.text or "" for t in texts)
        first_run = texts[0].getparent()
        for t in texts:
            run = t.getparent()
            if run is not first_run:
                run.getparent().remove(run)
        deleted = self._tracked("del", old)
        first_run.addprevious(deleted)
        deleted.addnext(self._tracked("ins", new))
        first_run.getparent().remove(first_run)

    def comment(self, bookmark: str, text: str) -> None:
        cid = str(len(self.comments))
        run = self.texts(bookmark)[0].getparent()
        run.addprevious(etree.Element(Q + "commentRangeStart", {Q + "id": cid}))
        run.addnext(etree.Element(Q + "commentRangeEnd", {Q + "id": cid}))
        ref_run = etree.Element(Q + "r")
        etree.SubElement(ref_run, Q + "commentReference", {Q + "id": cid})
        run.getnext().addnext(ref_run)
        self.comments.append((cid, text))

    def save(self, target: Path) -> Path:
        parts = dict(self.parts)
        parts["word/document.xml"] = etree.tostring(
            self.root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        if self.comments:
            body = "".join(
                f'<w:comment w:id="{cid}" w:author="{AUTHOR}" w:date="{DATE}" w:initials="AG">'
                f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:comment>"
                for cid, text in self.comments
            )
            parts["word/comments.xml"] = (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W}">{body}</w:comments>'
            ).encode()
            rels = parts["word/_rels/document.xml.rels"].decode()
            rels = rels.replace(
                "</Relationships>",
                '<Relationship Id="rIdIopComments" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/comments" Target="comments.xml"/></Relationships>',
            )
            parts["word/_rels/document.xml.rels"] = rels.encode()
            types = parts["[Content_Types].xml"].decode()
            if "/word/comments.xml" not in types:
                types = types.replace(
                    "</Types>",
                    '<Override PartName="/word/comments.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>',
                )
            parts["[Content_Types].xml"] = types.encode()
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                z.writestr(name, data)
        return target
