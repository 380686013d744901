"""Hostile and broken files: each is rejected with one clear load error, never a traceback."""

from __future__ import annotations

from typing import Any

import pytest

from iop.loader import MAX_BYTES

BOMB = b"".join(
    b"%s: &%s [%s]\n" % (name, name, b",".join([prev] * 9))
    for name, prev in zip(
        [b"a", b"b", b"c", b"d", b"e", b"f", b"g", b"h", b"i"],
        [b"x", b"*a", b"*b", b"*c", b"*d", b"*e", b"*f", b"*g", b"*h"],
        strict=True,
    )
)

CASES: dict[str, tuple[bytes, str]] = {
    "alias bomb": (BOMB, "YAML008"),
    "2 MB file": (b"syfte: " + b"x" * (2 * 1024 * 1024) + b"\n", "YAML007"),
    "10 000 deep flow nesting": (b"a: " + b"[" * 10_000 + b"]" * 10_000 + b"\n", "YAML008"),
    "unclosed deep nesting": (b"[" * 10_000, "YAML008"),
    "deep flow mappings": (b"a: " + b"{b: " * 5_000 + b"}" * 5_000 + b"\n", "YAML008"),
    "deep block nesting": ("".join(" " * i + f"k{i}:\n" for i in range(200)).encode(), "YAML008"),
    "too many values": (b"a: [" + b"1, " * 60_000 + b"1]\n", "YAML008"),
    "binary garbage": (bytes(range(256)) * 50, "YAML004"),
    "python object tag": (b"syfte: !!python/object/apply:os.system ['echo hi']\n", "YAML009"),
    "python object root": (b"!!python/object:builtins.dict\nsyfte: x\n", "YAML009"),
    "custom tag": (b"syfte: !include other.yaml\n", "YAML009"),
    "binary tag": (b"syfte: !!binary aGVq\n", "YAML009"),
    "set tag": (b"syfte: !!set {a, b}\n", "YAML009"),
    "latin-1": ("syfte: Föreningen för unga\n".encode("latin-1"), "YAML004"),
    "utf-16": ("syfte: text\n".encode("utf-16"), "YAML004"),
    "nul byte": (b"syfte: a\x00b\n", "YAML004"),
    "tab indentation": (b"mal:\n\tovergripande: x\n", "YAML003"),
    "duplicate key": (b"syfte: a\nmalgrupp: b\nsyfte: c\n", "YAML002"),
    "empty file": (b"", "YAML005"),
    "only comments": (b"# yaml-language-server: $schema=x\n\n# inget mer\n", "YAML005"),
    "list root": (b"- syfte: a\n- syfte: b\n", "YAML006"),
    "scalar root": (b"bara en rad text\n", "YAML006"),
    "number key": (b"2025: a\n", "YAML010"),
    "syntax error": (b"syfte: a\n  mal: b\n: c\n", "YAML001"),
    "two documents": (b"syfte: a\n---\nsyfte: b\n", "YAML001"),
    "undefined alias": (b"syfte: *nope\n", "YAML001"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_file_gives_one_load_error(check: Any, name: str) -> None:
    raw, code = CASES[name]
    diags = check(raw)
    assert [d.rule for d in diags] == [code], [d.message["sv"] for d in diags]
    d = diags[0]
    assert d.severity == "error" and d.line >= 1 and d.column >= 1
    assert d.message["sv"] and d.message["en"] and d.message["sv"] != d.message["en"]


def test_size_limit_is_checked_before_reading(check: Any) -> None:
    d = check(b"a" * (MAX_BYTES + 1))[0]
    assert d.rule == "YAML007" and str(MAX_BYTES) in d.message["sv"]


def test_tab_error_has_the_tab_position(check: Any) -> None:
    d = check(b"syfte: a\nmal:\n\tovergripande: x\n")[0]
    assert (d.rule, d.line) == ("YAML003", 3)


def test_duplicate_key_names_the_key_and_line(check: Any) -> None:
    d = check(b"syfte: a\nmalgrupp: b\nsyfte: c\n")[0]
    assert d.line == 3 and "'syfte'" in d.message["sv"]


def test_non_utf8_points_at_the_bad_byte(check: Any) -> None:
    d = check("titel: Avtal\nsyfte: Föreningen\n".encode("latin-1"))[0]
    assert (d.line, d.column) == (2, 9)  # the ö


def test_merge_keys_and_small_aliases_still_load(check: Any) -> None:
    diags = check(b"a: &x {b: 1}\nc:\n  <<: *x\n")
    assert diags and all(d.rule.startswith("SCH") for d in diags)
