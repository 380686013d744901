"""``iop import --onto``: a Word review of a rendered agreement back into its YAML."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from iop.cliutil import EXIT_FINDINGS, EXIT_OK, usage_error


def run_onto(docx: Path, target: Path, output: Path | None) -> None:
    """Apply the review in ``docx`` to ``target`` (or write the revision to ``output``)."""
    from iop.commands.import_ import write_new
    from iop.i18n import text, tr
    from iop.importer.errors import ImportFailure
    from iop.importer.onto import apply_review, describe

    if not target.is_file():
        raise usage_error(f"Filen '{target}' finns inte.", f"The file '{target}' does not exist.")
    if docx.suffix.lower() != ".docx":
        raise usage_error(
            "--onto läser bara DOCX-filer som skapats med 'iop render --to docx'.",
            "--onto only reads DOCX files made by 'iop render --to docx'.",
        )
    try:
        source = target.read_text(encoding="utf-8")
        outcome = apply_review(docx, source)
    except ImportFailure as exc:
        click.echo(f"{docx}: {tr(exc.message)}", err=True)
        sys.exit(EXIT_FINDINGS)
    except (OSError, UnicodeDecodeError) as exc:
        click.echo(f"{target}: {exc}", err=True)
        sys.exit(EXIT_FINDINGS)
    except Exception as exc:  # ruamel parse errors have many types
        if type(exc).__module__.startswith("ruamel"):
            click.echo(
                tr(
                    text(
                        f"{target}: YAML-filen kunde inte läsas: {exc}",
                        f"{target}: the YAML could not be read: {exc}",
                    )
                ),
                err=True,
            )
            sys.exit(EXIT_FINDINGS)
        raise
    for a in outcome.applied:
        where = " › ".join(str(p + 1) if isinstance(p, int) else p for p in a.path)
        how = (
            text(
                f"spårade ändringar av {', '.join(sorted(a.authors)) or 'okänd'}, godkända vid importen",
                f"tracked changes by {', '.join(sorted(a.authors)) or 'unknown'}, accepted on import",
            )
            if a.tracked
            else text(
                "ändrat direkt eller redan godkänt i Word", "edited directly or already accepted in Word"
            )
        )
        change = f": {describe(a.old)} → {describe(a.new)}" if not isinstance(a.new, str) else ""
        click.echo(f"{where}{change} ({tr(how)})")
    for path, author, note, near in outcome.comments:
        where = " › ".join(str(p + 1) if isinstance(p, int) else p for p in path) if path else near or "?"
        click.echo(
            tr(text(f"kommentar av {author} vid {where}: {note}", f"comment by {author} at {where}: {note}"))
        )
    for problem in outcome.problems:
        click.echo(tr(text(f"kontrollera: {problem}", f"check: {problem}")), err=True)
    if not outcome.applied:
        click.echo(
            tr(
                text(
                    "Inga ändringar i texten; YAML-filen är oförändrad.", "No changes; the YAML is unchanged."
                )
            )
        )
        sys.exit(EXIT_OK)
    destination = output or target
    write_new(destination, outcome.text, replace=output is None or destination.resolve() == target.resolve())
    click.echo(
        tr(
            text(
                f"skrev {destination}: version {outcome.version}, {len(outcome.applied)} fält ändrade; "
                f"en rad i 'ändringar' är föreslagen. Se ändringarna med: iop diff GAMMAL {destination}",
                f"wrote {destination}: version {outcome.version}, {len(outcome.applied)} fields changed; "
                f"an 'ändringar' line is proposed. See them with: iop diff OLD {destination}",
            )
        )
    )
    sys.exit(EXIT_OK)
