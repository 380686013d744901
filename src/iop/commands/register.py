"""``iop register -o DIR [PATH...]``: the public register as a static website."""

from __future__ import annotations

import click

from iop.cliutil import EXIT_FINDINGS, EXIT_OK, lang_option
from iop.commands.deadline_options import default_paths


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "-o",
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False),
    metavar="MAPP",
    help="Mappen som webbplatsen skrivs till. / The folder to write the website to.",
)
@click.option("--no-pdf", is_flag=True, help="Skapa inga PDF:er (snabbare). / Do not render PDFs.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
    help="Antal processer för PDF:erna (standard 2). / Worker processes for the PDFs.",
)
@lang_option
def register(paths: tuple[str, ...], out: str, no_pdf: bool, jobs: int | None) -> None:
    """Skapa det offentliga registret: en statisk webbplats som fungerar direkt från filsystemet.

    Registret listar varje överenskommelse som är beslutad, undertecknad,
    gällande eller avslutad (inte utkast), med sökning och filter på part,
    status, område och år, en sida per överenskommelse med samma innehåll som
    underskriftsexemplaret och en länk till PDF:en. Fält som schemat märker som
    personuppgifter (x-personuppgift: kontaktpersoner, namnförtydliganden) tas
    aldrig med. Utan sökväg läses mappen agreements/. Slutkod 0 = klart, 1 =
    någon fil kunde inte läsas eller renderas, eller mappen kunde inte skrivas,
    2 = användningsfel.
    """
    import sys
    from pathlib import Path

    from iop.cliutil import collect_paths, usage_error
    from iop.i18n import text, tr
    from iop.oserror_text import reason
    from iop.register.site import RegisterWriteError, build_site
    from iop.report.text import format_diagnostic

    files = collect_paths(default_paths(paths))
    if not files:
        raise usage_error(
            "Inga YAML-filer (.yaml, .yml) hittades i de angivna sökvägarna.",
            "No YAML files (.yaml, .yml) were found in the given paths.",
        )
    target = Path(out)
    units = len(files) * (1 if no_pdf else 2)
    try:
        if len(files) > 1 and sys.stderr.isatty():
            with click.progressbar(
                length=units, label=tr(text("Bygger registret", "Building the register")), file=sys.stderr
            ) as bar:
                result = build_site(files, target, with_pdf=not no_pdf, step=lambda: bar.update(1), jobs=jobs)
        else:
            result = build_site(files, target, with_pdf=not no_pdf, jobs=jobs)
    except RegisterWriteError as exc:
        why = tr(reason(exc.error))
        click.echo(
            tr(
                text(
                    f"iop: kan inte skriva registret till '{exc.path}': {why}. "
                    "Välj med -o en mapp som du får skriva i.",
                    f"iop: cannot write the register to '{exc.path}': {why}. "
                    "Choose with -o a folder you may write to.",
                )
            ),
            err=True,
        )
        raise SystemExit(EXIT_FINDINGS) from None
    for d in result.problems:
        click.echo(format_diagnostic(d), err=True)
    for path, count in result.pdf_refused:
        click.echo(
            tr(
                text(
                    f"{path}: ingen PDF ({count} fel i granskningen; kör 'iop lint {path}').",
                    f"{path}: no PDF ({count} errors in the review; run 'iop lint {path}').",
                )
            ),
            err=True,
        )
    for path, why in result.pdf_failed:
        click.echo(
            tr(text(f"{path}: PDF:en kunde inte skapas: ", f"{path}: the PDF failed: ")) + why, err=True
        )
    click.echo(
        tr(
            text(
                f"skrev {target / 'index.html'}: {len(result.entries)} överenskommelser i registret, "
                f"{len(result.drafts)} utkast utelämnade.",
                f"wrote {target / 'index.html'}: {len(result.entries)} agreements in the register, "
                f"{len(result.drafts)} drafts left out.",
            )
        )
    )
    failed = result.problems or result.pdf_refused or result.pdf_failed
    raise SystemExit(EXIT_FINDINGS if failed else EXIT_OK)
