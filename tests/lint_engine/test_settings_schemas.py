"""Rule packs, profiles, .iop.yaml/[tool.iop] and thresholds.yaml are held to the JSON Schemas
in lint/schemas/: a wrong key or value is an error at file:line:column with a suggestion, in
Swedish (English with --lang en), through the real command; hostile files give a clean error."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from iop import assets
from iop.cli import cli
from iop.lint import profiles
from iop.lint.schemas import CONFIG, PACK, PROFILE, THRESHOLDS, problems
from iop.loader import Document, loads

from .conftest import REPO, dump, merge

SCHEMAS = REPO / "lint" / "schemas"


# --- the shipped files and the schemas themselves ------------------------------------------


@pytest.mark.parametrize(
    ("schema", "files"),
    [
        (PACK, sorted((REPO / "lint" / "rules").glob("*.yaml"))),
        (PROFILE, sorted((REPO / "lint" / "profiles").glob("*.yaml"))),
        (THRESHOLDS, [REPO / "lint" / "thresholds.yaml"]),
        (CONFIG, [REPO / "init" / "iop.yaml"]),
    ],
)
def test_every_shipped_file_follows_its_schema(schema: str, files: list[Path]) -> None:
    assert files
    for file in files:
        source = file.read_text(encoding="utf-8").replace("@@PROFILE@@", "bas")
        doc = load_text(file.name, source)
        found = problems(doc, schema)
        assert found == [], [f"{d.file}:{d.line}:{d.column}: {d.message['sv']}" for d in found]


def load_text(name: str, source: str) -> Document:
    return loads(source.encode("utf-8"), name)


def test_an_unknown_key_in_a_shipped_file_would_fail(tmp_path: Path) -> None:
    """The check above can fail: the same schemas refuse a shipped pack and profile with one key added."""
    pack = (REPO / "lint" / "rules" / "lou-roller.yaml").read_text(encoding="utf-8")
    bad = pack.replace("    category: köp-av-tjänst\n", "    category: köp-av-tjänst\n    kategori: x\n", 1)
    found = problems(load_text("lou-roller.yaml", bad), PACK)
    assert [d.message["sv"] for d in found] == ["Okänd nyckel 'kategori' i rules › LOU101."]
    profile = (REPO / "lint" / "profiles" / "orebro.yaml").read_text(encoding="utf-8")
    found = problems(load_text("orebro.yaml", profile + "sources: x\n"), PROFILE)
    assert found[0].hint == {"sv": "Menade du 'source'?", "en": "Did you mean 'source'?"}


@pytest.mark.parametrize("file", sorted(SCHEMAS.glob("*.schema.json")), ids=lambda p: p.name)
def test_schemas_are_draft_2020_12_with_swedish_descriptions_and_closed_objects(file: Path) -> None:
    schema = json.loads(file.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                assert node.get("additionalProperties") is False, f"{where} is open"
            for key, child in node.get("properties", {}).items():
                has_ref = isinstance(child, dict) and "$ref" in child
                assert has_ref or child.get("title"), f"{where}.{key} has no title"
            for key, child in node.items():
                if key != "x-en":
                    walk(child, f"{where}.{key}")
        elif isinstance(node, list):
            for i, child in enumerate(node):
                walk(child, f"{where}[{i}]")

    walk(schema, file.name)


# --- .iop.yaml and [tool.iop] through the installed command --------------------------------


@pytest.fixture()
def repo(tmp_path: Path, base_data: dict[str, Any]) -> Path:
    """A folder with one clean agreement (riktlinjer: bas)."""
    (tmp_path / "avtal.yaml").write_text(dump(merge(base_data, {"riktlinjer": "bas"})), encoding="utf-8")
    return tmp_path


def run_iop(iop_exe: str, repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("IOP_CACHE_DIR", "CI")}
    env["XDG_CACHE_HOME"] = str(repo / ".home-cache")
    return subprocess.run(
        [iop_exe, "lint", "--no-cache", "avtal.yaml", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("body", "sv", "en"),
    [
        (
            "profile: bas\ndisabel: [LOU126]\n",
            ".iop.yaml:2:1: Okänd nyckel 'disabel'. Menade du 'disable'?",
            ".iop.yaml:2:1: Unknown key 'disabel'. Did you mean 'disable'?",
        ),
        (
            "cache: ja\n",
            ".iop.yaml:1:8: 'cache' ska vara sant eller falskt eller tomt, men här står en text.",
            ".iop.yaml:1:8: 'cache' must be true or false or empty, but it is a text.",
        ),
        (
            "fail-on: warnig\n",
            ".iop.yaml:1:10: Värdet 'warnig' är inte tillåtet för 'fail-on'.",
            "Did you mean 'warning'?",
        ),
        (
            "severity:\n  STR204: infoo\n",
            ".iop.yaml:2:11: Värdet 'infoo' är inte tillåtet för 'STR204'.",
            "Did you mean 'info'?",
        ),
        ("disable: [LOU126, lou127]\n", ".iop.yaml:1:19: 'lou127' har fel form för 'disable'", "wrong form"),
        ("profile: orebr\n", ".iop.yaml:1:10: Profilen 'orebr' finns inte", "Did you mean 'orebro'?"),
    ],
)
def test_a_wrong_iop_yaml_is_an_error_at_its_place(
    iop_exe: str, repo: Path, body: str, sv: str, en: str
) -> None:
    (repo / ".iop.yaml").write_text(body, encoding="utf-8")
    done = run_iop(iop_exe, repo)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.startswith(f"iop lint: {sv}"), done.stderr
    assert "Traceback" not in done.stderr
    english = run_iop(iop_exe, repo, "--lang", "en")
    assert english.returncode == 2
    assert en in english.stderr, english.stderr


def test_a_wrong_tool_iop_table_is_an_error_at_its_place(iop_exe: str, repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "avtal"\n\n[tool.iop]\nprofile = "bas"\nfail_on = "warning"\n'
        'severity = { STR204 = "infoo" }\n',
        encoding="utf-8",
    )
    done = run_iop(iop_exe, repo)
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.splitlines()
    assert lines[0] == "iop lint: pyproject.toml:6:1: Okänd nyckel 'fail_on'. Menade du 'fail-on'?"
    assert lines[1].startswith("pyproject.toml:7:23: Värdet 'infoo' är inte tillåtet för 'STR204'.")
    assert lines[1].endswith("Menade du 'info'?")


def test_a_good_iop_yaml_still_applies(iop_exe: str, repo: Path) -> None:
    (repo / ".iop.yaml").write_text("# tom\n", encoding="utf-8")
    assert run_iop(iop_exe, repo).returncode == 0
    (repo / ".iop.yaml").write_text(
        "profile: orebro\nfail-on: never\ndisable: STR212\nseverity: {STR204: info}\ncache: false\n",
        encoding="utf-8",
    )
    done = run_iop(iop_exe, repo)
    assert done.returncode == 0, done.stdout + done.stderr


BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize(
    ("body", "sv"),
    [
        (b"profile: !!python/object/apply:os.system ['touch MARKER']\n", "YAML-taggen"),
        (BOMB.encode(), "alias"),
        (b"profile: \xff\xfe\n", "UTF-8"),
        (b"- bas\n", "Inställningsfilen ska vara en samling nycklar."),
        (b"profile: [" * 200 + b"\n", ".iop.yaml:1:"),
        (b"profile: bas\nprofile: orebro\n", "två gånger"),
        (b"x: " + b"a" * 300_000 + b"\n", "för stor"),
    ],
    ids=["python-tag", "alias-bomb", "not-utf8", "list", "deep", "duplicate", "huge"],
)
def test_a_hostile_iop_yaml_is_a_clean_error(iop_exe: str, repo: Path, body: bytes, sv: str) -> None:
    (repo / ".iop.yaml").write_bytes(body)
    done = run_iop(iop_exe, repo)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.startswith("iop lint: .iop.yaml:"), done.stderr
    assert sv in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "internt fel" not in done.stderr
    assert not (repo / "MARKER").exists()


# --- rule packs and profiles of an install, through the command --------------------------


@pytest.fixture()
def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the install's data folders whose lint/ a test may break."""
    root = tmp_path / "install"
    root.mkdir()
    for name in ("schema", "render", "init"):
        (root / name).symlink_to(REPO / name)
    shutil.copytree(REPO / "lint", root / "lint")
    monkeypatch.setattr(assets, "asset_root", lambda: root)
    profiles._load.cache_clear()
    monkeypatch.chdir(tmp_path)
    return root


