"""lint/rules/schema.yaml lists exactly the codes the loader, the validation, the PDF font check and
the internal-error finding emit."""

from __future__ import annotations

import re
from pathlib import Path

from iop.lint.rules import load_rules

CODE = re.compile(r'"((?:YAML|SCH|IOP|IO|PDF)[0-9]{3})"')


def emitted(repo_root: Path) -> set[str]:
    sources = [
        repo_root / "src" / "iop" / "loader.py",
        repo_root / "src" / "iop" / "internal.py",
        repo_root / "src" / "iop" / "render" / "glyphs.py",
        *sorted((repo_root / "src" / "iop" / "validation").glob("*.py")),
    ]
    return {code for path in sources for code in CODE.findall(path.read_text(encoding="utf-8"))}


def test_catalogue_matches_the_codes_in_the_code(repo_root: Path) -> None:
    rules = load_rules([repo_root / "lint" / "rules" / "schema.yaml"])
    codes = emitted(repo_root)
    assert len(codes) >= 20
    assert codes == set(rules)
    for rule in rules.values():
        assert rule.category == "schema" and rule.severity == "error"
        assert rule.message["sv"] and rule.message["en"] and rule.explanation["sv"] and rule.explanation["en"]
        assert rule.kind == "schema"
