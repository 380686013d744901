"""One bad file never hides the others, and only regular files are read."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from iop.cli import cli

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "agreements" / "orebro-stadsmissionen-gemenskap.yaml"


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def no_exception(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{result.exception!r}\n{result.output}"
    )


@pytest.fixture
def batch(tmp_path: Path) -> list[Path]:
    """Three agreements; a bug planted below makes the middle one fail inside iop."""
    paths = []
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        path = tmp_path / "src" / name
        path.parent.mkdir(exist_ok=True)
        text = EXAMPLE.read_text(encoding="utf-8")
        if name != "b.yaml":  # findings in a and c that must still be reported
            text = text.replace("\nstatus: avslutad", "\nstatus: okänd", 1)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def bug_in_b(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in a check that strikes only b.yaml (as a fuzzed input once did)."""
    import iop.validation.crossfield as crossfield

    real = crossfield.crossfield_diagnostics

    def buggy(doc: Any) -> Any:
        if doc.display.endswith("b.yaml"):
            raise KeyError("50000")
        return real(doc)

    monkeypatch.setattr(crossfield, "crossfield_diagnostics", buggy)


@pytest.mark.usefixtures("bug_in_b")
@pytest.mark.parametrize("command", [["validate"], ["lint", "--no-cache"]])
def test_an_internal_error_is_a_finding_for_that_file_only(batch: list[Path], command: list[str]) -> None:
    result = run(*command, "--format", "json", *batch)
    no_exception(result)
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    schema_errors = {Path(f["file"]).name for f in findings if f["rule"] == "SCH004"}
    internal = [f for f in findings if f["rule"] == "IOP001"]
    assert [Path(f["file"]).name for f in internal] == ["b.yaml"]
    assert "KeyError" in internal[0]["message"] and "--debug" in internal[0]["hint"]
    assert schema_errors == {"a.yaml", "c.yaml"}, "the other files' findings are reported"


@pytest.mark.usefixtures("bug_in_b")
def test_debug_prints_the_traceback(batch: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    from iop import internal
    from iop.validation import check_file

    internal.set_debug(True)
    try:
        found = check_file(batch[1])
    finally:
        internal.set_debug(False)
    assert [d.rule for d in found] == ["IOP001"]
    assert "Traceback" in capsys.readouterr().err
    assert check_file(batch[1]) and "Traceback" not in capsys.readouterr().err


def test_render_goes_on_after_an_internal_error(
    batch: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import iop.render.document as document

    real = document.Builder.build

    def buggy(self: Any) -> Any:
        if self.data.get("titel") == "B":
            raise TypeError("'int' object is not iterable")
        return real(self)

    monkeypatch.setattr(document.Builder, "build", buggy)
    text = batch[1].read_text(encoding="utf-8")
    batch[1].write_text(text.replace("\ntitel: ", "\ntitel: B\nx-old-titel: ", 1), encoding="utf-8")
    result = run("render", *batch, "--to", "html", "--draft", "-j", "1", "--out", tmp_path / "out")
    no_exception(result)
    assert result.exit_code == 1
    assert "b.yaml:1:1: fel IOP001" in result.output and "TypeError" in result.output
    assert sorted(p.name for p in (tmp_path / "out").glob("*.html")) == ["a.html", "c.html"]


def test_fmt_goes_on_after_an_internal_error(batch: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    import iop.revision.fmt as fmt

    real = fmt._tidy_comments

    def buggy(text: str, root: Any) -> str:
        if "x-bug" in text:
            raise ValueError("not enough values to unpack (expected 2, got 1)")
        return real(text, root)

    monkeypatch.setattr(fmt, "_tidy_comments", buggy)
    before = batch[1].read_text(encoding="utf-8") + "x-bug: 1\n"
    batch[1].write_text(before, encoding="utf-8")
    for path in (batch[0], batch[2]):  # something for fmt to do in the other files
        path.write_text(path.read_text(encoding="utf-8") + "\n\n\n", encoding="utf-8")
    result = run("fmt", *batch)
    no_exception(result)
    assert result.exit_code == 1
    assert "IOP001" in result.output and "b.yaml" in result.output
    assert batch[1].read_text(encoding="utf-8") == before
    assert (
        "formaterade" in result.output and str(batch[0]) in result.output and str(batch[2]) in result.output
    )


# ---------------------------------------------------------------- special files


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    yield path
    # a reader that blocked would hang the test; make sure none is left waiting
    with pytest.raises(OSError):
        os.open(path, os.O_WRONLY | os.O_NONBLOCK)


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "sock.yaml"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    yield path
    server.close()


COMMANDS = [
    ["validate"],
    ["lint", "--no-cache"],
    ["fmt"],
    ["render", "--to", "html", "--draft"],
    ["info"],
    ["verify"],
]


def _run_with_deadline(args: list[str]) -> Result:
    """Run in a thread so a command that blocks on open() fails the test instead of hanging it."""
    box: list[Result] = []
    thread = threading.Thread(target=lambda: box.append(run(*args)), daemon=True)
    thread.start()
    thread.join(20)
    assert box, f"iop {' '.join(args)} hung on a special file"
    return box[0]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("kind", ["fifo", "socket", "device"])
def test_special_files_are_refused_before_opening(
    request: pytest.FixtureRequest, tmp_path: Path, command: list[str], kind: str
) -> None:
    path = (
        request.getfixturevalue("fifo")
        if kind == "fifo"
        else request.getfixturevalue("unix_socket")
        if kind == "socket"
        else Path("/dev/zero")
    )
    extra = ["--out", str(tmp_path / "out")] if command[0] == "render" else []
    result = _run_with_deadline([*command, str(path), *extra])
    no_exception(result)
    assert result.exit_code in (1, 2), result.output
    assert "inte en vanlig fil" in result.output, result.output
    assert str(path) in result.output


def test_reads_stop_at_the_limit(tmp_path: Path) -> None:
    """A file that grows after its size was checked is still read only up to the limit."""
    from iop.files import TooLarge, read_regular

    path = tmp_path / "a.yaml"
    path.write_bytes(b"x" * 100)
    assert read_regular(path, 100) == b"x" * 100
    with pytest.raises(TooLarge):
        read_regular(path, 99)


def test_a_symlink_to_a_regular_file_is_read(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    shutil.copyfile(EXAMPLE, target)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    assert run("validate", link).exit_code == 0
