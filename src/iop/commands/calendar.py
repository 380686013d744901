"""``iop calendar -o FILE.ics [PATH...]``: follow-ups and deadlines as an iCalendar file."""

from __future__ import annotations

import datetime as dt

import click

from iop.cliutil import EXIT_FINDINGS, EXIT_OK, lang_option
from iop.commands.deadline_options import as_of_option, default_paths


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "-o",
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False),
    metavar="FIL.ics",
    help="Kalenderfilen att skriva. / The calendar file to write.",
)
@as_of_option
@lang_option
def calendar(paths: tuple[str, ...], out: str, as_of: dt.date) -> None:
    """Skriv uppföljningar, sista dag för uppsägning och förlängning och slutdatum som en kalender (.ics).

    Varje händelse namnger överenskommelsen och dess titel, säger på svenska vad
    som ska vara gjort och vilken fil den kommer från. Händelserna behåller sitt
    UID mellan körningar, så att en ny import uppdaterar kalendern i stället för
    att lägga till dubbletter. Finns FIL.ics sedan förut läses den: en händelse
    som inte längre gäller för en överenskommelse i exporten skrivs som inställd
    (STATUS:CANCELLED). Utan sökväg läses mappen agreements/. Slutkod 0 = klart,
    1 = någon fil kunde inte läsas eller filen kunde inte skrivas, 2 = användningsfel.
    """
    import contextlib
    import os
    from pathlib import Path

    from iop.cliutil import collect_paths
    from iop.deadlines.ics import build_calendar, read_previous
    from iop.deadlines.load import load_terms
    from iop.i18n import text, tr
    from iop.oserror_text import reason
    from iop.report.text import format_diagnostic

    loaded = load_terms(collect_paths(default_paths(paths)))
    for item in loaded:
        for d in item.problems:
            click.echo(format_diagnostic(d), err=True)
    terms = [item.term for item in loaded if item.term is not None]
    target = Path(out)
    previous = {}
    if target.is_file():
        try:
            previous = read_previous(target.read_bytes())
        except OSError:
            previous = {}
    data = build_calendar(terms, as_of, previous=previous).to_ical()
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        why = tr(reason(exc))
        click.echo(
            tr(
                text(
                    f"iop: kan inte skriva kalendern till '{target}': {why}. "
                    "Välj med -o en fil i en mapp som finns och som du får skriva i.",
                    f"iop: cannot write the calendar to '{target}': {why}. "
                    "Choose with -o a file in a folder that exists and that you may write to.",
                )
            ),
            err=True,
        )
        raise SystemExit(EXIT_FINDINGS) from None
    events = data.count(b"BEGIN:VEVENT")
    click.echo(
        tr(
            text(
                f"skrev {target}: {events} händelser för {len(terms)} överenskommelser.",
                f"wrote {target}: {events} events for {len(terms)} agreements.",
            )
        )
    )
    raise SystemExit(EXIT_FINDINGS if any(item.problems for item in loaded) else EXIT_OK)
