"""An internal error in one file becomes a finding for that file, so a batch goes on.

``iop --debug`` (see :func:`set_debug`) also prints the traceback; without it the
user sees one Swedish line naming the file and what to do.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

from iop.diagnostics import Diagnostic
from iop.i18n import text

INTERNAL_ERROR = "IOP001"
_debug = False


def set_debug(enabled: bool) -> None:
    """Print tracebacks of internal errors (``iop --debug``)."""
    global _debug
    _debug = enabled


def debug_enabled() -> bool:
    return _debug


def show_traceback(exc: BaseException) -> None:
    """Print the traceback of ``exc`` to stderr when ``--debug`` is on."""
    if _debug:
        traceback.print_exception(exc, file=sys.stderr)


def internal_finding(display: str | Path, exc: BaseException) -> Diagnostic:
    """The finding reported for a file whose check stopped on a bug in iop."""
    show_traceback(exc)
    kind = type(exc).__name__
    return Diagnostic(
        str(display),
        1,
        1,
        INTERNAL_ERROR,
        "error",
        text(
            f"Ett internt fel i iop stoppade kontrollen av filen ({kind}: {exc}).",
            f"An internal error in iop stopped the check of this file ({kind}: {exc}).",
        ),
        hint=text(
            "Felet ligger i iop, inte nödvändigtvis i filen. Rapportera det tillsammans med filen; "
            "'iop --debug' visar detaljerna. De andra filerna kontrolleras som vanligt.",
            "The fault is in iop, not necessarily in the file. Please report it with the file; "
            "'iop --debug' shows the details. The other files are checked as usual.",
        ),
    )