@pytest.fixture()
def agreement(tmp_path: Path, base_data: dict[str, Any]) -> Path:
    file = tmp_path / "avtal.yaml"
    file.write_text(dump(merge(base_data, {"riktlinjer": None})), encoding="utf-8")
    return file


def lint(*args: str) -> Any:
    return CliRunner().invoke(cli, ["lint", "--no-cache", *args], catch_exceptions=False)


def edit(file: Path, old: str, new: str) -> None:
    source = file.read_text(encoding="utf-8")
    assert old in source, old
    file.write_text(source.replace(old, new, 1), encoding="utf-8")


def place(file: Path, text: str) -> str:
    """``line:column`` of the first ``text`` in ``file``, 1-based."""
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return f"{number}:{line.index(text) + 1}"
    raise AssertionError(text)


def test_a_misspelt_key_in_a_rule_pack(install: Path, agreement: Path) -> None:
    pack = install / "lint" / "rules" / "structure.yaml"
    edit(pack, "  STR207:\n    name:", "  STR207:\n    severty: error\n    name:")
    result = lint(str(agreement))
    assert result.exit_code == 2
    where = place(pack, "severty")
    assert f"iop lint: structure.yaml:{where}: Okänd nyckel 'severty' i rules › STR207." in result.output
    assert "Menade du 'severity'?" in result.output
    result = lint(str(agreement), "--lang", "en")
    assert f"structure.yaml:{where}: Unknown key 'severty' in rules › STR207. Did you mean 'severity'?" in (
        result.output
    )


