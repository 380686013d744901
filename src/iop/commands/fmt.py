"""``iop fmt``: put agreement files in the canonical layout, keeping every comment."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from iop.cliutil import EXIT_FINDINGS, EXIT_OK, lang_option

if TYPE_CHECKING:
    from pathlib import Path

    from iop.revision.fmt import CommentLost


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, metavar="SÖKVÄG...")
@click.option(
    "--check",
    is_flag=True,
    help="Ändra inget; visa vad som skulle ändras och avsluta med 1. / Change nothing, show the diff, exit 1.",
)
@lang_option
def fmt(paths: tuple[str, ...], check: bool) -> None:
    """Formatera överenskommelser: schemats ordning på nycklarna, enhetligt indrag och citattecken.

    \b
    Kommentarer behålls, och innehållet ändras aldrig (filen läses in igen och
    jämförs innan den skrivs). Filer skrivs bara när något ändrats.
      iop fmt agreements/
      iop fmt --check agreements/avtal.yaml

    Slutkoder: 0 = klart; 1 = med --check: någon fil skulle ändras, eller en fil
    kunde inte läsas; 2 = felaktig användning.
    """
    import difflib

    from iop.cliutil import collect_paths
    from iop.i18n import text, tr
    from iop.internal import internal_finding
    from iop.loader import LoadError, load
    from iop.output import OutputError, write_file
    from iop.report.text import format_diagnostic
    from iop.revision.fmt import CommentLost, FormatError, format_source

    failed = False
    changed = 0
    files = collect_paths(paths)
    for path in files:
        try:
            doc = load(path)
            result = format_source(doc.text, str(path))
        except LoadError as exc:
            for d in exc.diagnostics:
                click.echo(format_diagnostic(d), err=True)
            failed = True
            continue
        except CommentLost as exc:
            click.echo(_comment_lost(path, exc), err=True)
            failed = True
            continue
        except FormatError as exc:
            click.echo(
                tr(
                    text(
                        f"{path}: formateringen skulle ändra innehållet; filen lämnas orörd ({exc}).",
                        f"{path}: formatting would change the content; the file is left untouched ({exc}).",
                    )
                ),
                err=True,
            )
            failed = True
            continue
        except Exception as exc:  # a bug in iop: report it for this file, leave it alone, go on
            click.echo(format_diagnostic(internal_finding(path, exc)), err=True)
            failed = True
            continue
        if result.encode("utf-8") == doc.raw:
            continue
        changed += 1
        if check:
            diff = difflib.unified_diff(
                doc.text.splitlines(keepends=True),
                result.splitlines(keepends=True),
                str(path) if path.is_absolute() else f"a/{path}",
                str(path) if path.is_absolute() else f"b/{path}",
            )
            click.echo("".join(diff), nl=False)
        else:
            try:
                write_file(path, result.encode("utf-8"))
            except OutputError as exc:
                click.echo(tr(exc.message), err=True)
                failed = True
                continue
            click.echo(tr(text(f"formaterade {path}", f"formatted {path}")), err=True)
    if check and changed:
        click.echo(
            tr(
                text(
                    f"{changed} av {len(files)} filer behöver formateras (kör 'iop fmt').",
                    f"{changed} of {len(files)} files need formatting (run 'iop fmt').",
                )
            ),
            err=True,
        )
        failed = True
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


def _comment_lost(path: Path, exc: CommentLost) -> str:
    """The refusal for a file whose formatting would drop a comment."""
    from iop.i18n import text, tr

    c = exc.comment
    where = (
        text(
            " står inne i en lista eller samling inom [ ] eller { } och",
            " is inside a list or mapping in [ ] or { } and",
        )
        if c.in_flow
        else text("", "")
    )
    return tr(
        text(
            f"{path}:{c.line}:{c.column}: kommentaren '{c.text}'{where['sv']} skulle försvinna vid "
            "formateringen; filen lämnas orörd.\n"
            "    åtgärd: Flytta kommentaren till en egen rad ovanför nyckeln"
            + (", eller skriv listan med en punkt per rad ('- ...')." if c.in_flow else "."),
            f"{path}:{c.line}:{c.column}: the comment '{c.text}'{where['en']} would be lost by "
            "formatting; the file is left untouched.\n"
            "    fix: Move the comment to a line of its own above the key"
            + (", or write the list with one item per line ('- ...')." if c.in_flow else "."),
        )
    )
