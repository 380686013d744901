"""The Pandoc AST built from an agreement: order, wrappers, text handling."""

from __future__ import annotations

import json
from typing import Any

from render_helpers import CLEAN

from iop.loader import load
from iop.render import pandoc_ast as A
from iop.render.document import build, field_name, schema_info, swedish_date
from iop.render.pdf import field_names


def headers(ast: dict[str, Any]) -> list[tuple[int, str]]:
    out = []
    for block in ast["blocks"]:
        if block["t"] == "Header":
            level, _attr, inlines = block["c"]
            out.append((level, "".join(i.get("c", " ") if i["t"] == "Str" else " " for i in inlines)))
    return out


def test_sections_follow_schema_order_and_titles() -> None:
    ast, ids = build(load(CLEAN).data, "docx")
    top = [title for level, title in headers(ast) if level == 1]
    info = schema_info()
    assert top[0] == info.title("parter") == "Parter"
    assert top[-2:] == ["Ändringar och tillägg", "Underskrifter"]
    assert top.index("Syfte") < top.index("Ekonomi och samfinansiering") < top.index("Tidsram")
    assert ids == ["kommunen", "foreningen"]


def test_insatser_grouped_per_party_in_party_order() -> None:
    ast, _ = build(load(CLEAN).data, "docx")
    second = [title for level, title in headers(ast) if level == 2]
    assert second.index("Teststads kommun åtar sig") < second.index("Föreningen Läxhjälp i Teststad åtar sig")


def test_only_own_raw_blocks_and_only_for_typst() -> None:
    data = load(CLEAN).data
    for target in ("html", "docx"):
        assert '"RawBlock"' not in json.dumps(build(data, target)[0])  # type: ignore[arg-type]
    raws = [b["c"] for b in build(data, "typst")[0]["blocks"] if b["t"] == "RawBlock"]
    assert all(fmt == "typst" and (code == "]" or code.startswith("#iop-")) for fmt, code in raws)


def test_text_becomes_words_paragraphs_and_lists() -> None:
    blocks = A.text_blocks("Första raden\nandra `x`{=html}\n\n- punkt ett\n  fortsätter\n- punkt två\nslut")
    assert [b["t"] for b in blocks] == ["Para", "BulletList", "Para"]
    words = [i["c"] for i in blocks[0]["c"] if i["t"] == "Str"]
    assert words == ["Första", "raden", "andra", "`x`{=html}"]
    assert len(blocks[1]["c"]) == 2


def test_swedish_dates_and_field_names() -> None:
    assert swedish_date("2025-03-12") == "12 mars 2025"
    assert swedish_date("inte ett datum") == "inte ett datum"
    assert field_name("kommunen", 0) == "kommunen"
    assert field_name('x"); #panic(', 3) == "x-panic"
    assert field_name("…", 1) == "underskrift-2"
    assert field_names(["kommunen", "boj", "kommunen"]) == ["kommunen", "boj", "kommunen-2"]
