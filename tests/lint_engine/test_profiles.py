"""Profiles: inheritance, overrides, cycles, and how an agreement picks its profile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from iop.lint.config import LintConfig
from iop.lint.document import lint_document
from iop.lint.profiles import ProfileError, available, load_profile
from iop.loader import loads

from .conftest import dump, merge, shared_ruleset


def _write(folder: Path, name: str, body: str) -> None:
    (folder / f"{name}.yaml").write_text(body, encoding="utf-8")


def test_shipped_profiles_extend_bas_and_resolve() -> None:
    names = available()
    assert {"bas", "orebro", "malmo", "stockholm", "goteborg"} <= set(names)
    for name in names:
        profile = load_profile(name)
        assert profile.chain[-1] == "bas"
        assert profile.title["sv"] and profile.title["en"]
        shared_ruleset().plan(name, LintConfig())  # every code it names exists in a rule pack


def test_extends_chain_merges_severity_and_params(tmp_path: Path) -> None:
    _write(tmp_path, "bas", "rules: {}\n")
    _write(
        tmp_path, "mitten", "extends: bas\nrules:\n  STR207: {severity: error, params: {min_per_year: 2}}\n"
    )
    _write(tmp_path, "topp", "extends: mitten\nrules:\n  STR207: {params: {extra: 1}}\n  STR212: off\n")
    profile = load_profile("topp", [tmp_path])
    assert profile.chain == ("topp", "mitten", "bas")
    assert profile.settings["STR207"].severity == "error"
    assert dict(profile.settings["STR207"].params) == {"min_per_year": 2, "extra": 1}
    assert profile.settings["STR212"].enabled is False


def test_cycle_is_a_clear_error(tmp_path: Path) -> None:
    _write(tmp_path, "a", "extends: b\n")
    _write(tmp_path, "b", "extends: a\n")
    with pytest.raises(ProfileError) as info:
        load_profile("a", [tmp_path])
    assert "a → b → a" in info.value.message["sv"]


def test_missing_parent_and_bad_severity(tmp_path: Path) -> None:
    _write(tmp_path, "x", "extends: finnsinte\n")
    with pytest.raises(ProfileError, match="finnsinte"):
        load_profile("x", [tmp_path])
    _write(tmp_path, "y", "rules:\n  STR207: {severity: kritisk}\n")
    with pytest.raises(ProfileError, match="kritisk"):
        load_profile("y", [tmp_path])


def _codes(data: dict[str, Any], **kwargs: Any) -> dict[str, str]:
    doc = loads(dump(data).encode(), "a.yaml")
    return {d.rule: d.severity for d in lint_document(doc, shared_ruleset(), config=LintConfig(), **kwargs)}


def test_riktlinjer_picks_profile_and_flag_overrides(base_data: dict[str, Any]) -> None:
    never = merge(base_data, {"uppföljning": {"gånger_per_år": 0}})
    assert _codes(merge(never, {"riktlinjer": "bas"}))["STR207"] == "warning"
    assert _codes(merge(never, {"riktlinjer": "orebro"}))["STR207"] == "error"
    assert _codes(merge(never, {"riktlinjer": "orebro"}), profile="bas")["STR207"] == "warning"


def test_stockholm_makes_repayment_an_error(base_data: dict[str, Any]) -> None:
    data = merge(base_data, {"ekonomi": {"återbetalning": None}})
    assert _codes(merge(data, {"riktlinjer": "bas"}))["STR209"] == "warning"
    assert _codes(merge(data, {"riktlinjer": "stockholm"}))["STR209"] == "error"


def test_malmo_requires_the_initiative(base_data: dict[str, Any]) -> None:
    assert "STR219" not in _codes(merge(base_data, {"riktlinjer": "bas"}))
    assert _codes(merge(base_data, {"riktlinjer": "malmo"}))["STR219"] == "warning"


def test_unknown_riktlinjer_is_a_finding_and_falls_back(base_data: dict[str, Any]) -> None:
    codes = _codes(merge(base_data, {"riktlinjer": "uppsala", "uppföljning": {"gånger_per_år": 0}}))
    assert codes["CFG001"] == "warning"
    assert codes["STR207"] == "warning"  # bas


def test_unknown_explicit_profile_raises(base_data: dict[str, Any]) -> None:
    doc = loads(dump(base_data).encode(), "a.yaml")
    with pytest.raises(ProfileError, match="uppsala"):
        lint_document(doc, shared_ruleset(), profile="uppsala", config=LintConfig())
