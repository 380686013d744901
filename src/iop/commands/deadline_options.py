"""Options shared by ``iop status`` and ``iop calendar``: the day to look from, default paths."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])


def _parse_day(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date:
    from iop.cliutil import usage_error
    from iop.dates import parse_date

    if value is None:
        return dt.date.today()
    day = parse_date(value)
    if day is None:
        raise usage_error(
            f"--per '{value}' är inget datum; skriv ÅÅÅÅ-MM-DD, t.ex. --per 2026-06-30.",
            f"--per '{value}' is not a date; write YYYY-MM-DD, e.g. --per 2026-06-30.",
        )
    return day


def as_of_option(func: F) -> F:
    """``--per DATE``: see the situation on another day (default today), passed as ``as_of``."""
    option = click.option(
        "--per",
        "as_of",
        metavar="ÅÅÅÅ-MM-DD",
        default=None,
        callback=_parse_day,
        help="Visa läget en annan dag än i dag. / The day to look from (default today).",
    )
    return option(func)


def default_paths(paths: tuple[str, ...]) -> tuple[str, ...]:
    """The given paths, or ``agreements`` when none are given."""
    from iop.cliutil import usage_error

    if paths:
        return paths
    if Path("agreements").is_dir():
        return ("agreements",)
    raise usage_error(
        "Ange överenskommelser (filer eller mappar); mappen agreements/ finns inte här.",
        "Give agreements (files or folders); there is no agreements/ folder here.",
    )
