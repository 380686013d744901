"""Shared pieces of the command line: language option, exit codes, path collection."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import click

from iop import i18n, usage_sv

usage_sv.install()  # click's own text (usage, help, prompts) in the --lang language

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
AGREEMENT_SUFFIXES = (".yaml", ".yml")

F = TypeVar("F", bound=Callable[..., object])


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value:
        i18n.set_lang(value)
    return value


def lang_option(func: F) -> F:
    """``--lang sv|en`` on the group and on every subcommand."""
    option = click.option(
        "--lang",
        type=click.Choice(list(i18n.LANGS)),
        default=None,
        expose_value=False,
        is_eager=True,
        callback=_set_lang,
        help="Språk för meddelanden (sv eller en). / Message language.",
    )
    return option(func)


def format_option(*choices: str) -> Callable[[F], F]:
    """``--format`` with the given choices (the first is the default), passed as ``fmt``."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=choices[0],
        show_default=True,
        help="Utdataformat. / Output format.",
    )


def usage_error(sv: str, en: str) -> click.UsageError:
    """A usage error (exit 2) in the current language."""
    return click.UsageError(i18n.tr({"sv": sv, "en": en}))


def collect_paths(paths: Iterable[str]) -> list[Path]:
    """Expand files and folders into agreement files, sorted within each folder.

    A path that does not exist is a usage error. Hidden folders, ``.venv`` and
    ``build`` are skipped when walking a folder.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise usage_error(f"Sökvägen '{raw}' finns inte.", f"The path '{raw}' does not exist.")
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                rel = candidate.relative_to(path).parts
                if any(p.startswith(".") or p in {"build", "node_modules"} for p in rel[:-1]):
                    continue
                if candidate.is_file() and candidate.suffix in AGREEMENT_SUFFIXES:
                    found.append(candidate)
        else:
            found.append(path)
    seen: set[Path] = set()
    unique = []
    for p in found:
        if p.resolve() not in seen:
            seen.add(p.resolve())
            unique.append(p)
    return unique
