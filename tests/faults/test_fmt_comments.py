"""``iop fmt`` keeps every comment or refuses and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from iop.cli import cli
from iop.revision.comments import comments
from iop.revision.fmt import CommentLost, format_source

FLOW_SEQ = "syfte: x\nmål:\n  delmål: [a, # viktig kommentar\n    b]\n"
FLOW_MAP = "syfte: x\nmål: {delmål: [a], # kommentar i samling\n  övergripande: b}\n"


@pytest.mark.parametrize("source", [FLOW_SEQ, FLOW_MAP], ids=["flow sequence", "flow mapping"])
def test_a_comment_inside_a_flow_collection_is_refused_not_dropped(tmp_path: Path, source: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(source, encoding="utf-8")
    result = CliRunner().invoke(cli, ["fmt", str(path)])
    assert result.exit_code == 1, result.output
    assert path.read_text(encoding="utf-8") == source, "a refused file must stay byte for byte"
    assert "a.yaml:3:" in result.output or "a.yaml:2:" in result.output
    assert "skulle försvinna" in result.output and "lämnas orörd" in result.output, result.output
    check = CliRunner().invoke(cli, ["fmt", "--check", str(path)])
    assert check.exit_code == 1 and "skulle försvinna" in check.output


def test_the_refusal_names_the_comment_and_its_place() -> None:
    with pytest.raises(CommentLost) as info:
        format_source(FLOW_SEQ, "a.yaml")
    lost = info.value.comment
    assert (lost.line, lost.column, lost.text, lost.in_flow) == (3, 15, "# viktig kommentar", True)


def test_comments_are_found_outside_text_only() -> None:
    source = (
        "# överst\n"
        'syfte: "ett # i citat"  # efter värdet\n'
        "bakgrund: |\n"
        "  # inte en kommentar, det är text\n"
        "mål: [a, b] # efter listan\n"
        "url: http://x#y\n"
    )
    found = [(c.line, c.text) for c in comments(source)]
    assert found == [(1, "# överst"), (2, "# efter värdet"), (5, "# efter listan")]


def test_block_comments_are_kept(example_files: list[Path]) -> None:
    """Every example keeps every comment through fmt (it has many, at every level)."""
    for path in example_files:
        source = path.read_text(encoding="utf-8")
        result = format_source(source, path.name)
        missing = [c.text for c in comments(source) if c.text not in result]
        assert not missing, (path.name, missing)
