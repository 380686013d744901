"""``iop sign``: fill a party's signature field of a signing copy with a PAdES signature."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from iop.cliutil import EXIT_FINDINGS, EXIT_OK, lang_option


@click.command()
@click.argument("pdf", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--p12",
    "p12",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Certifikat med privat nyckel (PKCS#12, .p12/.pfx). / Certificate with private key.",
)
@click.option("--part", "part", required=True, help="Partens id = underskriftsfältets namn. / Party id.")
@click.option(
    "-o",
    "--out",
    "output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Ny, undertecknad PDF (aldrig indatafilen). / The new signed PDF.",
)
@click.option(
    "--password-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Fil med lösenordet (första raden); annars IOP_P12_PASSWORD. / Passphrase file.",
)
@click.option("--reason", default=None, help="Skäl som skrivs i underskriften. / Reason.")
@click.option("--location", default=None, help="Ort som skrivs i underskriften. / Location.")
@click.option("--force", is_flag=True, help="Ersätt en befintlig utfil. / Replace an existing output.")
@lang_option
def sign(
    pdf: Path,
    p12: Path,
    part: str,
    output: Path,
    password_file: Path | None,
    reason: str | None,
    location: str | None,
    force: bool,
) -> None:
    """Underteckna partens fält i en undertecknandekopia (PAdES, ny inkrementell revision).

    Tidigare underskrifter förblir giltiga. Indatafilen ändras aldrig.

    \b
    Exempel:
      iop sign avtal.pdf --p12 kommunen.p12 --part kommunen -o avtal.kommunen.pdf
    """
    from iop.i18n import text, tr
    from iop.signing.errors import SigningError
    from iop.signing.keys import read_passphrase
    from iop.signing.sign import sign_file

    try:
        passphrase = read_passphrase(password_file)
        result = sign_file(pdf, output, p12, part, passphrase, reason=reason, location=location, force=force)
    except SigningError as exc:
        click.echo(f"iop sign: {exc}", err=True)
        sys.exit(EXIT_FINDINGS)
    version = f" (version {result.version})" if result.version else ""
    click.echo(
        tr(
            text(
                "Undertecknade fältet '{f}' som {s}{v}: {o}",
                "Signed the field '{f}' as {s}{v}: {o}",
            ),
            f=result.field,
            s=result.signer,
            v=version,
            o=result.output,
        )
    )
    if result.draft:
        click.echo(
            tr(
                text(
                    "Varning: kopian är renderad som utkast (UTKAST); en slutlig undertecknandekopia "
                    "renderas utan --draft.",
                    "Warning: the copy was rendered as a draft (UTKAST); a final signing copy is "
                    "rendered without --draft.",
                )
            ),
            err=True,
        )
    sys.exit(EXIT_OK)
