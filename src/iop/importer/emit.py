"""The draft as commented YAML: guesses marked ``# iop import: kontrollera …``, gaps listed."""

from __future__ import annotations

import io
from typing import Any

from iop.importer.assemble import Draft, Path_

MARK = "iop import: kontrollera"
MISSING_MARK = "iop import: saknas i källan, fyll i"


def required_missing(data: dict[str, Any]) -> list[tuple[str, ...]]:
    """Required places of the schema that the draft leaves empty (top level and one level down)."""
    from iop.validation.schema import schema

    s = schema()
    missing: list[tuple[str, ...]] = []
    for key in s.get("required") or []:
        value = data.get(key)
        if value in (None, "", [], {}):
            missing.append((key,))
            continue
        sub = (s.get("properties") or {}).get(key) or {}
        if isinstance(value, dict):
            for k in sub.get("required") or []:
                if value.get(k) in (None, "", [], {}):
                    missing.append((key, k))
    return missing


def _node(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, dict):
        m = CommentedMap()
        for k, v in value.items():
            m[k] = _node(v)
        return m
    if isinstance(value, list):
        return CommentedSeq([_node(v) for v in value])
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value.rstrip("\n") + "\n")
    return value


def _comment(root: Any, path: Path_, note: str) -> None:
    from ruamel.yaml.comments import CommentedMap

    parent: Any = root
    for step in path[:-1]:
        try:
            parent = parent[step]
        except (KeyError, IndexError, TypeError):
            return
    key = path[-1]
    if isinstance(key, int):
        try:
            item = parent[key]
        except (IndexError, TypeError):
            return
        if isinstance(item, CommentedMap) and item:
            parent, key = item, next(iter(item))
        else:
            return
    if isinstance(parent, CommentedMap) and key in parent:
        indent = 2 * sum(1 for p in path[:-1] if not isinstance(p, int)) + 2 * sum(
            1 for p in path if isinstance(p, int)
        )
        parent.yaml_set_comment_before_after_key(key, before=note, indent=indent)


def to_yaml(draft: Draft, source_name: str) -> tuple[str, list[tuple[str, ...]]]:
    """YAML text of the draft and the required places it leaves empty."""
    from ruamel.yaml import YAML

    from iop.render.document import schema_info

    order = {k: i for i, k in enumerate(schema_info().order)}
    data = dict(sorted(draft.data.items(), key=lambda kv: order.get(kv[0], len(order))))
    missing = required_missing(data)
    for gap in missing:
        node = data
        for k in gap[:-1]:
            node = node.setdefault(k, {})
        node.setdefault(gap[-1], None)
    root = _node(data)
    for path, reason in draft.guesses.items():
        _comment(root, path, f"{MARK}: {reason}")
    for gap in missing:
        _comment(root, gap, MISSING_MARK)
    head = [
        "yaml-language-server: $schema=../schema/iop-overenskommelse.schema.json",
        f"Importerad med iop import från {source_name}. Kontrollera varje rad märkt '{MARK}'.",
    ]
    if missing:
        head.append("Saknas: " + ", ".join(" › ".join(p) for p in missing) + ".")
    if draft.unplaced:
        head.append(
            "Avsnitt som inte kunde placeras (under övriga avsnitt): " + ", ".join(draft.unplaced) + "."
        )
    root.yaml_set_start_comment("\n".join(head))
    yaml = YAML(typ="rt", pure=True)
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    buffer = io.StringIO()
    yaml.dump(root, buffer)
    out = buffer.getvalue()
    try:
        from iop.revision.fmt import format_source

        out = format_source(out, source_name)
    except Exception:
        pass
    return out, missing
