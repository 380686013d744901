"""``iop new``: start a new agreement with every section and guidance from the schema."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from iop.cliutil import EXIT_OK, lang_option, usage_error
from iop.usage_sv import confirm

if TYPE_CHECKING:
    from iop.revision.scaffold import Party


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-o",
    "--out",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Fil att skapa (annars ID.yaml). / File to create.",
)
@click.option("--titel", help="Överenskommelsens rubrik. / Title.")
@click.option(
    "--id", "ident", help="Kortnamn (a-z, 0-9, bindestreck); annars av parternas namn och året. / Slug id."
)
@click.option(
    "--part",
    "parts",
    multiple=True,
    metavar="ID:NAMN:TYP:ORGNR",
    help="En part, t.ex. 'kommunen:Linköpings kommun:offentlig:212000-0142'. Upprepa för varje part. / A party (repeat).",
)
@click.option(
    "--riktlinjer",
    default="bas",
    show_default=True,
    help="Granskningsprofil i lint/profiles/. / Lint profile.",
)
@click.option("--no-input", is_flag=True, help="Fråga inte efter något (för skript). / Never prompt.")
@click.option(
    "--stdout",
    "to_stdout",
    is_flag=True,
    help="Skriv till standard ut i stället för till fil. / Write to standard output.",
)
@lang_option
def new(
    output: Path | None,
    titel: str | None,
    ident: str | None,
    parts: tuple[str, ...],
    riktlinjer: str,
    no_input: bool,
    to_stdout: bool,
) -> None:
    """Skapa en ny överenskommelse med alla avsnitt och vägledning från schemat.

    \b
    På en terminal frågar kommandot efter parterna; flaggorna gör det skriptbart:
      iop new
      iop new --no-input --titel "IOP om läxhjälp" \\
          --part "kommunen:Linköpings kommun:offentlig:212000-0142" \\
          --part "laxhjalpen:Läxhjälpen:idéburen:802000-0009" -o agreements/laxhjalp.yaml

    Befintliga filer skrivs aldrig över. Tomma värden är det som återstår att
    skriva; 'iop validate FIL' listar dem med radnummer.
    """
    import datetime as dt

    from iop.revision import scaffold

    try:
        parties = [scaffold.parse_party(p) for p in parts]
    except ValueError as exc:
        raise usage_error(
            f"--part '{exc}' ska ha formen ID:NAMN:TYP:ORGNR, där TYP är offentlig eller idéburen.",
            f"--part '{exc}' must look like ID:NAMN:TYP:ORGNR, where TYP is offentlig or idéburen.",
        ) from None
    if output is not None and output.exists():
        raise usage_error(
            f"Filen '{output}' finns redan; välj ett annat namn med -o.",
            f"The file '{output}' already exists; choose another name with -o.",
        )
    if ident is not None and scaffold.slugify(ident) != ident:
        raise usage_error(
            f"--id '{ident}' får bara innehålla a-z, 0-9 och bindestreck (t.ex. '{scaffold.slugify(ident)}').",
            f"--id '{ident}' may only contain a-z, 0-9 and hyphens (e.g. '{scaffold.slugify(ident)}').",
        )
    interactive = not no_input and stdin_is_terminal()
    if interactive:
        titel = titel or click.prompt(_t("Rubrik (titel)", "Title"), default="", show_default=False) or None
        if not parties:
            parties = _ask_parties()
    today = dt.date.today()
    if output is None and not to_stdout:
        output = Path(f"{scaffold.agreement_id(ident, parties, today)}.yaml")
    text = scaffold.build(
        titel=titel,
        ident=ident,
        parties=parties,
        riktlinjer=riktlinjer,
        today=today,
        output=None if to_stdout else output,
    )
    if to_stdout:
        click.echo(text, nl=False)
        sys.exit(EXIT_OK)
    assert output is not None
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("x", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        # Keep what was typed: the whole agreement goes to standard output instead.
        click.echo(text, nl=False)
        reason = "finns redan" if isinstance(exc, FileExistsError) else exc.strerror
        raise usage_error(
            f"Kan inte skapa '{output}': {reason}. Överenskommelsen skrevs till standard ut i stället.",
            f"Cannot create '{output}': {reason}. The agreement was written to standard output instead.",
        ) from None
    from iop.i18n import text as t
    from iop.i18n import tr

    click.echo(
        tr(
            t(
                f"Skapade {output}. Fyll i de tomma värdena; 'iop validate {output}' visar vilka som återstår.",
                f"Created {output}. Fill in the empty values; 'iop validate {output}' shows what is left.",
            )
        ),
        err=True,
    )


def _t(sv: str, en: str) -> str:
    from iop.i18n import text, tr

    return tr(text(sv, en))


def stdin_is_terminal() -> bool:
    """Whether to ask questions (a person at a terminal)."""
    return sys.stdin.isatty()


def _orgnr(value: str) -> str:
    from iop.validation.crossfield import orgnr_ok

    value = value.strip()
    if value and not orgnr_ok(value):
        raise click.BadParameter(
            _t(
                "tio siffror med giltig kontrollsiffra, t.ex. 212000-0142 (eller lämna tomt)",
                "ten digits with a valid check digit, e.g. 212000-0142 (or leave empty)",
            )
        )
    return value


def _ask_parties() -> list[Party]:
    from iop.revision.scaffold import Party, slugify

    parties: list[Party] = []
    namn = click.prompt(
        _t("Offentlig part (kommun eller region), namn", "Public party (municipality or region), name")
    )
    orgnr = click.prompt(
        _t("  organisationsnummer", "  organisation number"),
        default="",
        show_default=False,
        value_proc=_orgnr,
    )
    parties.append(
        Party(click.prompt(_t("  kort id", "  short id"), default="kommunen"), namn, "offentlig", orgnr)
    )
    while True:
        namn = click.prompt(_t("Idéburen organisation, namn", "Non-profit (idéburen) organisation, name"))
        orgnr = click.prompt(
            _t("  organisationsnummer", "  organisation number"),
            default="",
            show_default=False,
            value_proc=_orgnr,
        )
        parties.append(
            Party(click.prompt(_t("  kort id", "  short id"), default=slugify(namn)), namn, "idéburen", orgnr)
        )
        if not confirm(_t("Fler idéburna organisationer?", "More non-profit organisations?"), default=False):
            break
    return parties
