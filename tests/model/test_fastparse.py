"""The fast libyaml path gives exactly the data and positions of the round-trip path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from iop import fastparse
from iop.loader import MAX_DEPTH, MAX_PARSE_NODES, LoadError, _to_plain, loads, locate, parse_roundtrip


def paths(data: Any, base: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield base
    if isinstance(data, dict):
        for k, v in data.items():
            yield from paths(v, (*base, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from paths(v, (*base, i))


def slow(source: str) -> tuple[dict[str, Any], Any]:
    root = parse_roundtrip(source, "x.yaml")
    return _to_plain(root, "x.yaml"), root


def test_examples_take_the_fast_path_with_identical_data_and_positions(
    example_files: list[Path], repo_root: Path
) -> None:
    for file in [*example_files, repo_root / "schema" / "referens.yaml"]:
        source = file.read_text(encoding="utf-8")
        fast = fastparse.parse(source, MAX_DEPTH, MAX_PARSE_NODES)
        assert fast is not None, file.name
        data, positions = fast
        slow_data, root = slow(source)
        assert data == slow_data, file.name
        for path in paths(data):
            for key in (False, True):
                assert fastparse.locate(positions, path, key=key) == locate(root, path, key=key), (file, path)


SCALARS = [
    "1_000", "017", "0o17", "0x1F", "0b101", "+1", "-0", "-12", "1e3", "-.5", ".inf", "-.Inf", "1.5",
    "yes", "no", "on", "off", "True", "false", "FALSE", "null", "~", "Null", "", "1:20", "2025-01-01",
    "2025-02-30", "2025-1-1", "§ 45", "553 200", "12.0.1", "0.", "-", "'quoted'", '"dq\\tx"', "a: b",
    "|\n  block\n  text\n", ">\n  folded\n  text\n", "[1, a, 2025-01-01]", "{a: 1}", "'2025-01-01'",
]  # fmt: skip


@pytest.mark.parametrize("scalar", SCALARS)
def test_scalars_resolve_like_ruamel(scalar: str) -> None:
    source = f"v: {scalar}\nw: x\n" if "\n" not in scalar else f"v: {scalar}w: x\n"
    fast = fastparse.parse(source, MAX_DEPTH, MAX_PARSE_NODES)
    try:
        slow_data, _ = slow(source)
    except LoadError:
        assert fast is None  # what ruamel rejects never takes the fast path
        return
    assert fast is not None
    assert fast[0] == slow_data


@pytest.mark.parametrize(
    "source",
    [
        "a: &x 1\nb: *x\n",  # alias
        "a: !!str 1\n",  # explicit tag
        "a: 1\na: 2\n",  # duplicate key
        "1: a\n",  # non-text key
        "a: {b: 1}\nc:\n  <<: {d: 2}\n",  # merge key
        "a: 2025-01-01 10:00:00\n",  # date-time
        "a: 1\n---\nb: 2\n",  # two documents
        "- a\n",  # list root
        "a:\n\tb: 1\n",  # tab
        "? [a]\n: b\n",  # complex key
        "%YAML 1.1\n---\na: yes\n",  # version directive
    ],
)
def test_unusual_files_are_left_to_the_round_trip_loader(source: str) -> None:
    assert fastparse.parse(source, MAX_DEPTH, MAX_PARSE_NODES) is None


def test_depth_bound_matches_the_round_trip_loader() -> None:
    def nested(levels: int) -> str:
        return "".join(" " * i + f"k{i}:\n" for i in range(levels)) + " " * levels + "x\n"

    ok = nested(MAX_DEPTH)  # the innermost value sits at depth MAX_DEPTH
    fast = fastparse.parse(ok, MAX_DEPTH, MAX_PARSE_NODES)
    assert fast is not None and fast[0] == slow(ok)[0]
    with pytest.raises(fastparse.LimitExceeded) as deep:
        fastparse.parse(nested(MAX_DEPTH + 1), MAX_DEPTH, MAX_PARSE_NODES)
    assert not deep.value.too_many
    with pytest.raises(LoadError):
        slow(nested(MAX_DEPTH + 1))


def test_size_bound_is_reported_directly() -> None:
    wide = "".join(f"k{i}: 1\n" for i in range(MAX_PARSE_NODES))
    with pytest.raises(fastparse.LimitExceeded) as many:
        fastparse.parse(wide, MAX_DEPTH, MAX_PARSE_NODES)
    assert many.value.too_many and many.value.line == MAX_PARSE_NODES // 2


def test_document_root_is_built_on_demand(repo_root: Path) -> None:
    raw = (repo_root / "schema" / "referens.yaml").read_bytes()
    doc = loads(raw, "referens.yaml")
    assert doc.positions is not None
    assert doc.root["parter"][0]["id"] == "kommunen"
    assert doc.root.ca is not None  # comments are kept for the formatter
    assert doc.node(("tidsram", "start")) is not None
