"""``iop rules [KOD]``: list every rule, or explain one with its source and examples."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from iop.cliutil import EXIT_USAGE, format_option, lang_option

if TYPE_CHECKING:
    from iop.lint.rules import Rule

WIDTH = 100


@click.command()
@click.argument("code", required=False)
@format_option("text", "json")
@lang_option
def rules(code: str | None, fmt: str) -> None:
    """Lista alla regler, eller förklara en regel (t.ex. 'iop rules LOU104').

    Listan visar kod, allvarlighetsgrad, kategori, namn och meddelande för varje
    regel i lint/rules/ (text-, struktur- och schemaregler). Med en kod visas
    meddelande, förklaring, källa, hur man kan skriva i stället och exempel som
    ger fynd och nära missar som inte gör det.
    """
    from iop.i18n import tr
    from iop.lint.rules import RulePackError, load_rules

    try:
        all_rules = load_rules()
    except RulePackError as exc:
        click.echo(f"iop: {tr(exc.message)}", err=True)
        raise SystemExit(EXIT_USAGE) from None
    if code is None:
        ordered = sorted(all_rules.values(), key=lambda r: r.code)
        click.echo(_as_json(ordered) if fmt == "json" else _listing(ordered))
        return
    rule = _find(all_rules, code)
    click.echo(_as_json([rule]) if fmt == "json" else _explain(rule))


def _find(all_rules: dict[str, Rule], wanted: str) -> Rule:
    """The rule with this code or name; a usage error (exit 2) with suggestions otherwise."""
    import difflib

    from iop.cliutil import usage_error

    key = wanted.strip()
    if key.upper() in all_rules:
        return all_rules[key.upper()]
    by_name = {r.name: r for r in all_rules.values()}
    if key.lower() in by_name:
        return by_name[key.lower()]
    candidates = difflib.get_close_matches(key.upper(), list(all_rules), n=3, cutoff=0.6)
    candidates += [by_name[n].code for n in difflib.get_close_matches(key.lower(), list(by_name), n=2)]
    unique = list(dict.fromkeys(candidates))
    hint_sv = f" Menade du {_either(unique, 'eller')}?" if unique else ""
    hint_en = f" Did you mean {_either(unique, 'or')}?" if unique else ""
    raise usage_error(
        f"Det finns ingen regel '{wanted}'.{hint_sv} 'iop rules' listar alla regler.",
        f"There is no rule '{wanted}'.{hint_en} 'iop rules' lists every rule.",
    )


def _either(items: list[str], word: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def _template(message: str) -> str:
    """A message with its placeholders shown as '…' (for the listing)."""
    import re

    return re.sub(r"\{[a-z_]+\}", "…", message)


def _listing(ordered: list[Rule]) -> str:
    from iop.diagnostics import SEVERITY_NAMES
    from iop.i18n import text, tr

    lines = []
    for r in ordered:
        severity = tr(SEVERITY_NAMES[r.severity])
        lines.append(f"{r.code:8s} {severity:8s} {r.category:16s} {r.name}")
        lines.append(f"{'':8s} {_template(tr(r.message))}")
    lines.append(
        tr(
            text(
                f"{len(ordered)} regler. Förklara en regel med 'iop rules KOD'.",
                f"{len(ordered)} rules. Explain one with 'iop rules CODE'.",
            )
        )
    )
    return "\n".join(lines)


def _block(title: str, body: str) -> list[str]:
    import textwrap

    if not body:
        return []
    out = [title]
    for para in body.split("\n"):
        out.extend(textwrap.wrap(para, WIDTH, initial_indent="  ", subsequent_indent="  ") or [""])
    return [*out, ""]


def _explain(r: Rule) -> str:
    import textwrap

    from iop.assets import asset_root
    from iop.diagnostics import SEVERITY_NAMES
    from iop.i18n import current, text, tr

    en = current() == "en"
    kinds = {
        "text": text("textregel (ordval)", "text rule (wording)"),
        "structure": text("strukturregel", "structural rule"),
        "schema": text("schemaregel (iop validate)", "schema rule (iop validate)"),
        "model": text("modellregel (inlärd, lint/model/)", "model rule (trained, lint/model/)"),
    }
    where = r.file
    if where is not None and where.is_relative_to(asset_root()):
        where = where.relative_to(asset_root())
    lines = [f"{r.code}  {r.name}", ""]
    facts = [
        (
            text("Allvarlighetsgrad", "Severity"),
            tr(SEVERITY_NAMES[r.severity])
            + tr(text(" (förval; profilen kan ändra den)", " (default; the profile may change it)")),
        ),
        (text("Kategori", "Category"), r.category),
        (text("Typ", "Kind"), tr(kinds[r.kind])),
        (text("Fält", "Fields"), ", ".join(r.fields)),
        (text("Regelfil", "Rule pack"), str(where) if where else r.pack),
    ]
    if r.params:
        facts.append((text("Parametrar", "Parameters"), ", ".join(f"{k}={v}" for k, v in r.params.items())))
    for label, value in facts:
        lines.append(f"{tr(label) + ':':20s}{value}")
    lines.append("")
    lines += _block(tr(text("Meddelande", "Message")), tr(r.message))
    lines += _block(tr(text("Förklaring", "Explanation")), tr(r.explanation) if r.explanation else "")
    lines += _block(tr(text("Källa", "Source")), tr(r.source) if r.source else "")
    lines += _block(tr(text("Skriv i stället", "Write instead")), tr(r.rephrase) if r.rephrase else "")
    for title, examples in (
        (text("Exempel som ger fynd", "Examples that fire"), r.examples.fires),
        (text("Nära missar som inte ger fynd", "Near misses that do not fire"), r.examples.passes),
    ):
        if examples:
            lines.append(tr(title))
            for ex in examples:
                lines.extend(textwrap.wrap(ex, WIDTH, initial_indent="  - ", subsequent_indent="    "))
            lines.append("")
    if r.examples.fires and en:
        lines.append("The examples are in Swedish, like the agreements they are written for.")
    return "\n".join(lines).rstrip()


def _as_json(ordered: list[Rule]) -> str:
    import json

    from iop.i18n import tr

    items = [
        {
            "code": r.code,
            "name": r.name,
            "kind": r.kind,
            "category": r.category,
            "severity": r.severity,
            "fields": list(r.fields),
            "message": tr(r.message),
            "explanation": tr(r.explanation) if r.explanation else "",
            "source": tr(r.source) if r.source else "",
            "rephrase": tr(r.rephrase) if r.rephrase else "",
            "examples": {"fires": list(r.examples.fires), "passes": list(r.examples.passes)},
            "pack": r.pack,
        }
        for r in ordered
    ]
    return json.dumps({"rules": items}, ensure_ascii=False, indent=2)
