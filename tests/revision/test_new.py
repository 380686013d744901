"""iop new: a complete scaffold whose only validation errors are the blanks to fill in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from iop.assets import schema_path
from iop.cli import cli
from iop.loader import load
from iop.revision.fmt import format_source
from iop.revision.schemainfo import key_order, load_schema
from iop.validation import check_file

PARTS = [
    "--part",
    "kommunen:Linköpings kommun:offentlig:212000-0142",
    "--part",
    ":Läxhjälpen i Linköping:idéburen:802000-0009",
]


def make(tmp_path: Path, *extra: str) -> tuple[Any, Path]:
    target = tmp_path / "agreements" / "laxhjalp.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    result = CliRunner().invoke(
        cli, ["new", "--no-input", "--titel", "IOP om läxhjälp", *PARTS, "-o", str(target), *extra]
    )
    return result, target


def test_scripted_new_has_every_section_and_the_basics(tmp_path: Path) -> None:
    result, target = make(tmp_path)
    assert result.exit_code == 0, result.output
    doc = load(target)
    data = doc.data
    assert data["version"] == 1 and data["status"] == "utkast" and data["schemaversion"] == 1
    assert data["ändringar"][0]["datum"] == dt.date.today().isoformat()
    assert [p["id"] for p in data["parter"]] == ["kommunen", "laxhjalpen-i-linkoping"]
    assert data["parter"][0]["organisationsnummer"] == "212000-0142"
    # every section of the schema is there: active, or commented out with its guidance
    for key in key_order(()):
        assert key in data or f"# {key}:" in doc.text, key
    assert doc.lines[0].startswith("# yaml-language-server: $schema=")
    assert "Varför partnerskapet finns" in doc.text  # guidance from the schema's descriptions
    assert format_source(doc.text) == doc.text  # already fmt-clean


def test_validate_reports_exactly_the_blanks(tmp_path: Path) -> None:
    _, target = make(tmp_path)
    doc = load(target)
    everything = check_file(target)
    summary = [d for d in everything if d.rule == "SCH063"]
    found = [d for d in everything if d.rule != "SCH063"]
    assert found
    # a draft may be incomplete: blanks are warnings, and one summary counts what remains
    assert all(d.severity == "warning" for d in everything)
    assert len(summary) == 1 and f"{len(found)} uppgift(er) återstår" in summary[0].message["sv"]
    for d in found:
        line = doc.lines[d.line - 1]
        # each message points at a key (or list item) whose value is still empty
        assert line.rstrip().endswith(":") or line.strip() == "-", (d.rule, d.line, line)
        assert d.rule == "SCH006", (d.rule, d.message)
    blanks = [
        i + 1
        for i, line in enumerate(doc.lines)
        if not line.lstrip().startswith("#") and (line.rstrip().endswith(":") or line.strip() == "-")
    ]
    containers = {d_line for d_line in blanks if _has_children(doc.lines, d_line)}
    assert sorted(d.line for d in found) == sorted(set(blanks) - containers)


def _has_children(lines: list[str], number: int) -> bool:
    here = lines[number - 1]
    indent = len(here) - len(here.lstrip())
    for following in lines[number:]:
        if not following.strip() or following.lstrip().startswith("#"):
            continue
        return len(following) - len(following.lstrip()) > indent
    return False


def test_modeline_relative_inside_repo_else_schema_id(tmp_path: Path, repo_root: Path) -> None:
    inside = repo_root / "build" / "test-new" / "x.yaml"
    inside.parent.mkdir(parents=True, exist_ok=True)
    inside.unlink(missing_ok=True)
    try:
        result = CliRunner().invoke(cli, ["new", "--no-input", *PARTS, "-o", str(inside)])
        assert result.exit_code == 0, result.output
        first = inside.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schema/iop-overenskommelse.schema.json"
    finally:
        inside.unlink(missing_ok=True)
    _, outside = make(tmp_path)
    first = outside.read_text(encoding="utf-8").splitlines()[0]
    # outside any repository: the installed schema, a path that resolves offline (not the $id URL)
    assert first == f"# yaml-language-server: $schema={schema_path().resolve().as_posix()}"
    assert load_schema()["$id"] not in first


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    _, target = make(tmp_path)
    target.write_text("# mitt arbete\n", encoding="utf-8")
    result, _ = make(tmp_path)
    assert result.exit_code == 2 and "finns redan" in result.output
    assert target.read_text(encoding="utf-8") == "# mitt arbete\n"


def test_bad_part_and_id_are_usage_errors(tmp_path: Path) -> None:
    bad = CliRunner().invoke(cli, ["new", "--no-input", "--part", "bara-ett-namn", "--stdout"])
    assert bad.exit_code == 2 and "ID:NAMN:TYP:ORGNR" in bad.output
    bad_id = CliRunner().invoke(cli, ["new", "--no-input", "--id", "Linköping IOP", "--stdout"])
    assert bad_id.exit_code == 2 and "linkoping-iop" in bad_id.output


def test_prompts_for_parties(tmp_path: Path, monkeypatch: Any) -> None:
    import iop.commands.new as new_command

    monkeypatch.setattr(new_command, "stdin_is_terminal", lambda: True)
    target = tmp_path / "fragat.yaml"
    answers = "\n".join(
        [
            "IOP om läxhjälp",  # titel
            "Linköpings kommun",
            "212000-0143",  # wrong check digit: asked again
            "212000-0142",
            "",  # id: default kommunen
            "Läxhjälpen",
            "802000-0009",
            "",  # id: default from the name
            "n",
        ]
    )
    result = CliRunner().invoke(cli, ["new", "-o", str(target)], input=answers + "\n")
    assert result.exit_code == 0, result.output
    assert "kontrollsiffra" in result.output
    data = load(target).data
    assert [(p["id"], p["typ"]) for p in data["parter"]] == [
        ("kommunen", "offentlig"),
        ("laxhjalpen", "idéburen"),
    ]
    assert data["titel"] == "IOP om läxhjälp"


def test_missing_folder_is_created(tmp_path: Path) -> None:
    target = tmp_path / "saknas" / "ocksa" / "laxhjalp.yaml"
    result = CliRunner().invoke(cli, ["new", "--no-input", *PARTS, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert load(target).data["parter"][0]["id"] == "kommunen"


def test_unwritable_target_keeps_the_answers(tmp_path: Path) -> None:
    blocker = tmp_path / "en-fil"
    blocker.write_text("", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["new", "--no-input", "--titel", "IOP om läxhjälp", *PARTS, "-o", str(blocker / "x.yaml")]
    )
    assert result.exit_code == 2
    assert "Kan inte skapa" in result.output and "standard ut" in result.output
    assert "titel: IOP om läxhjälp" in result.output  # what was typed is not lost


def test_prompts_are_swedish_and_accept_j(tmp_path: Path, monkeypatch: Any) -> None:
    import iop.commands.new as new_command

    monkeypatch.setattr(new_command, "stdin_is_terminal", lambda: True)
    target = tmp_path / "ny" / "fragat.yaml"
    answers = [
        "IOP om läxhjälp",
        "Linköpings kommun",
        "212000-0143",  # wrong check digit: asked again, in Swedish
        "212000-0142",
        "",
        "Läxhjälpen",
        "802000-0009",
        "",
        "kanske",  # neither j nor n: asked again
        "j",  # yes, one more
        "Studieförbundet",
        "",
        "",
        "n",
    ]
    result = CliRunner().invoke(cli, ["new", "-o", str(target)], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "[j/N]" in result.output
    assert "Fel: tio siffror" in result.output and "Fel: svara j eller n" in result.output
    assert "Error" not in result.output and "[y/N]" not in result.output
    assert [p["namn"] for p in load(target).data["parter"]][1:] == ["Läxhjälpen", "Studieförbundet"]


def test_prompts_in_english_on_request(tmp_path: Path, monkeypatch: Any) -> None:
    import iop.commands.new as new_command

    monkeypatch.setattr(new_command, "stdin_is_terminal", lambda: True)
    answers = ["", "Linköpings kommun", "1", "", "", "Läxhjälpen", "", "", "y", "Andra", "", "", "n"]
    result = CliRunner().invoke(cli, ["--lang", "en", "new", "--stdout"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "[y/N]" in result.output and "Error: ten digits" in result.output