def test_a_misspelt_parameter_in_a_rule_pack(install: Path, agreement: Path) -> None:
    pack = install / "lint" / "rules" / "structure.yaml"
    edit(pack, "min_per_year: 1", "min_per_yaer: 1")
    result = lint(str(agreement))
    assert result.exit_code == 2
    where = place(pack, "min_per_yaer")
    assert f"structure.yaml:{where}: Okänd nyckel 'min_per_yaer'" in result.output
    assert "Menade du 'min_per_year'?" in result.output


def test_a_wrong_type_and_an_unknown_check_in_a_rule_pack(install: Path, agreement: Path) -> None:
    pack = install / "lint" / "rules" / "structure.yaml"
    edit(pack, "check: follow_up_frequency", "check: follow_up_frekvency")
    edit(pack, '    fields: ["ekonomi.resurser", "parter.*"]', "    fields: 5")
    result = lint(str(agreement))
    assert result.exit_code == 2
    line = place(pack, "fields: 5").split(":")[0]
    assert f"structure.yaml:{line}:13: 'fields' ska vara en text eller en lista, men här står ett heltal." in (
        result.output
    )
    edit(pack, "    fields: 5", '    fields: ["ekonomi.resurser", "parter.*"]')
    result = lint(str(agreement))
    assert result.exit_code == 2
    where = place(pack, "follow_up_frekvency")
    assert f"structure.yaml:{where}: STR207: kontrollen 'follow_up_frekvency' finns inte" in result.output
    assert "Menade du 'follow_up_frequency'?" in result.output


