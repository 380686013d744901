"""``iop validate PATH...``: check agreements against the schema and the cross-field rules."""

from __future__ import annotations

import click

from iop.cliutil import EXIT_FINDINGS, EXIT_OK, format_option, lang_option
from iop.report import FORMATS


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@format_option(*FORMATS)
@lang_option
def validate(paths: tuple[str, ...], fmt: str) -> None:
    """Validera överenskommelser (filer eller mappar) mot schemat.

    Kontrollerar YAML-syntax, schemat (obligatoriska avsnitt, okända nycklar,
    typer, tillåtna värden, datum) och det schemat inte kan uttrycka:
    part-referenser, unika part-id, start före slut och organisationsnummer
    (Luhn). Slutkod 0 = giltiga, 1 = fel hittades, 2 = användningsfel.
    """
    import sys

    from iop.cliutil import collect_paths, usage_error
    from iop.lint.cache import repo_root
    from iop.report import Report, render
    from iop.validation import check_file

    files = collect_paths(paths)
    if not files:
        raise usage_error(
            "Inga YAML-filer (.yaml, .yml) hittades i de angivna sökvägarna.",
            "No YAML files (.yaml, .yml) were found in the given paths.",
        )
    groups = [(str(path), check_file(path)) for path in files]
    out = render(fmt, Report(groups, root=repo_root(), colour=sys.stdout.isatty()))
    if out:
        click.echo(out)
    findings = [d for _, diagnostics in groups for d in diagnostics]
    raise SystemExit(EXIT_FINDINGS if any(d.severity == "error" for d in findings) else EXIT_OK)
