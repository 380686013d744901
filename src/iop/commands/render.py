"""``iop render PATH...``: signing copies as PDF/A, DOCX and HTML."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from iop.cliutil import EXIT_FINDINGS, EXIT_OK, lang_option

if TYPE_CHECKING:
    from iop.render.batch import Job, Outcome

FORMAT_CHOICES = ("pdf", "docx", "html")


def _formats(values: tuple[str, ...]) -> tuple[str, ...]:
    from iop.cliutil import usage_error

    chosen: list[str] = []
    for value in values or ("pdf",):
        for part in value.split(","):
            fmt = part.strip().lower()
            if not fmt:
                continue
            if fmt not in FORMAT_CHOICES:
                raise usage_error(
                    f"Okänt format '{fmt}'; välj bland pdf, docx och html.",
                    f"Unknown format '{fmt}'; choose from pdf, docx and html.",
                )
            if fmt not in chosen:
                chosen.append(fmt)
    return tuple(chosen) or ("pdf",)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--to",
    "to",
    multiple=True,
    metavar="pdf|docx|html",
    help="Format; upprepa eller ange en kommalista (standard: pdf). / Output format(s).",
)
@click.option(
    "-o",
    "--out",
    "out_dir",
    default="build",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Mapp för de renderade filerna. / Output folder.",
)
@click.option(
    "--draft",
    is_flag=True,
    help="Rendera även med fel, som UTKAST (vattenmärke). / Render anyway, as a draft.",
)
@click.option(
    "--public",
    is_flag=True,
    help="Offentligt exemplar: utan personuppgifter (fält märkta x-personuppgift i schemat). "
    "/ Public copy without personal data.",
)
@click.option("--force", is_flag=True, help="Rendera om även aktuella filer. / Re-render up-to-date outputs.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
    help="Antal processer (standard 2). / Worker processes.",
)
@lang_option
def render(
    paths: tuple[str, ...],
    to: tuple[str, ...],
    out_dir: str,
    draft: bool,
    public: bool,
    force: bool,
    jobs: int | None,
) -> None:
    """Rendera överenskommelser till underskriftsexemplar (PDF/A, DOCX, HTML).

    PDF:en är PDF/A-2b med ett tomt signaturfält per undertecknare (namngivet
    efter partens id), sidfot med version och sidnummer, och källfilens SHA-256
    och git-commit i metadata (visa med 'iop info'). En överenskommelse med fel
    i validering eller granskning renderas inte; --draft renderar ändå, med
    vattenmärket UTKAST. --public utelämnar personuppgifter (kontaktpersoner,
    namnförtydliganden). Filer som redan är aktuella hoppas över (--force).
    Slutkod 0 = klart, 1 = någon fil vägrades eller misslyckades, 2 = användningsfel.
    """
    import sys
    from pathlib import Path

    from iop.cliutil import collect_paths, usage_error
    from iop.i18n import text, tr
    from iop.render.batch import Job
    from iop.report.text import format_diagnostic

    formats = _formats(to)
    files = collect_paths(paths)
    if not files:
        raise usage_error(
            "Inga YAML-filer (.yaml, .yml) hittades i de angivna sökvägarna.",
            "No YAML files (.yaml, .yml) were found in the given paths.",
        )
    stems: dict[str, Path] = {}
    for path in files:
        other = stems.setdefault(path.stem, path)
        if other != path:
            raise usage_error(
                f"'{other}' och '{path}' skulle ge samma utfil ({path.stem}.*); rendera dem till olika mappar.",
                f"'{other}' and '{path}' would give the same output ({path.stem}.*); render them to different folders.",
            )
    out = Path(out_dir)
    job_list = [Job(path, formats, out, draft, force, public) for path in files]

    def report(outcome: Outcome) -> None:
        for d in [*outcome.refused, *outcome.problems]:
            click.echo(format_diagnostic(d), err=True)
        if outcome.refused:
            click.echo(
                tr(
                    text(
                        f"{outcome.path}: renderas inte ({len(outcome.refused)} fel); rätta felen "
                        "eller använd --draft för ett utkast.",
                        f"{outcome.path}: not rendered ({len(outcome.refused)} errors); fix them "
                        "or use --draft for a draft.",
                    )
                ),
                err=True,
            )
        if outcome.failure:
            click.echo(
                tr(text(f"{outcome.path}: kunde inte renderas: ", f"{outcome.path}: rendering failed: "))
                + outcome.failure,
                err=True,
            )

    if len(job_list) > 1 and sys.stderr.isatty():
        with click.progressbar(
            length=len(job_list), label=tr(text("Renderar", "Rendering")), file=sys.stderr
        ) as bar:

            def step(outcome: Outcome) -> None:
                bar.update(1)
                report(outcome)

            outcomes = _render_or_exit(job_list, step, jobs)
    else:
        outcomes = _render_or_exit(job_list, report, jobs)

    written = [p for o in outcomes for p in o.written]
    skipped = [p for o in outcomes for p in o.skipped]
    for p in written:
        click.echo(tr(text(f"skrev {p}", f"wrote {p}")))
    refused = sum(1 for o in outcomes if o.refused)
    failed = sum(1 for o in outcomes if o.failure)
    click.echo(
        tr(
            text(
                f"Skrivna filer: {len(written)}, redan aktuella: {len(skipped)}, "
                f"vägrade överenskommelser: {refused}, misslyckade: {failed}.",
                f"Files written: {len(written)}, already up to date: {len(skipped)}, "
                f"agreements refused: {refused}, failed: {failed}.",
            )
        )
    )
    raise SystemExit(EXIT_FINDINGS if refused or failed else EXIT_OK)


def _render_or_exit(jobs: list[Job], progress: Callable[[Outcome], None], workers: int | None) -> list[Outcome]:
    """``render_all``, or exit 1 with the message when an output folder cannot be made."""
    from iop.i18n import tr
    from iop.output import OutputError
    from iop.render.batch import render_all

    try:
        return render_all(jobs, progress, workers)
    except OutputError as exc:
        click.echo(tr(exc.message), err=True)
        raise SystemExit(EXIT_FINDINGS) from None
