"""Repository defaults from .iop.yaml or [tool.iop] in pyproject.toml, found upward."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from iop.lint.config import ConfigError, LintConfig, find_config
from iop.lint.document import lint_document
from iop.loader import loads

from .conftest import dump, merge, shared_ruleset


def test_pyproject_found_from_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.iop]\nprofile = "orebro"\nfail-on = "warning"\n'
        'disable = ["STR212"]\nseverity = { STR204 = "info" }\n',
        encoding="utf-8",
    )
    sub = tmp_path / "avtal" / "2025"
    sub.mkdir(parents=True)
    config = find_config(sub)
    assert config.profile == "orebro"
    assert config.fail_on == "warning"
    assert config.disable == ("STR212",)
    assert dict(config.severity) == {"STR204": "info"}
    assert config.file == tmp_path / "pyproject.toml"


def test_iop_yaml_wins_over_pyproject_in_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.iop]\nprofile = "orebro"\n', encoding="utf-8")
    (tmp_path / ".iop.yaml").write_text("profile: malmo\ncache: false\n", encoding="utf-8")
    config = find_config(tmp_path)
    assert config.profile == "malmo"
    assert config.cache is False


def test_pyproject_without_section_is_skipped(tmp_path: Path) -> None:
    (tmp_path / ".iop.yaml").write_text("profile: stockholm\n", encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(inner).profile == "stockholm"


@pytest.mark.parametrize(
    "body",
    ["profil: orebro\n", "fail-on: sometimes\n", "severity: {STR204: fatal}\n", "cache: ja\n", "- a\n"],
)
def test_malformed_config_is_an_error(tmp_path: Path, body: str) -> None:
    (tmp_path / ".iop.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError):
        find_config(tmp_path)


def test_config_disables_and_overrides(base_data: dict[str, Any]) -> None:
    data = merge(base_data, {"riktlinjer": "bas", "uppföljning": {"gånger_per_år": 0}})
    doc = loads(dump(data).encode(), "a.yaml")
    plain = {d.rule: d.severity for d in lint_document(doc, shared_ruleset(), config=LintConfig())}
    assert plain["STR207"] == "warning"
    raised = {d.rule: d.severity for d in lint_document(doc, shared_ruleset(), config=LintConfig(severity={"STR207": "error"}))}
    assert raised["STR207"] == "error"
    off = {d.rule for d in lint_document(doc, shared_ruleset(), config=LintConfig(disable=("STR207",)))}
    assert "STR207" not in off


def test_config_profile_is_the_default_when_riktlinjer_is_absent(base_data: dict[str, Any]) -> None:
    data = merge(base_data, {"riktlinjer": None, "uppföljning": {"gånger_per_år": 0}})
    doc = loads(dump(data).encode(), "a.yaml")
    found = {d.rule: d.severity for d in lint_document(doc, shared_ruleset(), config=LintConfig(profile="orebro"))}
    assert found["STR207"] == "error"


def test_broken_settings_become_a_finding_for_other_callers(
    base_data: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """render calls lint_document(doc, shared_ruleset()) without a config: a broken .iop.yaml must not crash it."""
    monkeypatch.chdir(tmp_path)
    doc = loads(dump(merge(base_data, {"riktlinjer": None})).encode(), "a.yaml")
    (tmp_path / ".iop.yaml").write_text("fail-on: ibland\n", encoding="utf-8")
    found = {d.rule: d for d in lint_document(doc, shared_ruleset())}
    assert found["CFG003"].severity == "error"
    assert "fail-on" in found["CFG003"].message["sv"]
    (tmp_path / ".iop.yaml").write_text("profile: uppsala\n", encoding="utf-8")
    found = {d.rule: d for d in lint_document(doc, shared_ruleset())}
    assert "uppsala" in found["CFG003"].message["sv"]
