"""Output folder and disk faults: a Swedish message naming the file, exit 1, nothing partial left."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from iop.cli import cli

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "agreements" / "orebro-stadsmissionen-gemenskap.yaml"


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def clean_exit_1(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internt fel" not in result.output


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".tmp"))


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "a.yaml"
    shutil.copyfile(EXAMPLE, path)
    return path


def test_out_below_a_file(tmp_path: Path, source: Path) -> None:
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    result = run("render", source, "--to", "html", "--out", tmp_path / "fil" / "ut")
    clean_exit_1(result)
    assert (
        "fil/ut" in result.output and "är en fil, inte en mapp" in result.output and "--out" in result.output
    )


def test_a_name_over_255_bytes(tmp_path: Path) -> None:
    source = tmp_path / ("å" * 125 + "x.yml")  # 255 bytes as .yml, 256 as .html
    shutil.copyfile(EXAMPLE, source)
    out = tmp_path / "out"
    result = run("render", source, "--to", "html", "--out", out)
    clean_exit_1(result)
    assert "filnamnet är för långt (256 byte; högst 255)" in result.output, result.output
    assert not leftovers(out) and not any(out.iterdir())


def _fail_with(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """Make every fsync fail like a full or read-only disk, after the data went to the temporary file."""

    def fail(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", fail)


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "disken är full"), (errno.EROFS, "skrivskyddad"), (errno.EACCES, "skrivbehörighet")],
)
def test_disk_faults_leave_nothing_behind(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    out = tmp_path / "out"
    _fail_with(monkeypatch, code)
    result = run("render", source, "--to", "pdf,html", "--out", out)
    clean_exit_1(result)
    assert str(out / "a.pdf") in result.output and str(out / "a.html") in result.output
    assert words in result.output, result.output
    assert sorted(p.name for p in out.iterdir()) == [], "no output, no temporary file, no manifest"


def test_fmt_on_a_full_disk_keeps_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.yaml"
    original = "syfte: x\nid: a\n"  # fmt would reorder the keys
    path.write_text(original, encoding="utf-8")
    _fail_with(monkeypatch, errno.ENOSPC)
    result = run("fmt", path)
    clean_exit_1(result)
    assert "disken är full" in result.output and str(path) in result.output
    assert path.read_text(encoding="utf-8") == original
    assert leftovers(tmp_path) == []


def test_read_only_folder_for_real(tmp_path: Path, source: Path) -> None:
    """With real permissions (skipped as root, where a read-only mode does not stop writes)."""
    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions; the monkeypatched EACCES case covers the message")
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = run("render", source, "--to", "html", "--out", out)
    finally:
        out.chmod(0o755)
    clean_exit_1(result)
    assert "skrivbehörighet" in result.output and not any(out.iterdir())


def test_full_tmpfs_for_real(tmp_path: Path, source: Path) -> None:
    """A real 64 kB tmpfs fills up while the PDF is written (only where mounting is allowed)."""
    tiny = tmp_path / "tiny"
    tiny.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(tiny)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here; the monkeypatched ENOSPC case covers it")
    try:
        result = run("render", source, "--to", "pdf", "--out", tiny)
        clean_exit_1(result)
        assert "disken är full" in result.output and str(tiny / "a.pdf") in result.output
        assert sorted(p.name for p in tiny.iterdir()) == []
    finally:
        subprocess.run(["umount", str(tiny)], check=False)
