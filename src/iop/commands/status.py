"""``iop status [PATH...]``: the deadlines of every agreement, nearest first."""

from __future__ import annotations

import datetime as dt

import click

from iop.cliutil import EXIT_FINDINGS, EXIT_OK, format_option, lang_option
from iop.commands.deadline_options import as_of_option, default_paths


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@format_option("text", "json", "csv")
@as_of_option
@lang_option
def status(paths: tuple[str, ...], fmt: str, as_of: dt.date) -> None:
    """Visa läget för överenskommelser: en rad per överenskommelse, närmaste frist först.

    Raden visar parter, status, period, värdet över hela avtalstiden, nästa
    uppföljning, dagar kvar till slutdatum, sista dag för uppsägning eller beslut
    om förlängning och antal fynd från granskningen (fel/varningar/info).
    Försenade frister markeras med '!' och en rad FÖRSENAT. Utan sökväg läses
    mappen agreements/. Slutkod 0 = klart, 1 = någon fil kunde inte läsas eller
    saknar datum, 2 = användningsfel.
    """
    import sys

    from iop.cliutil import collect_paths
    from iop.deadlines.load import load_terms
    from iop.deadlines.status import build_row, to_csv, to_json, to_text
    from iop.render.gate import findings
    from iop.report.text import format_diagnostic

    loaded = load_terms(collect_paths(default_paths(paths)))
    rows = []
    for item in loaded:
        for d in item.problems:
            click.echo(format_diagnostic(d), err=True)
        if item.term is None or item.doc is None:
            continue
        counts: dict[str, int] = {}
        for d in findings(item.doc):
            counts[d.severity] = counts.get(d.severity, 0) + 1
        rows.append(build_row(item.term, item.doc, as_of, counts))
    rows.sort(key=lambda r: r.sort_key(as_of))
    if fmt == "json":
        click.echo(to_json(rows, as_of))
    elif fmt == "csv":
        click.echo(to_csv(rows), nl=False)
    else:
        click.echo(to_text(rows, as_of, colour=sys.stdout.isatty()))
    raise SystemExit(EXIT_FINDINGS if any(item.problems for item in loaded) else EXIT_OK)
