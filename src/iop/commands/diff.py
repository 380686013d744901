"""``iop diff``: what changed in an agreement, in the agreement's own terms."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from iop.cliutil import EXIT_FINDINGS, EXIT_OK, lang_option, usage_error

if TYPE_CHECKING:
    from iop.revision.diff import AgreementDiff
    from iop.revision.fulldoc import Pair


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("specs", nargs=-1, metavar="[GAMMAL NY | FIL...]")
@click.option(
    "--git",
    "git_range",
    metavar="BAS..HEAD",
    help="Jämför alla överenskommelser som ändrats mellan två revisioner. / Every agreement changed in a range.",
)
@click.option(
    "--base",
    "base_rev",
    metavar="REV",
    help="Jämför varje FIL med samma fil i revisionen REV (för hooks). / Compare each FILE with REV.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "html", "pdf", "docx"]),
    default="text",
    show_default=True,
    help="Utdataformat. / Output format.",
)
@click.option(
    "-o",
    "--out",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Skriv till fil (krävs för pdf till terminal). / Write to a file.",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Färg i textformatet. / Colour in text output.",
)
@click.option(
    "--check-version",
    is_flag=True,
    help="Avsluta med 1 om innehållet ändrats utan höjd version eller rad i 'ändringar'. / Exit 1 when the version was not raised and logged.",
)
@click.option(
    "--exit-code",
    is_flag=True,
    help="Avsluta med 1 om det finns skillnader (som git diff --exit-code). / Exit 1 when anything differs.",
)
@lang_option
def diff(
    specs: tuple[str, ...],
    git_range: str | None,
    base_rev: str | None,
    fmt: str,
    output: Path | None,
    color: str,
    check_version: bool,
    exit_code: bool,
) -> None:
    """Visa vad som ändrats i en överenskommelse: avsnitt, parter, belopp, datum och ord.

    \b
    GAMMAL och NY är filer eller REV:sökväg (läses med git show), t.ex.
      iop diff main:agreements/avtal.yaml agreements/avtal.yaml
      iop diff --git origin/main..HEAD --format markdown
      iop diff --base HEAD --check-version agreements/avtal.yaml
      iop diff --format pdf -o ändringar.pdf v1.yaml v2.yaml
      iop diff --format docx -o ändringar.docx v1.yaml v2.yaml

    pdf, html och docx visar hela underskriftsexemplaret med ändringarna markerade
    på plats; docx som Words spårade ändringar (författare och datum från den nya
    versionens rad i 'ändringar'), som granskas med Godkänn och Avvisa.

    Slutkoder: 0 = klart (även när det finns skillnader), 1 = skillnader med
    --exit-code, versionen inte höjd med --check-version, eller en fil som inte
    kan läsas som överenskommelse; 2 = felaktig användning (okänd revision eller fil).
    """
    from iop.cliutil import collect_paths
    from iop.report.text import format_diagnostic
    from iop.revision import compare
    from iop.revision.sources import SourceError

    try:
        if git_range is not None:
            if specs or base_rev:
                raise usage_error("--git tar inga filer.", "--git takes no files.")
            outcome = compare.compare_range(git_range)
        elif base_rev is not None:
            if not specs:
                raise usage_error(
                    "Ange minst en fil efter --base REV.", "Give at least one file after --base REV."
                )
            outcome = compare.compare_against(base_rev, collect_paths(specs))
        else:
            if len(specs) != 2:
                raise usage_error(
                    "Ange två filer (GAMMAL NY), --git BAS..HEAD eller --base REV FIL...",
                    "Give two files (OLD NEW), --git BASE..HEAD or --base REV FILE...",
                )
            outcome = compare.compare_specs(specs[0], specs[1])
    except SourceError as exc:
        from iop.i18n import tr

        raise click.UsageError(tr(exc.message)) from None

    for d in outcome.errors:
        click.echo(format_diagnostic(d), err=True)

    _write(outcome.diffs, fmt, output, color)

    failed = bool(outcome.errors)
    if check_version and any(d.warnings for d in outcome.diffs):
        failed = True
    if exit_code and any(d.changed for d in outcome.diffs):
        failed = True
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


def _pairs(diffs: list[AgreementDiff]) -> list[Pair]:
    from iop.revision.fulldoc import Pair

    return [Pair(d.old_data or {}, d.new_data or {}) for d in diffs if d.old_data or d.new_data]


def _write(diffs: list[AgreementDiff], fmt: str, output: Path | None, color: str) -> None:
    from iop.revision import fulldoc, redline, report

    if fmt in ("pdf", "docx"):
        if output is None and sys.stdout.isatty():
            raise usage_error(
                f"{fmt.upper()} skrivs inte till terminalen: ange -o FIL.",
                f"{fmt.upper()} is not written to a terminal: use -o FILE.",
            )
        from iop.render.pandoc import RenderError

        pairs = _pairs(diffs)
        if fmt == "docx" and len(pairs) != 1:
            raise usage_error(
                "--format docx visar en överenskommelse i taget; jämför två filer (GAMMAL NY).",
                "--format docx shows one agreement at a time; compare two files (OLD NEW).",
            )
        try:
            if fmt == "docx":
                data = fulldoc.render_docx(pairs[0])
            else:  # nothing changed: the short report says so
                data = fulldoc.render_pdf(pairs) if pairs else redline.render_pdf(diffs)
        except RenderError as exc:
            click.echo(f"iop diff: {exc}", err=True)
            sys.exit(EXIT_FINDINGS)
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            output.write_bytes(data)
        return
    use_color = False
    if fmt == "html":
        pairs = _pairs(diffs)
        body = fulldoc.render_html(pairs).decode("utf-8") if pairs else redline.render_html(diffs)
    elif fmt == "markdown":
        body = report.render_markdown(diffs)
    else:
        use_color = color == "always" or (color == "auto" and output is None and sys.stdout.isatty())
        body = report.render_text(diffs, report.color_style if use_color else report.plain_style)
    if output is None:
        click.echo(body, nl=False, color=use_color or None)
    else:
        output.write_text(body, encoding="utf-8")
