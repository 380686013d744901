"""``iop import``: an existing agreement (Word, ODT, PDF, Markdown, text) as a YAML draft,
or a Word review of a rendered agreement back into its YAML (``--onto``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from iop.cliutil import EXIT_FINDINGS, EXIT_OK, lang_option, usage_error


def write_new(path: Path, content: str, *, replace: bool) -> None:
    """Write through a temporary file; an existing file is replaced only when asked."""
    import os
    import tempfile

    if path.exists() and not replace:
        raise usage_error(
            f"Filen '{path}' finns redan och skrivs inte över; välj ett annat namn med -o.",
            f"The file '{path}' already exists and is not overwritten; choose another name with -o.",
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".iop-import-", suffix=".yaml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(content)
        if replace:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if the file appeared meanwhile: never overwrite
            os.unlink(tmp)
    except FileExistsError:
        os.unlink(tmp)
        raise usage_error(
            f"Filen '{path}' finns redan och skrivs inte över.", f"The file '{path}' already exists."
        ) from None
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@click.command("import", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--out",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="YAML-fil att skapa (skrivs aldrig över). / YAML file to create (never overwritten).",
)
@click.option(
    "--onto",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Läs tillbaka en granskad DOCX från 'iop render' in i denna YAML. / Take a reviewed DOCX back into this YAML.",
)
@lang_option
def import_(file: Path, output: Path | None, onto: Path | None) -> None:
    """Importera en befintlig överenskommelse (DOCX, ODT, PDF, Markdown, text) som YAML-utkast.

    \b
    Exempel:
      iop import avtal.docx -o agreements/avtal.yaml
      iop import --onto agreements/avtal.yaml granskad.docx

    Rubrikerna placeras i schemats avsnitt med tabellen schema/rubriker.yaml; texten
    behålls ordagrant. Allt som gissats märks '# iop import: kontrollera …' och det som
    saknas listas. Med --onto tas spårade ändringar och kommentarer från Word tillbaka
    in i samma YAML (version höjs, en rad i 'ändringar' föreslås).
    Slutkoder: 0 = klart, 1 = filen kunde inte läsas eller utkastet har fel kvar,
    2 = felaktig användning (t.ex. en utfil som redan finns).
    """
    from iop.i18n import tr
    from iop.importer.errors import ImportFailure

    if not file.exists():
        raise usage_error(f"Filen '{file}' finns inte.", f"The file '{file}' does not exist.")
    if onto is not None:
        from iop.commands.onto import run_onto

        run_onto(file, onto, output)
        return
    if output is None:
        raise usage_error(
            "Ange YAML-filen att skapa med -o, t.ex. -o agreements/avtal.yaml.",
            "Give the YAML file to create with -o, e.g. -o agreements/avtal.yaml.",
        )
    if output.exists():
        raise usage_error(
            f"Filen '{output}' finns redan och skrivs inte över; välj ett annat namn med -o.",
            f"The file '{output}' already exists and is not overwritten; choose another name with -o.",
        )
    from iop.importer.assemble import assemble
    from iop.importer.emit import to_yaml
    from iop.importer.read import read_any
    from iop.revision.scaffold import slugify

    try:
        extracted = read_any(file)
    except ImportFailure as exc:
        click.echo(f"{file}: {tr(exc.message)}", err=True)
        sys.exit(EXIT_FINDINGS)
    except OSError as exc:
        click.echo(f"{file}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_FINDINGS)
    draft = assemble(extracted, slugify(output.stem))
    text, missing = to_yaml(draft, file.name)
    write_new(output, text, replace=False)
    click.echo(tr({"sv": f"skrev {output}", "en": f"wrote {output}"}))
    for path, reason in draft.guesses.items():
        where = " › ".join(str(p + 1) if isinstance(p, int) else p for p in path)
        click.echo(tr({"sv": f"  kontrollera {where}: {reason}", "en": f"  check {where}: {reason}"}))
    for place in missing:
        click.echo(tr({"sv": f"  saknas: {' › '.join(place)}", "en": f"  missing: {' › '.join(place)}"}))
    if draft.unplaced:
        click.echo(
            tr(
                {
                    "sv": "  ej placerade rubriker (under övriga avsnitt): " + ", ".join(draft.unplaced),
                    "en": "  headings not placed (under further sections): " + ", ".join(draft.unplaced),
                }
            )
        )
    from iop.report.text import format_diagnostic
    from iop.validation import check_file

    errors = [d for d in check_file(output) if d.severity == "error"]
    for d in errors:
        click.echo(format_diagnostic(d), err=True)
    if errors:
        click.echo(
            tr(
                {
                    "sv": f"{output}: utkastet har {len(errors)} fel kvar att rätta (se ovan).",
                    "en": f"{output}: the draft has {len(errors)} errors left to fix (see above).",
                }
            ),
            err=True,
        )
    sys.exit(EXIT_FINDINGS if errors else EXIT_OK)
