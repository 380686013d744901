"""The register without a browser: what is listed, escaping, rebuilding, and bad output folders."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from iop.register.site import build_site

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "agreements"
INJECTION = REPO / "tests" / "render" / "data" / "injektion.yaml"


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    from iop.cli import main

    monkeypatch.setattr(sys, "argv", ["iop", *args])
    with pytest.raises(SystemExit) as exc:
        main()
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


def test_hostile_text_is_shown_as_text(tmp_path: Path) -> None:
    result = build_site([INJECTION], tmp_path, with_pdf=False)
    (entry,) = result.entries
    page = (tmp_path / "overenskommelser" / f"{entry.slug}.html").read_text(encoding="utf-8")
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    for html in (page, index):
        assert "<script>alert(1)</script>" not in html and "<b>fet</b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert entry.slug == "injektion-read-etc-passwd"  # a safe file name from an unsafe id


def test_drafts_are_left_out_and_pages_of_agreements_that_leave_are_removed(tmp_path: Path) -> None:
    first = build_site(sorted(EXAMPLES.glob("*.yaml")), tmp_path, with_pdf=False)
    assert [p.name for p in first.drafts] == ["goteborg-ensamkommande.yaml"]
    assert not (tmp_path / "overenskommelser" / "goteborg-ensamkommande.html").exists()
    assert (tmp_path / "overenskommelser" / "malmo-fc-rosengard-boost.html").is_file()
    own = tmp_path / "overenskommelser" / "egen-fil.txt"
    own.write_text("inte registrets", encoding="utf-8")
    build_site([EXAMPLES / "linkoping-crossroads.yaml"], tmp_path, with_pdf=False)
    assert not (tmp_path / "overenskommelser" / "malmo-fc-rosengard-boost.html").exists()
    assert (tmp_path / "overenskommelser" / "linkoping-crossroads.html").is_file()
    assert own.read_text(encoding="utf-8") == "inte registrets"  # only what the register wrote goes


def test_an_output_folder_that_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "fil"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run(
        monkeypatch, capsys, "register", "-o", str(blocker / "site"), "--no-pdf", str(EXAMPLES)
    )
    assert code == 1
    assert f"iop: kan inte skriva registret till '{blocker / 'site'}'" in err
    assert "Traceback" not in err


def test_the_command_reports_what_it_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(monkeypatch, capsys, "register", "-o", str(tmp_path), "--no-pdf", str(EXAMPLES))
    assert code == 0, err
    files = sorted(EXAMPLES.glob("*.yaml"))
    drafts = sum("\nstatus: utkast" in f.read_text(encoding="utf-8") for f in files)
    assert f"{len(files) - drafts} överenskommelser i registret, {drafts} utkast utelämnade." in out
    assert "Finns inte i registret ännu." in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_progress_counts_every_file_once(tmp_path: Path) -> None:
    steps: list[int] = []
    files = sorted(EXAMPLES.glob("*.yaml"))
    build_site(files, tmp_path, with_pdf=False, step=lambda: steps.append(1))
    assert len(steps) == len(files)  # six pages and one draft left out
