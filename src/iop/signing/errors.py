"""The one error type of the signing package: a two-language message for the user."""

from __future__ import annotations

from iop.i18n import Text, text, tr


class SigningError(Exception):
    """A refusal or failure the user can act on (wrong passphrase, signed field, ...)."""

    def __init__(self, sv: str, en: str) -> None:
        self.message: Text = text(sv, en)
        super().__init__(en)

    def __str__(self) -> str:
        return tr(self.message)
