"""Operating-system errors (a folder that does not exist, no permission) in both languages."""

from __future__ import annotations

import errno

from iop.i18n import Text, text

_REASONS: dict[int, Text] = {
    errno.ENOENT: text("mappen finns inte", "the folder does not exist"),
    errno.EACCES: text("behörighet saknas", "permission denied"),
    errno.EPERM: text("behörighet saknas", "permission denied"),
    errno.EROFS: text("filsystemet är skrivskyddat", "the file system is read-only"),
    errno.ENOTDIR: text(
        "en del av sökvägen är en fil, inte en mapp", "part of the path is a file, not a folder"
    ),
    errno.EISDIR: text("sökvägen är en mapp", "the path is a folder"),
    errno.ENOSPC: text("disken är full", "the disk is full"),
}


def reason(exc: OSError) -> Text:
    """Why ``exc`` happened, in words a user understands."""
    found = _REASONS.get(exc.errno or 0)
    if found:
        return found
    detail = exc.strerror or str(exc)
    return text(detail, detail)
