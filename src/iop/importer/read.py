"""Pick the reader for a file and refuse what cannot be read safely (size, encryption, damage)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from iop.importer.blocks import Extracted
from iop.importer.errors import ImportFailure

MAX_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED = 200 * 1024 * 1024
SUFFIXES = (".docx", ".odt", ".pdf", ".md", ".markdown", ".txt", ".text")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ImportFailure(
            f"Filen är {size / 1048576:.0f} MB; iop import läser filer upp till {MAX_BYTES // 1048576} MB. "
            "Spara avtalstexten utan inbäddade bilder och försök igen.",
            f"The file is {size / 1048576:.0f} MB; iop import reads files up to {MAX_BYTES // 1048576} MB. "
            "Save the agreement text without embedded images and try again.",
        )


def check_zip(path: Path, kind: str, member: str) -> None:
    """A DOCX/ODT must be an unencrypted, undamaged zip of reasonable unpacked size."""
    head = path.read_bytes()[:8]
    if head == _OLE:
        raise ImportFailure(
            f"{kind}-filen är lösenordsskyddad (krypterad) eller i det gamla .doc-formatet. "
            "Ta bort lösenordet, eller spara som .docx, och försök igen.",
            f"The {kind} file is password-protected (encrypted) or in the old .doc format. "
            "Remove the password, or save as .docx, and try again.",
        )
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            total = sum(i.file_size for i in z.infolist())
            bad = z.testzip()
    except (zipfile.BadZipFile, OSError, ValueError):
        bad, names, total = "?", [], 0
    if bad is not None or member not in names:
        raise ImportFailure(
            f"{kind}-filen är skadad och kan inte läsas. Öppna den i Word eller LibreOffice, spara en ny kopia och försök igen.",
            f"The {kind} file is damaged and cannot be read. Open it in Word or LibreOffice, save a new copy and try again.",
        )
    if total > MAX_UNZIPPED:
        raise ImportFailure(
            f"{kind}-filen packas upp till mer än {MAX_UNZIPPED // 1048576} MB och läses inte.",
            f"The {kind} file unpacks to more than {MAX_UNZIPPED // 1048576} MB and is not read.",
        )


def read_any(path: Path) -> Extracted:
    """The blocks of ``path`` by its suffix."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportFailure(
            f"Okänt filformat '{suffix or path.name}'; iop import läser .docx, .odt, .pdf, .md och .txt.",
            f"Unknown file format '{suffix or path.name}'; iop import reads .docx, .odt, .pdf, .md and .txt.",
        )
    check_size(path)
    if suffix == ".docx":
        check_zip(path, "DOCX", "word/document.xml")
    elif suffix == ".odt":
        check_zip(path, "ODT", "content.xml")
    if suffix == ".pdf":
        from iop.importer import pdf_reader

        return pdf_reader.read(path)
    if suffix in (".txt", ".text"):
        from iop.importer import text_reader

        return text_reader.read(path)
    from iop.importer import pandoc_reader

    return pandoc_reader.read(path)
