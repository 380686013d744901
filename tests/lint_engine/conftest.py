"""Fixtures for the lint engine tests: a valid base agreement and fragment merging."""

from __future__ import annotations

import io
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from iop import i18n
from iop.lint.ruleset import RuleSet

REPO = Path(__file__).resolve().parents[2]


@cache
def shared_ruleset() -> RuleSet:
    """The installed rule packs, loaded once per test process (as ``iop lint`` does once per run)."""
    return RuleSet.load()


def merge(base: Any, fragment: Any) -> Any:
    """Deep-merge ``fragment`` over ``base``: mappings merge, a ``None`` value deletes the key."""
    if isinstance(base, dict) and isinstance(fragment, dict):
        out = dict(base)
        for key, value in fragment.items():
            if value is None:
                out.pop(key, None)
            else:
                out[key] = merge(base.get(key), value)
        return out
    return fragment


def dump(data: Any) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def base_data() -> dict[str, Any]:
    """schema/referens.yaml as plain data (a valid agreement with Luhn-valid numbers)."""
    data = YAML(typ="safe", pure=True).load((REPO / "schema" / "referens.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(autouse=True)
def swedish() -> Iterator[None]:
    """Every test starts and ends in Swedish (``--lang en`` changes a process global)."""
    i18n.set_lang("sv")
    yield
    i18n.set_lang("sv")
