"""Two-language user-facing text (Swedish first, English on request)."""

from __future__ import annotations

import os
from collections.abc import Mapping

Text = Mapping[str, str]
"""A message in both languages: ``{"sv": ..., "en": ...}``."""

LANGS = ("sv", "en")


def default_lang() -> str:
    """Swedish, unless ``IOP_LANG=en`` is set."""
    return os.environ.get("IOP_LANG", "sv") if os.environ.get("IOP_LANG") in LANGS else "sv"


_current = default_lang()


def set_lang(lang: str) -> None:
    """Select the language for all user-facing output of this process."""
    global _current
    if lang not in LANGS:
        raise ValueError(lang)
    _current = lang


def current() -> str:
    """The language selected for this process."""
    return _current


def text(sv: str, en: str) -> dict[str, str]:
    """Build a two-language message."""
    return {"sv": sv, "en": en}


def tr(message: Text, lang: str | None = None, **params: object) -> str:
    """Pick ``message`` in ``lang`` (default: current) and fill in ``params``."""
    chosen = message.get(lang or _current) or message.get("sv") or next(iter(message.values()))
    return chosen.format(**params) if params else chosen


class MessageError(Exception):
    """An error whose ``message`` is shown to the user in both languages."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.get("en") or next(iter(message.values()), ""))
        self.message = dict(message)
