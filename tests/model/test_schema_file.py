"""The schema file itself: valid 2020-12, documented everywhere, closed, in referens order."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from model_contract import MANDATORY
from ruamel.yaml import YAML

from iop.assets import schema_path


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_path().read_text(encoding="utf-8"))
    return loaded


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref:
        return {**schema["$defs"][ref.rsplit("/", 1)[-1]], **node}
    return node


def _objects(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []

    def walk(node: dict[str, Any], where: str) -> None:
        node = _resolve(schema, node)
        if node.get("type") == "object":
            found.append((where, node))
        for key, child in node.get("properties", {}).items():
            walk(child, f"{where}/{key}")
        if isinstance(node.get("items"), dict):
            walk(node["items"], f"{where}/*")

    walk(schema, "")
    return found


def test_schema_passes_the_2020_12_metaschema(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("https://")
    Draft202012Validator.check_schema(schema)


def test_check_jsonschema_accepts_the_schema_and_the_reference(repo_root: Path) -> None:
    exe = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run(
        [str(exe), "--schemafile", str(schema_path()), str(repo_root / "schema" / "referens.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_object_is_closed_and_every_property_documented(schema: dict[str, Any]) -> None:
    objects = _objects(schema)
    assert len(objects) > 10
    for where, node in objects:
        assert node.get("additionalProperties") is False, where
        for key, child in node["properties"].items():
            child = _resolve(schema, child)
            assert child.get("title"), f"{where}/{key} has no title"
            assert len(child.get("description", "")) > 10, f"{where}/{key} has no description"
            english = child.get("x-en", {})
            assert english.get("title") and len(english.get("description", "")) > 10, (
                f"{where}/{key}: no x-en"
            )


def test_mandatory_sections_are_required(schema: dict[str, Any]) -> None:
    required = set(schema["required"])
    assert set(MANDATORY) <= required
    assert {"schemaversion", "id", "titel", "version", "status"} <= required
    assert set(schema["properties"]["omförhandling"]["required"]) == {
        "omförhandling",
        "uppsägning",
        "hävning",
        "tvist",
    }


def test_property_order_follows_referens(schema: dict[str, Any], repo_root: Path) -> None:
    """The schema's order is the canonical section order; referens.yaml shows the same order."""
    referens = YAML(typ="rt").load((repo_root / "schema" / "referens.yaml").read_text(encoding="utf-8"))

    def check(ref_node: Any, schema_node: dict[str, Any], where: str) -> None:
        schema_node = _resolve(schema, schema_node)
        if isinstance(ref_node, dict):
            order = list(schema_node["properties"])
            keys = list(ref_node)
            assert all(k in order for k in keys), f"{where}: {keys} not all in schema"
            assert keys == sorted(keys, key=order.index), f"{where}: order differs"
            for key, value in ref_node.items():
                check(value, schema_node["properties"][key], f"{where}/{key}")
        elif isinstance(ref_node, list) and ref_node:
            for item in ref_node:
                check(item, schema_node["items"], f"{where}/*")

    check(referens, schema, "")


def test_riktlinjer_is_an_open_slug_not_an_enum(schema: dict[str, Any]) -> None:
    riktlinjer = schema["properties"]["riktlinjer"]
    assert "enum" not in riktlinjer
    validator = Draft202012Validator(riktlinjer)
    assert validator.is_valid("en-ny-profil")
    assert not validator.is_valid("Örebro")
    assert {"bas", "orebro", "malmo", "stockholm", "goteborg"} <= set(riktlinjer["examples"])


def test_editors_on_draft_07_see_the_same_rules(schema: dict[str, Any], repo_root: Path) -> None:
    """yaml-language-server validates with draft-07 semantics: the schema uses only keywords
    both drafts share, so an editor flags exactly what ``iop validate`` flags."""
    from jsonschema import Draft7Validator

    from iop.loader import load

    draft7 = {k: v for k, v in schema.items() if k != "$schema"}
    Draft7Validator.check_schema(draft7)
    new, old = Draft202012Validator(schema), Draft7Validator(draft7)
    data = load(repo_root / "schema" / "referens.yaml").data
    broken = json.loads(json.dumps(data))
    broken["parter"][1]["typ"] = "förening"
    broken["styrgrupp"]["möten"] = 4
    del broken["omförhandling"]["tvist"]
    broken["insatser"] = []
    broken["ekonomi"]["resurser"][0]["belopp_per_år"] = "mycket"

    def errors(validator: Any, doc: Any) -> set[tuple[str, str]]:
        return {("/".join(map(str, e.absolute_path)), str(e.validator)) for e in validator.iter_errors(doc)}

    assert errors(new, data) == errors(old, data) == set()
    assert errors(new, broken) == errors(old, broken)
    assert len(errors(new, broken)) >= 5
