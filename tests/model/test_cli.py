"""The installed ``iop validate`` command, run as a user would."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest


def run(iop_exe: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([iop_exe, *args], capture_output=True, text=True, timeout=60)


@pytest.fixture
def broken(tmp_path: Path, repo_root: Path) -> Path:
    source = (repo_root / "schema" / "referens.yaml").read_text(encoding="utf-8")
    assert "målgrupp: |" in source and "typ: idéburen" in source
    bad = source.replace("målgrupp: |", "malgrupp: |").replace("typ: idéburen", "typ: ideburen")
    path = tmp_path / "trasig.yaml"
    path.write_text(bad, encoding="utf-8")
    return path


def test_valid_file_exits_0(iop_exe: str, repo_root: Path) -> None:
    result = run(iop_exe, "validate", str(repo_root / "schema" / "referens.yaml"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 fel" in result.stdout and "1 fil kontrollerad" in result.stdout


def test_invalid_file_exits_1_with_positions(iop_exe: str, broken: Path) -> None:
    result = run(iop_exe, "validate", str(broken))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == str(broken)  # findings are grouped under the file, as by iop lint
    heads = [line for line in lines if line.startswith("  ") and "SCH0" in line]
    assert len(heads) == 2
    assert any(h.startswith("  43:1  fel") and "SCH002  Okänd nyckel 'malgrupp'" in h for h in heads)
    assert any("Menade du 'målgrupp'?" in line for line in lines)
    assert any("plats: parter › 2 › typ" in line for line in lines)
    assert "2 fel" in lines[-1]
    assert "Traceback" not in result.stderr


def test_english(iop_exe: str, broken: Path) -> None:
    result = run(iop_exe, "validate", "--lang", "en", str(broken))
    assert result.returncode == 1
    assert "error   SCH002  Unknown key 'malgrupp'" in result.stdout
    assert "Did you mean 'målgrupp'?" in result.stdout
    assert "2 errors" in result.stdout


def test_json_output(iop_exe: str, broken: Path) -> None:
    result = run(iop_exe, "validate", "--format", "json", "--lang", "en", str(broken))
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["summary"]["files"] == 1
    findings = data["findings"]
    assert [f["rule"] for f in findings] == ["SCH004", "SCH002"]
    typ = findings[0]
    assert typ["path"] == "/parter/1/typ"
    assert typ["file"] == str(broken) and typ["severity"] == "error"
    assert typ["message"].startswith("The value 'ideburen' is not allowed")
    assert typ["end_column"] - typ["column"] == len("ideburen")
    assert set(typ) >= {
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "path",
        "rule",
        "severity",
        "message",
    }


def test_folder_is_walked(iop_exe: str, tmp_path: Path, broken: Path, repo_root: Path) -> None:
    shutil.copy(repo_root / "schema" / "referens.yaml", tmp_path / "ok.yml")
    (tmp_path / "notes.txt").write_text("not yaml", encoding="utf-8")
    result = run(iop_exe, "validate", str(tmp_path))
    assert result.returncode == 1
    assert "2 filer kontrollerade, 1 med fel" in result.stdout


def test_nonexistent_path_is_a_usage_error(iop_exe: str, tmp_path: Path) -> None:
    result = run(iop_exe, "validate", str(tmp_path / "finns-inte.yaml"))
    assert result.returncode == 2
    assert "finns inte" in result.stderr and result.stdout == ""


def test_folder_without_yaml_is_a_usage_error(iop_exe: str, tmp_path: Path) -> None:
    result = run(iop_exe, "validate", str(tmp_path))
    assert result.returncode == 2
    assert "Inga YAML-filer" in result.stderr


def test_no_arguments_is_a_usage_error(iop_exe: str) -> None:
    assert run(iop_exe, "validate").returncode == 2


def test_hostile_files_never_traceback(iop_exe: str, tmp_path: Path) -> None:
    (tmp_path / "bomb.yaml").write_bytes(
        b"a: &a [1,1,1,1,1,1,1,1,1]\n"
        + b"".join(
            b"%s: &%s [%s]\n" % (bytes([c]), bytes([c]), b",".join([b"*" + bytes([c - 1])] * 9))
            for c in range(ord("b"), ord("j"))
        )
    )
    (tmp_path / "deep.yaml").write_bytes(b"[" * 10_000)
    (tmp_path / "garbage.yaml").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "tag.yaml").write_bytes(b"a: !!python/object/apply:os.system ['touch pwned']\n")
    (tmp_path / "list.yaml").write_bytes(b"- a\n")
    (tmp_path / "empty.yaml").write_bytes(b"")
    result = run(iop_exe, "validate", "--format", "json", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr == ""
    rules = sorted(f["rule"] for f in json.loads(result.stdout)["findings"])
    assert rules == ["YAML004", "YAML005", "YAML006", "YAML008", "YAML008", "YAML009"]
    assert not (tmp_path / "pwned").exists()
