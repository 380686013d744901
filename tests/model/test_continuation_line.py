"""A continuation line left unindented is reported on that line, with the value it continues."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop.validation import check_file

EXAMPLE = Path(__file__).resolve().parents[2] / "agreements" / "linkoping-brottsofferjouren.yaml"


def broken(tmp_path: Path, at: str, inserted: list[str]) -> Path:
    """The example with the line starting with ``at`` replaced by ``inserted``."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    where = next(i for i, line in enumerate(lines) if line.startswith(at))
    lines[where : where + 1] = inserted
    target = tmp_path / "s2.yaml"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("at", "inserted", "path"),
    [
        # a plain value continued on an unindented line
        ("titel:", ["titel: Idéburet offentligt partnerskap", "om stöd till brottsutsatta"], ("titel",)),
        # a block text continued unindented, followed by comments and the next key
        (
            "  ideellt engagemang som kompletterar",
            ["ideellt engagemang som kompletterar kommunens verksamhet.", "", "# Mål", "# följs upp"],
            ("syfte",),
        ),
        # inside a party
        (
            "    företräds_av: Social-",
            ["    företräds_av: Social- och", "omsorgsnämnden"],
            ("parter", 0, "företräds_av"),
        ),
    ],
)
def test_reported_where_the_mistake_is(
    tmp_path: Path, at: str, inserted: list[str], path: tuple[object, ...]
) -> None:
    target = broken(tmp_path, at, inserted)
    bad = next(line for line in inserted if line and not line.startswith((" ", "#")) and ":" not in line)
    wrong_line = target.read_text(encoding="utf-8").splitlines().index(bad) + 1
    (found,) = check_file(target)
    assert found.rule == "YAML001"
    assert (found.line, found.column) == (wrong_line, 1)
    assert found.path == path
    assert "saknar ':'" in found.message["sv"] and "indrag" in found.message["sv"]


def test_a_key_without_colon_is_reported_on_its_own_line(tmp_path: Path) -> None:
    target = broken(tmp_path, "riktlinjer:", ["riktlinjer bas"])
    wrong_line = target.read_text(encoding="utf-8").splitlines().index("riktlinjer bas") + 1
    (found,) = check_file(target)
    assert (found.rule, found.line) == ("YAML001", wrong_line)
