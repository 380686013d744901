"""``iop validate PATH...``: check agreements against the schema and the cross-field rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from iop.cliutil import EXIT_FINDINGS, EXIT_OK, format_option, lang_option

if TYPE_CHECKING:
    pass


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@format_option("text", "json")
@lang_option
def validate(paths: tuple[str, ...], fmt: str) -> None:
    """Validera överenskommelser (filer eller mappar) mot schemat.

    Kontrollerar YAML-syntax, schemat (obligatoriska avsnitt, okända nycklar,
    typer, tillåtna värden, datum) och det schemat inte kan uttrycka:
    part-referenser, unika part-id, start före slut och organisationsnummer
    (Luhn). Slutkod 0 = giltiga, 1 = fel hittades, 2 = användningsfel.
    """
    from iop.cliutil import collect_paths, usage_error
    from iop.report.text import format_diagnostic, summary
    from iop.validation import check_file

    files = collect_paths(paths)
    if not files:
        raise usage_error(
            "Inga YAML-filer (.yaml, .yml) hittades i de angivna sökvägarna.",
            "No YAML files (.yaml, .yml) were found in the given paths.",
        )
    findings = [d for path in files for d in check_file(path)]
    if fmt == "json":
        from iop.report.json import render

        click.echo(render(findings, len(files)))
    else:
        for d in findings:
            click.echo(format_diagnostic(d))
        click.echo(summary(findings, len(files)))
    raise SystemExit(EXIT_FINDINGS if any(d.severity == "error" for d in findings) else EXIT_OK)
