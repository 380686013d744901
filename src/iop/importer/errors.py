"""Errors the user sees when a file cannot be imported (never a traceback)."""

from __future__ import annotations

from iop.i18n import Text, text


class ImportFailure(Exception):
    """A file that cannot be imported, with a message in both languages."""

    def __init__(self, sv: str, en: str) -> None:
        super().__init__(sv)
        self.message: Text = text(sv, en)