def test_a_misspelt_key_and_parameter_in_a_profile(install: Path, agreement: Path) -> None:
    folder = install / "lint" / "profiles"
    (folder / "trasig.yaml").write_text(
        "extend: bas\nrules:\n  STR207:\n    severity: error\n    params: {min_per_yaer: 2}\n", encoding="utf-8"
    )
    result = lint(str(agreement), "--profile", "trasig")
    assert result.exit_code == 2
    assert "iop lint: trasig.yaml:1:1: Okänd nyckel 'extend'. Menade du 'extends'?" in result.output
    edit(folder / "trasig.yaml", "extend:", "extends:")
    profiles._load.cache_clear()
    result = lint(str(agreement), "--profile", "trasig")
    assert result.exit_code == 2
    assert "trasig.yaml:5:14: Okänd nyckel 'min_per_yaer'" in result.output
    assert "Menade du 'min_per_year'?" in result.output
    edit(folder / "trasig.yaml", "min_per_yaer", "min_per_year")
    edit(folder / "trasig.yaml", "STR207:", "SRT207:")
    profiles._load.cache_clear()
    result = lint(str(agreement), "--profile", "trasig", "--lang", "en")
    assert result.exit_code == 2
    assert "trasig.yaml:3:3: The profile 'trasig' names the rule code SRT207, which no rule pack has." in (
        result.output
    )
    assert "Did you mean 'STR207'?" in result.output


def test_a_profile_named_by_the_agreement_that_is_broken_is_a_finding(
    install: Path, tmp_path: Path, base_data: dict[str, Any]
) -> None:
    (install / "lint" / "profiles" / "trasig.yaml").write_text(
        "extends: bas\nrules:\n  STR207: warnig\n", encoding="utf-8"
    )
    file = tmp_path / "avtal.yaml"
    file.write_text(dump(merge(base_data, {"riktlinjer": "trasig"})), encoding="utf-8")
    result = lint(str(file))
    assert result.exit_code == 1
    assert "CFG003" in result.output
    assert "trasig.yaml:3:11: Värdet 'warnig' är inte tillåtet för 'STR207'" in result.output
    assert "Menade du 'warning'?" in result.output


@pytest.mark.parametrize(
    ("folder", "name", "body", "sv"),
    [
        ("rules", "ond.yaml", "pack: ond\nrules: !!python/object/apply:os.system ['touch MARKER']\n", "YAML-taggen"),
        ("rules", "ond.yaml", BOMB, "alias"),
        ("rules", "ond.yaml", "pack: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n", "ond.yaml:1:"),
        ("rules", "ond.yaml", "pack: ond\nrules:\n  TST101: {name: x, category: form, message: 5}\n", "'message'"),
        ("rules", "ond.yaml", "pack: ond\nrules:\n  TST101:\n    - a\n", "'TST101' ska vara en samling"),
        (
            "rules",
            "ond.yaml",
            "pack: ond\nrules:\n  TST201: {name: x, category: form, check: co_financing,\n"
            "    message: {sv: '{count:>999999999}', en: '{count.__class__}'}}\n",
            "ond.yaml:4:19: 'message.sv' i TST201: en platshållare är bara ett namn",
        ),
        ("profiles", "bas.yaml", "extends: ../../../../etc/passwd\n", "'extends'"),
        ("profiles", "bas.yaml", "rules: !!python/object/apply:os.system ['touch MARKER']\n", "YAML-taggen"),
        ("profiles", "bas.yaml", "rules:\n  STR207: {params: [1]}\n", "'params' ska vara en samling"),
        ("profiles", "bas.yaml", BOMB, "alias"),
        ("profiles", "bas.yaml", "extends: bas\n", "Profilerna ärver i en cirkel: bas → bas."),
    ],
)
def test_a_hostile_pack_or_profile_is_a_clean_error(
    install: Path, agreement: Path, folder: str, name: str, body: str, sv: str
) -> None:
    (install / "lint" / folder / name).write_text(body, encoding="utf-8")
    result = lint(str(agreement))
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"iop lint: {name}:"), result.output
    assert sv in result.output, result.output
    assert not (install.parent / "MARKER").exists()
