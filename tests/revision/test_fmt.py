"""iop fmt: canonical order, comments kept, data unchanged, idempotent, --check, atomic writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from iop.cli import cli
from iop.loader import load, loads
from iop.revision.fmt import format_source
from iop.revision.schemainfo import key_order

MESSY = """\
# yaml-language-server: $schema=../schema/iop-overenskommelse.schema.json
# Filens huvudkommentar
titel: 'Ett test'   # om titeln
id: test-avtal
schemaversion: 1

# Om parterna
parter:
-   namn: Kommunen
    id: kommunen    # kommunens id
    organisationsnummer: '2120000142'
    typ: offentlig
-   typ: idéburen
    id: foreningen
    namn: Föreningen
syfte: |
    Ett syfte
    över två rader.

    # detta är text, inte en kommentar
mål:
        # delmålen står först här
        delmål:
        - Ett
        övergripande: Målet
egen_nyckel: kvar   # okänd nyckel
version: 1
"""


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, ["fmt", *args], catch_exceptions=False)


def test_examples_are_fmt_clean_and_idempotent(example_files: list[Path]) -> None:
    for path in example_files:
        doc = load(path)
        once = format_source(doc.text, str(path))
        assert format_source(once, str(path)) == once, path
        assert loads(once.encode(), str(path)).data == doc.data, path
    result = invoke("--check", *(str(p) for p in example_files))
    assert result.exit_code == 0, result.output


def test_order_comments_quoting_and_layout() -> None:
    out = format_source(MESSY)
    lines = out.splitlines()
    top = [
        line.split(":")[0] for line in lines if line and not line[0].isspace() and not line.startswith("#")
    ]
    known = [k for k in top if k in key_order(())]
    assert known == [k for k in key_order(()) if k in known]  # schema order
    assert top[-1] == "egen_nyckel"  # unknown keys last, kept
    assert lines[0].startswith("# yaml-language-server:") and lines[1] == "# Filens huvudkommentar"
    assert "titel: Ett test     # om titeln" in lines  # quotes only where needed; comment kept
    assert '    organisationsnummer: "2120000142"' in lines  # no letters: always quoted
    assert "  - id: kommunen    # kommunens id" in lines  # item keys in schema order, dash layout
    assert "# Om parterna" in lines and lines.index("# Om parterna") + 1 == lines.index("parter:")
    # a comment moves with the key it stands above, re-indented to that key
    assert lines[lines.index("  delmål:") - 1] == "  # delmålen står först här"
    assert lines.index("  övergripande: Målet") < lines.index("  delmål:")
    # block scalars stay block scalars, their '#' lines are text
    assert "syfte: |" in lines and "  # detta är text, inte en kommentar" in lines
    assert loads(out.encode(), "x").data == loads(MESSY.encode(), "x").data
    assert format_source(out) == out


def test_check_reports_diff_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "avtal.yaml"
    path.write_text(MESSY, encoding="utf-8")
    before = path.stat().st_mtime_ns
    result = invoke("--check", str(path))
    assert result.exit_code == 1
    assert "-titel: 'Ett test'   # om titeln" in result.output
    assert "+schemaversion: 1" in result.output
    assert path.read_text(encoding="utf-8") == MESSY and path.stat().st_mtime_ns == before


def test_write_is_atomic_keeps_mode_and_only_when_changed(tmp_path: Path) -> None:
    path = tmp_path / "avtal.yaml"
    path.write_text(MESSY, encoding="utf-8")
    os.chmod(path, 0o640)
    assert invoke(str(path)).exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_text(encoding="utf-8") == format_source(MESSY)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["avtal.yaml"]  # no temporary files left
    stamp = path.stat().st_mtime_ns
    inode = path.stat().st_ino
    assert invoke(str(path)).exit_code == 0
    assert path.stat().st_mtime_ns == stamp and path.stat().st_ino == inode  # unchanged: not rewritten
    assert invoke("--check", str(path)).exit_code == 0


def test_broken_file_is_reported_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "trasig.yaml"
    broken = "syfte: |\n  text\n mål: [\n"
    path.write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(cli, ["fmt", str(path)])
    assert result.exit_code == 1
    assert "trasig.yaml:" in result.output and "Traceback" not in result.output
    assert path.read_text(encoding="utf-8") == broken


@pytest.mark.parametrize(
    "source",
    [
        "id: a\nschemaversion: 1\ndatum_som_text: '2025-01-01'\n",
        "syfte: >\n  vikt\n  text\n\nid: b\n",
        'titel: "Rad ett\\nrad två"\nid: c\n',
        "id: d\nbelopp: 0x10\nschemaversion: 1\n",
        "id: e\nlista: [1, 2]\nkarta: {b: 1, a: 2}\n",
        "id: f\nja: 'yes'\nnej: 'no'\ntom: ''\n",
    ],
)
def test_data_never_changes(source: str) -> None:
    out = format_source(source)
    assert loads(out.encode(), "x").data == loads(source.encode(), "x").data
    assert format_source(out) == out


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # comments after the last key stay at the end (file footer, end of a nested block)
        (
            "id: a\nschemaversion: 1\n\n# sista kommentaren\n",
            "schemaversion: 1\nid: a\n\n# sista kommentaren\n",
        ),
        (
            "mål:\n  delmål:\n    - a\n  övergripande: b\n  # slut på mål\nid: x\n",
            "id: x\nmål:\n  övergripande: b\n  delmål:\n    - a\n  # slut på mål\n",
        ),
        # a '#' line inside a block scalar is text and travels with it
        ("syfte: |\n  text\n  # text\nid: a\n", "id: a\nsyfte: |\n  text\n  # text\n"),
        # CRLF and a byte-order mark are normalised; a flow mapping is left in flow style
        ("\ufeffid: a\r\nschemaversion: 1\r\n", "schemaversion: 1\nid: a\n"),
        ("{id: a, schemaversion: 1}\n", "{id: a, schemaversion: 1}\n"),
    ],
)
def test_edge_layouts(source: str, expected: str) -> None:
    assert format_source(source) == expected
    assert format_source(expected) == expected


def test_guidance_comment_moves_with_its_key(tmp_path: Path) -> None:
    """A key moved to the top of a file from 'iop new' keeps its guidance comment when fmt puts it back."""
    target = tmp_path / "ny.yaml"
    made = CliRunner().invoke(cli, ["new", "--no-input", "--titel", "IOP om läxhjälp", "-o", str(target)])
    assert made.exit_code == 0, made.output
    original = target.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    at = lines.index("titel: IOP om läxhjälp\n")
    block = lines[at - 2 : at + 1]  # blank line, '# Titel: ...', 'titel: ...'
    assert block[1].startswith("# Titel:")
    rest = lines[: at - 2] + lines[at + 1 :]
    header_end = rest.index("\n")  # the file's header comments end at the first blank line
    moved = rest[: header_end + 1] + block[1:] + ["\n"] + rest[header_end + 1 :]
    target.write_text("".join(moved), encoding="utf-8")
    result = format_source(target.read_text(encoding="utf-8"))
    out = result.splitlines()
    assert out[out.index("titel: IOP om läxhjälp") - 1].startswith("# Titel:")
    assert out.count(block[1].rstrip("\n")) == 1  # the comment is not left behind at the top
    assert out[0].startswith("# yaml-language-server:")
    assert result == original
