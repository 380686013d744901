"""Write output files whole or not at all, and say in Swedish why a write failed.

Every file iop writes goes to a temporary file in the target folder first and is
renamed over the target only when complete, so a full disk, a missing permission
or Ctrl-C never leaves a partial output or a stray temporary file behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from iop.i18n import Text, text

MAX_NAME_BYTES = 255


class OutputError(Exception):
    """A file or folder could not be written; ``message`` names it and says what to do."""

    def __init__(self, message: Text) -> None:
        super().__init__(message["en"])
        self.message = message


def describe(path: Path, exc: OSError) -> Text:
    """What went wrong writing ``path``, and what to do, in both languages."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return text(
            f"{path}: disken är full, så filen kunde inte skrivas (ingen del av den sparades). "
            "Frigör utrymme eller välj en annan mapp med --out, och försök igen.",
            f"{path}: the disk is full, so the file could not be written (no part of it was kept). "
            "Free some space or choose another folder with --out, and try again.",
        )
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return text(
            f"{path}: filen kunde inte skrivas eftersom mappen är skrivskyddad eller du saknar "
            "skrivbehörighet. Välj en annan mapp med --out eller ändra mappens behörighet.",
            f"{path}: the file could not be written because the folder is read-only or you lack "
            "write permission. Choose another folder with --out or change the folder's permissions.",
        )
    if code == errno.ENAMETOOLONG or len(path.name.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES:
        size = len(path.name.encode("utf-8", "surrogateescape"))
        return text(
            f"{path}: filnamnet är för långt ({size} byte; högst {MAX_NAME_BYTES}). "
            "Ge källfilen ett kortare namn.",
            f"{path}: the file name is too long ({size} bytes; at most {MAX_NAME_BYTES}). "
            "Give the source file a shorter name.",
        )
    if code in (errno.ENOTDIR, errno.EEXIST):
        return text(
            f"{path}: en del av sökvägen är en fil, inte en mapp. Välj en annan mapp med --out.",
            f"{path}: part of the path is a file, not a folder. Choose another folder with --out.",
        )
    if code == errno.EISDIR:
        return text(
            f"{path}: det finns redan en mapp med det namnet. Ta bort eller byt namn på mappen.",
            f"{path}: a folder with that name already exists. Remove or rename the folder.",
        )
    reason = exc.strerror or type(exc).__name__
    return text(
        f"{path}: filen kunde inte skrivas ({reason}). Kontrollera mappen och försök igen.",
        f"{path}: the file could not be written ({reason}). Check the folder and try again.",
    )


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) or raise :class:`OutputError`."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(
            text(
                f"{folder}: kan inte användas som mapp för utfilerna eftersom det är en fil. "
                "Välj en annan mapp med --out.",
                f"{folder}: cannot be used as the output folder because it is a file. "
                "Choose another folder with --out.",
            )
        ) from None
    except OSError as exc:
        raise OutputError(describe(folder, exc)) from None


def write_file(target: Path, data: bytes, *, mode: int | None = None) -> None:
    """Replace ``target`` with ``data`` atomically, or raise :class:`OutputError` leaving nothing behind.

    The temporary file has a short name of its own, so a target name near the
    limit fails on the target, never on the temporary name.
    """
    if len(target.name.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES:
        raise OutputError(describe(target, OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG))))
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".iop-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target) if mode is None else mode)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise OutputError(describe(target, exc)) from None
    finally:
        if tmp is not None:
            _remove(tmp)


def _mode_for(target: Path) -> int:
    """The existing file's mode, else what a new file gets under the current umask."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)
