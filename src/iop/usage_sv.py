"""click's own text in Swedish: usage, help headings, errors, prompts and metavars.

click marks its strings for gettext (``_("Usage:")``) and looks the name ``_`` up in
each of its modules when the text is needed. :func:`install` points those names at a
catalogue lookup that answers in the language selected with ``--lang`` at that moment,
so ``iop --help``, usage errors and prompts are Swedish by default and English with
``--lang en``. Metavars (``PATH``, ``[OPTIONS]``) are translated the same way, option
help written ``"svenska / English"`` shows one half, and each command's help comes
from ``iop.help_en`` in English.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

from iop import i18n

# msgid (click 8.1-8.5) -> Swedish. Placeholders must match click's.
CATALOGUE: dict[str, str] = {
    "Aborted!": "Avbrutet.",
    "Error: {message}": "Fel: {message}",
    "Try '{command} {option}' for help.": "Se '{command} {option}' för hjälp.",
    "Usage:": "Användning:",
    "Options": "Flaggor",
    "Positional arguments": "Argument",
    "Commands": "Kommandon",
    "Missing command.": "Ett kommando saknas.",
    "Missing argument": "Argument saknas:",
    "Missing option": "Flagga saknas:",
    "Missing parameter": "Värde saknas:",
    "Missing {param_type}": "Saknas ({param_type}):",
    "Missing parameter: {param_name}": "Värde saknas: {param_name}",
    "No such option {name!r}.": "Okänd flagga: {name}.",
    "No such option: {name}": "Okänd flagga: {name}.",
    "No such command {name!r}.": "Okänt kommando: {name}. Se 'iop --help' för kommandona.",
    "Did you mean {possibility}?": "Menade du {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Menade du något av: {possibilities}?)",
    "Got unexpected extra argument ({args})": "Oväntat extra argument: {args}.",
    "Got unexpected extra arguments ({args})": "Oväntade extra argument: {args}.",
    "Option {name!r} requires an argument.": "Flaggan {name} kräver ett värde.",
    "Option {name!r} requires {nargs} arguments.": "Flaggan {name} kräver {nargs} värden.",
    "Option {name!r} does not take a value.": "Flaggan {name} tar inget värde.",
    "Argument {name!r} takes {nargs} values.": "Argumentet {name} tar {nargs} värden.",
    "Invalid value: {message}": "Ogiltigt värde: {message}",
    "Invalid value for {param_hint}: {message}": "Ogiltigt värde för {param_hint}: {message}",
    "{value!r} is not {choice}.": "{value!r} är inte {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} är inte ett av {choices}.",
    "Choose from:\n\t{choices}": "Välj bland:\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} är inte ett giltigt tal.",
    "{value} is not in the range {range}.": "{value} ligger utanför intervallet {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} är inte ja eller nej.",
    "{name} {filename!r} does not exist.": "Sökvägen {filename!r} finns inte.",
    "{name} {filename!r} is a file.": "{filename!r} är en fil, inte en mapp.",
    "{name} {filename!r} is a directory.": "{filename!r} är en mapp, inte en fil.",
    "{name} {filename!r} is not readable.": "{filename!r} kan inte läsas.",
    "{name} {filename!r} is not writable.": "{filename!r} kan inte skrivas.",
    "{name} {filename!r} is not executable.": "{filename!r} kan inte köras.",
    "Could not open file {filename!r}: {message}": "Kan inte öppna filen {filename!r}: {message}",
    "unknown error": "okänt fel",
    "Show this message and exit.": "Visa den här hjälpen och avsluta.",
    "Show the version and exit.": "Visa versionen och avsluta.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "Repeat for confirmation": "Upprepa för att bekräfta",
    "Error: The two entered values do not match.": "Fel: De två värdena är inte lika.",
    "Error: invalid input": "Fel: ogiltigt svar",
    "Do you want to continue?": "Vill du fortsätta?",
    "default: {default}": "förval: {default}",
    "required": "krävs",
    "env var: {var}": "miljövariabel: {var}",
    "(dynamic)": "(beräknas)",
    "Press any key to continue...": "Tryck på valfri tangent för att fortsätta …",
}

# Metavar words click derives from type and parameter names.
METAVARS: dict[str, str] = {
    "OPTIONS": "FLAGGOR",
    "COMMAND": "KOMMANDO",
    "ARGS": "ARGUMENT",
    "PATH": "SÖKVÄG",
    "PATHS": "SÖKVÄG",
    "FILE": "FIL",
    "FILES": "FIL",
    "DIRECTORY": "MAPP",
    "INTEGER RANGE": "HELTAL",
    "INTEGER": "HELTAL",
    "FLOAT RANGE": "TAL",
    "FLOAT": "TAL",
    "BOOLEAN": "JA|NEJ",
    "CODE": "KOD",
    "TEXT": "TEXT",
}
_METAVAR_WORD = re.compile(r"\b(?:INTEGER RANGE|FLOAT RANGE|[A-Z]+)\b")
# Swedish metavars written in the commands, for --lang en.
METAVARS_EN: dict[str, str] = {
    "SÖKVÄG": "PATH",
    "MAPP": "FOLDER",
    "FIL": "FILE",
    "KOD": "CODE",
    "ADRESS": "ADDRESS",
    "GAMMAL": "OLD",
    "NY": "NEW",
    "NAMN": "NAME",
    "TYP": "TYPE",
    "BAS": "BASE",
    "ÅÅÅÅ-MM-DD": "YYYY-MM-DD",
    "KOMMANDO": "COMMAND",
    "FLAGGOR": "OPTIONS",
}
_SWEDISH_WORD = re.compile(r"[A-ZÅÄÖ]+(?:-[A-ZÅÄÖ]+)*")


def gettext(message: str) -> str:
    """click's message in the current language."""
    if i18n.current() == "sv":
        return CATALOGUE.get(message, message)
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """click's singular or plural message in the current language."""
    return gettext(singular if n == 1 else plural)


