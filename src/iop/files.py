"""Read input files safely: regular files only, never more than a size limit.

A FIFO, a device (``/dev/zero``) or a socket given as a path would block or be
read until memory runs out; :func:`read_regular` refuses them by ``stat`` before
opening, and reads at most ``limit`` bytes of a file that grows while it is read.
Errors are :class:`OSError` with a ``strerror`` in the current language, so
every caller's existing "cannot read" message names the file and the reason.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from iop.i18n import tr

AGREEMENT_LIMIT = 256 * 1024
"""An agreement YAML file (``iop.loader.MAX_BYTES``)."""
PDF_LIMIT = 200 * 1024 * 1024
"""A signed agreement is a few hundred kB; scanned appendices stay far below this."""
SMALL_LIMIT = 1024 * 1024
"""Certificates, keys and password files."""

_KINDS = {
    stat.S_IFIFO: ("en namngiven rörledning (FIFO)", "a named pipe (FIFO)"),
    stat.S_IFCHR: ("en teckenenhet (t.ex. /dev/zero)", "a character device (such as /dev/zero)"),
    stat.S_IFBLK: ("en blockenhet (en disk)", "a block device (a disk)"),
    stat.S_IFSOCK: ("en socket", "a socket"),
    stat.S_IFDIR: ("en mapp", "a folder"),
}


class NotRegularFile(OSError):
    """The path is a FIFO, device, socket or folder, not a regular file."""


class TooLarge(OSError):
    """The file is larger than the limit for its kind."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            errno.EFBIG,
            tr(
                {
                    "sv": f"filen är för stor ({size} byte; högst {limit} byte)",
                    "en": f"the file is too large ({size} bytes; at most {limit})",
                }
            ),
        )
        self.size, self.limit = size, limit


def check_regular(path: Path) -> os.stat_result:
    """``stat`` of ``path`` if it is a regular file (symlinks followed); else :class:`NotRegularFile`."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        sv, en = _KINDS.get(stat.S_IFMT(st.st_mode), ("ingen vanlig fil", "not a regular file"))
        raise NotRegularFile(
            errno.EINVAL,
            tr(
                {
                    "sv": f"det är {sv}, inte en vanlig fil; ange en fil",
                    "en": f"it is {en}, not a regular file; give a file",
                }
            ),
            str(path),
        )
    return st


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``; :class:`NotRegularFile` or :class:`TooLarge` otherwise."""
    st = check_regular(path)
    if st.st_size > limit:
        raise TooLarge(st.st_size, limit)
    # O_NONBLOCK: should the path be swapped for a FIFO after the check, open does not wait
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise NotRegularFile(errno.EINVAL, tr({"sv": "inte en vanlig fil", "en": "not a regular file"}))
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(len(data), limit)
    return data
