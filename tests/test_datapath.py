"""The one value-at-path and end-of-value helpers, on the cases the old copies disagreed on."""

from __future__ import annotations

from iop.datapath import value_at, value_end
from iop.loader import loads

SOURCE = """\
namn: "Förening \\"Ljuset\\""  # en kommentar
kort: 'it''s'
flagga: true   # bool
tal: 1_000
lång: en text som
  fortsätter här
block: |
  rad
lista: [1, 2]
tom:
"""


def test_value_at_reads_mappings_and_lists_and_gives_none_elsewhere() -> None:
    data = {"a": [{"b": "x"}], "s": "text"}
    assert value_at(data, ("a", 0, "b")) == "x"
    for path in (("a", 1), ("a", -1), ("a", "b"), ("s", 0), ("saknas", "b"), ("a", 0, "b", "c")):
        assert value_at(data, path) is None, path
    assert value_at(data, ()) == data


def test_value_end_per_style() -> None:
    doc = loads(SOURCE.encode(), "a.yaml")

    def end(key: str) -> tuple[int | None, int | None]:
        line, col = doc.locate((key,))
        return value_end(doc.data, doc.lines, (key,), line, col)

    assert end("namn") == (1, 7 + len('"Förening \\"Ljuset\\""'))  # escaped quotes, no comment
    assert end("kort") == (2, 7 + len("'it''s'"))
    assert end("flagga") == (3, 9 + len("true"))
    assert end("tal") == (4, 6 + len("1_000"))
    assert end("lång") == (None, None)  # folded over two lines
    assert end("block") == (None, None)
    assert end("lista") == (None, None)
