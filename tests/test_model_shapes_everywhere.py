"""The new shapes (ranges, groups, frequencies, further sections) render, diff and format."""

from __future__ import annotations

import json
from pathlib import Path

from iop.loader import load
from iop.render.document import build
from iop.revision.diff import diff_agreements
from iop.revision.fmt import format_source

EXAMPLE = Path(__file__).resolve().parents[1] / "agreements" / "nykoping-harbarge.yaml"


def _words(node: object) -> str:
    """All Str words of a Pandoc AST, joined with spaces."""
    out: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if value.get("t") == "Str":
                out.append(str(value.get("c")))
            for sub in value.values():
                walk(sub)
        elif isinstance(value, list):
            for sub in value:
                walk(sub)

    walk(node)
    return " ".join(out)


def test_new_shapes_render_as_readers_write_them() -> None:
    data = load(EXAMPLE).data
    document, _ = build(data, "html")
    words = _words(document)
    for phrase in (
        "minst 2 gånger per år och vid behov",
        "Samverkansgrupp härbärge och socialtjänst",
        "2 gånger det första avtalsåret och minst en gång per år",
        "ej värderad",
        "Öppettider och lokal",
        "Brandskydd",
        "Sekretess och tystnadsplikt",
    ):
        assert " ".join(phrase.split()) in words.replace("\u00a0", " "), phrase
    assert "cirka" in words and "{'cirka'" not in json.dumps(document, ensure_ascii=False)


def test_new_shapes_diff_in_their_own_terms(tmp_path: Path) -> None:
    old = load(EXAMPLE).data
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "    möten_per_år: 6", "    möten_per_år:\n      minst: 4"
    )
    text = text.replace("        cirka: 3700000", "        cirka: 3700000\n        högst: 4000000")
    changed = tmp_path / "ny.yaml"
    changed.write_text(text, encoding="utf-8")
    result = diff_agreements(old, load(changed).data, "gammal.yaml", "ny.yaml")
    shown = " ".join(f"{c.old_shown} {c.new_shown}" for s in result.sections for c in s.changes)
    assert "6 gånger per år" in shown and "minst 4 gånger per år" in shown
    assert "4\u00a0000\u00a0000\u00a0kr" in shown


def test_new_example_is_already_formatted() -> None:
    source = EXAMPLE.read_text(encoding="utf-8")
    assert format_source(source) == source
