"""Agreement text becomes plain inlines; numbers and amounts stay on one line."""

from __future__ import annotations

from iop.render.pandoc_ast import text_inlines

NBSP = "\u00a0"


def _words(text: str) -> list[str]:
    return [node["c"] for node in text_inlines(text) if node["t"] == "Str"]


def test_thousands_groups_and_units_are_kept_together() -> None:
    words = _words("omkring 1 600 timmar, 1 194 500 kr och 25 % av budgeten")
    assert f"1{NBSP}600" in words
    assert f"1{NBSP}194{NBSP}500{NBSP}kr" in words
    assert f"25{NBSP}%" in words


def test_ordinary_words_and_short_numbers_still_break() -> None:
    assert _words("år 2025 12 deltagare") == ["år", "2025", "12", "deltagare"]
    assert _words("krav kronologi") == ["krav", "kronologi"]


def test_only_text_nodes_are_produced() -> None:
    kinds = {node["t"] for node in text_inlines("<b>fet</b> #set page(fill: red)\n`x`{=html}")}
    assert kinds <= {"Str", "Space", "SoftBreak"}