def metavar(text: str) -> str:
    """A metavar such as ``PATHS...`` or ``[OPTIONS]`` in the current language."""
    if i18n.current() != "sv":
        return _SWEDISH_WORD.sub(lambda m: METAVARS_EN.get(m.group(0), m.group(0)), text)
    return _METAVAR_WORD.sub(lambda m: METAVARS.get(m.group(0), m.group(0)), text)


def _wrap_metavar(original: Callable[..., str]) -> Callable[..., str]:
    def make_metavar(self: click.Parameter, ctx: click.Context) -> str:
        return metavar(original(self, ctx))

    make_metavar.__wrapped__ = original  # type: ignore[attr-defined]
    return make_metavar


def _wrap_usage(original: Callable[..., list[str]]) -> Callable[..., list[str]]:
    def collect_usage_pieces(self: click.Command, ctx: click.Context) -> list[str]:
        return [metavar(piece) for piece in original(self, ctx)]

    collect_usage_pieces.__wrapped__ = original  # type: ignore[attr-defined]
    return collect_usage_pieces


def _wrap_help_option(original: Callable[..., Any]) -> Callable[..., Any]:
    """The help option is built once per command; word its help text on every use."""

    def get_help_option(self: click.Command, ctx: click.Context) -> click.Option | None:
        option = original(self, ctx)
        if option is not None:
            option.help = gettext("Show this message and exit.")
        return option  # type: ignore[no-any-return]

    get_help_option.__wrapped__ = original  # type: ignore[attr-defined]
    return get_help_option


def pick_help(text: str) -> str:
    """``"Svensk hjälp. / English help."`` -> the half in the current language."""
    sv, sep, en = text.partition(" / ")
    if not sep or not en.strip():
        return text
    return sv.strip() if i18n.current() == "sv" else en.strip()


def _wrap_help_record(original: Callable[..., Any]) -> Callable[..., Any]:
    """Option help is written ``"svenska / English"``; show the half for ``--lang``."""

    def get_help_record(self: click.Option, ctx: click.Context) -> tuple[str, str] | None:
        written = self.help
        if written:
            self.help = pick_help(written)
        try:
            return original(self, ctx)  # type: ignore[no-any-return]
        finally:
            self.help = written

    get_help_record.__wrapped__ = original  # type: ignore[attr-defined]
    return get_help_record


def _english_help(command: click.Command) -> str | None:
    from iop.help_en import HELP_EN

    key = "iop" if isinstance(command, click.Group) else command.name or ""
    return HELP_EN.get(key)


def _wrap_command_help(original: Callable[..., Any]) -> Callable[..., Any]:
    """A command's own help (its Swedish docstring) in English with ``--lang en``."""

    def with_language(self: click.Command, *args: Any, **kwargs: Any) -> Any:
        english = _english_help(self) if i18n.current() == "en" else None
        if english is None:
            return original(self, *args, **kwargs)
        written = self.help
        self.help = english
        try:
            return original(self, *args, **kwargs)
        finally:
            self.help = written

    with_language.__wrapped__ = original  # type: ignore[attr-defined]
    return with_language


_MODULES = (
    click.core,
    click.decorators,
    click.exceptions,
    click.formatting,
    click.parser,
    click.termui,
    click.types,
)
_installed = False


def install() -> None:
    """Let click speak the language chosen with ``--lang`` (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    for module in _MODULES:
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
    for param_cls in (click.core.Parameter, click.core.Argument):
        if "make_metavar" in vars(param_cls):
            param_cls.make_metavar = _wrap_metavar(vars(param_cls)["make_metavar"])  # type: ignore[method-assign]
    for command_cls in (click.core.Command, click.core.Group):
        if "collect_usage_pieces" in vars(command_cls):
            command_cls.collect_usage_pieces = _wrap_usage(vars(command_cls)["collect_usage_pieces"])  # type: ignore[method-assign]
    for method in ("format_help_text", "get_short_help_str"):
        setattr(click.core.Command, method, _wrap_command_help(getattr(click.core.Command, method)))
    click.core.Option.get_help_record = _wrap_help_record(click.core.Option.get_help_record)  # type: ignore[method-assign]
    click.core.Command.get_help_option = _wrap_help_option(click.core.Command.get_help_option)  # type: ignore[method-assign]


def confirm(text: str, default: bool = False) -> bool:
    """A yes/no question answered with j/n in Swedish (y/n in English)."""
    sv = i18n.current() == "sv"
    yes, no = (("j", "ja", "y", "yes"), ("n", "nej", "no")) if sv else (("y", "yes"), ("n", "no"))
    suffix = ("J/n" if default else "j/N") if sv else ("Y/n" if default else "y/N")

    def answer(value: str) -> bool:
        value = value.strip().lower()
        if not value:
            return default
        if value in yes:
            return True
        if value in no:
            return False
        raise click.BadParameter(i18n.tr(i18n.text("svara j eller n", "answer y or n")))

    result: bool = click.prompt(f"{text} [{suffix}]", default="", show_default=False, value_proc=answer)
    return result
