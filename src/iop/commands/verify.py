"""``iop verify``: check every signature of a PDF and, optionally, its source YAML."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from iop.cliutil import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, format_option, lang_option


@click.command()
@click.argument("pdf", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--trust",
    "trust",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Betrott rotcertifikat (PEM/DER); kan upprepas. / Trusted root certificate.",
)
@click.option(
    "--source",
    default=None,
    help="Avtalets YAML (fil eller REV:sökväg i git) att jämföra med. / Source YAML or REV:path.",
)
@format_option("text", "json")
@lang_option
def verify(pdf: Path, trust: tuple[Path, ...], source: str | None, fmt: str) -> None:
    """Kontrollera underskrifterna i en PDF och, med --source, att den gjordes från given YAML.

    Slutkod 0 bara när varje underskrift är oförändrad och betrodd och källan stämmer.

    \b
    Exempel:
      iop verify avtal.signerat.pdf --trust kommun-ca.pem --source agreements/avtal.yaml
      iop verify avtal.signerat.pdf --trust ca.pem --source v3:agreements/avtal.yaml
    """
    from iop.signing.errors import SigningError
    from iop.signing.report import format_json, format_text
    from iop.signing.verify import verify_file

    try:
        result = verify_file(pdf, list(trust), source)
    except SigningError as exc:
        click.echo(f"iop verify: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(format_json(result) if fmt == "json" else format_text(result))
    sys.exit(EXIT_OK if result.ok else EXIT_FINDINGS)
