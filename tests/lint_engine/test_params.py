"""Every check declares its parameters; a misspelt parameter in a pack or profile is an error
at its file, line and column with a suggestion, in Swedish (English with --lang en)."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop.lint.checks import registry
from iop.lint.config import LintConfig
from iop.lint.params import declarations, kind_of
from iop.lint.profiles import ProfileError
from iop.lint.rules import RulePackError, load_rules
from iop.lint.ruleset import RuleSet

PACK = """pack: test
rules:
  TST201:
    name: uppfoljning
    category: uppföljning
    fields: ["uppföljning.gånger_per_år"]
    check: follow_up_frequency
    params:
      min_per_yaer: 5
    message: {sv: "Uppföljning {count}", en: "Follow-up {count}"}
"""


def test_every_check_and_every_shipped_rule_has_a_declaration() -> None:
    assert set(registry()) <= set(declarations())
    assert {kind_of(r) for r in load_rules().values()} <= set(declarations())


def test_misspelt_pack_parameter_is_an_error_with_place_and_suggestion(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK, encoding="utf-8")
    with pytest.raises(RulePackError) as err:
        load_rules([pack])
    sv, en = err.value.message["sv"], err.value.message["en"]
    assert sv.startswith("pack.yaml:9:7: Okänd nyckel 'min_per_yaer'"), sv
    assert "Menade du 'min_per_year'?" in sv
    assert "Did you mean 'min_per_year'?" in en
    pack.write_text(PACK.replace("min_per_yaer: 5", "min_per_year: fem"), encoding="utf-8")
    with pytest.raises(RulePackError) as err:
        load_rules([pack])
    assert err.value.message["sv"].startswith("pack.yaml:9:21: ")
    pack.write_text(PACK.replace("min_per_yaer: 5", "min_per_year: 5"), encoding="utf-8")
    assert load_rules([pack])["TST201"].params == {"min_per_year": 5}


def test_misspelt_profile_parameter_is_an_error_with_place_and_suggestion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, repo_root: Path
) -> None:
    import shutil

    from iop.lint import profiles

    folder = tmp_path / "profiler"
    shutil.copytree(repo_root / "lint" / "profiles", folder)
    (folder / "trasig.yaml").write_text(
        "extends: bas\nrules:\n  STR207:\n    severity: error\n    params: {min_per_yaer: 2}\n", encoding="utf-8"
    )
    monkeypatch.setattr(profiles, "profile_dirs", lambda: [folder])
    profiles._load.cache_clear()
    try:
        with pytest.raises(ProfileError) as err:
            RuleSet.load().plan("trasig", LintConfig())
    finally:
        profiles._load.cache_clear()
    sv = err.value.message["sv"]
    assert sv.startswith("trasig.yaml:5:14: Okänd nyckel 'min_per_yaer'"), sv
    assert "Menade du 'min_per_year'?" in sv
