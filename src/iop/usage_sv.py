"""Swedish wording for click's own usage errors (missing argument, unknown option ...).

click words these in English; a Swedish official should not meet English in the
frame around an otherwise Swedish tool. English stays click's own text.
"""

from __future__ import annotations

import re

import click

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Missing argument '(?P<a>[^']*)'\.$"), "Argumentet {a} saknas."),
    (re.compile(r"^Missing option '(?P<a>[^']*)'\.$"), "Flaggan {a} saknas."),
    (re.compile(r"^No such option: (?P<a>\S+)$"), "Okänd flagga: {a}."),
    (re.compile(r"^No such option '(?P<a>[^']*)'\.$"), "Okänd flagga: {a}."),
    (
        re.compile(r"^No such command '(?P<a>[^']*)'\.$"),
        "Okänt kommando: {a}. Se 'iop --help' för kommandona.",
    ),
    (re.compile(r"^Option '(?P<a>[^']*)' requires an argument\.$"), "Flaggan {a} kräver ett värde."),
    (re.compile(r"^Option '(?P<a>[^']*)' does not take a value\.$"), "Flaggan {a} tar inget värde."),
    (
        re.compile(r"^Got unexpected extra arguments? \((?P<a>.*)\)$"),
        "Oväntat extra argument: {a}.",
    ),
    (re.compile(r"^Invalid value for '(?P<a>[^']*)': (?P<b>.*)$"), "Ogiltigt värde för {a}: {b}"),
    (re.compile(r"^Did you mean (?P<a>.*)\?$"), "Menade du {a}?"),
    (re.compile(r"^\(Possible options: (?P<a>.*)\)$"), "(Möjliga flaggor: {a})"),
]
_VALUE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?P<a>.*) is not one of (?P<b>.*)\.$"), "{a} är inte ett av {b}."),
    (re.compile(r"^(?P<a>.*) is not a valid integer( range)?\.$"), "{a} är inte ett heltal."),
    (re.compile(r"^(?P<a>.*) is not a valid float( range)?\.$"), "{a} är inte ett tal."),
    (re.compile(r"^(?:File|Path|Directory) '(?P<a>[^']*)' does not exist\.$"), "Sökvägen '{a}' finns inte."),
    (re.compile(r"^(?:File|Path) '(?P<a>[^']*)' is a directory\.$"), "'{a}' är en mapp, inte en fil."),
    (re.compile(r"^(?:File|Path|Directory) '(?P<a>[^']*)' is not readable\.$"), "'{a}' kan inte läsas."),
    (
        re.compile(r"^(?P<a>.*) is not in the range (?P<b>.*)\.$"),
        "{a} ligger utanför intervallet {b}.",
    ),
]


def _translate_line(line: str) -> str:
    for pattern, template in _PATTERNS:
        match = pattern.match(line.strip())
        if match:
            parts = match.groupdict()
            if "b" in parts:
                parts["b"] = _translate_value(parts["b"])
            return template.format(**parts)
    return line


def _translate_value(text: str) -> str:
    for pattern, template in _VALUE_PATTERNS:
        match = pattern.match(text.strip())
        if match:
            return template.format(**match.groupdict())
    return text


def translate(message: str) -> str:
    """click's English error message in Swedish, line by line; unknown lines unchanged."""
    return "\n".join(_translate_line(line) for line in message.split("\n"))


def show(exc: click.ClickException) -> None:
    """Print a click error in Swedish on stderr, with usage for usage errors."""
    if isinstance(exc, click.UsageError) and exc.ctx is not None:
        usage = exc.ctx.get_usage().replace("Usage:", "Användning:", 1)
        usage = usage.replace("[OPTIONS]", "[FLAGGOR]").replace("COMMAND [ARGS]...", "KOMMANDO [ARGUMENT]...")
        click.echo(usage, err=True)
        names = exc.ctx.help_option_names
        help_cmd = f"{exc.ctx.command_path} {'--help' if '--help' in names else names[0]}"
        click.echo(f"Se '{help_cmd}' för hjälp.\n", err=True)
    click.echo(f"Fel: {translate(exc.format_message())}", err=True)
