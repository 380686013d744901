"""The ``iop`` command: a thin click group that loads each subcommand lazily."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from iop import __version__
from iop.cliutil import lang_option

# name -> "module:attribute"; modules are imported only when the command runs.
COMMANDS: dict[str, str] = {
    "validate": "iop.commands.validate:validate",
    "lint": "iop.commands.lint:lint",
    "rules": "iop.commands.rules:rules",
    "render": "iop.commands.render:render",
    "info": "iop.commands.info:info",
    "diff": "iop.commands.diff:diff",
    "fmt": "iop.commands.fmt:fmt",
    "new": "iop.commands.new:new",
    "init": "iop.commands.init:init",
    "sign": "iop.commands.sign:sign",
    "verify": "iop.commands.verify:verify",
    "status": "iop.commands.status:status",
    "calendar": "iop.commands.calendar:calendar",
    "import": "iop.commands.import_:import_",
    "register": "iop.commands.register:register",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Each run starts in the default language; ``--lang`` applies to that run only."""
        from iop import i18n

        i18n.set_lang(i18n.default_lang())
        return super().main(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if self._load(name) is not None)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name)

    @staticmethod
    def _load(name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return None
            raise
        command = getattr(module, attr)
        assert isinstance(command, click.Command)
        return command


_DEBUG: list[bool] = [False]
"""Set by ``iop --debug``: an internal error prints its traceback."""


def _debug(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        from iop.internal import set_debug

        _DEBUG[0] = True
        set_debug(True)  # an internal error in one file of a batch (IOP001) prints its traceback too


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--debug",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_debug,
    help="Visa hela förloppet (traceback) vid ett internt fel. / Show the traceback of an internal error.",
)
@click.version_option(
    __version__, prog_name="iop", help="Visa versionen och avsluta. / Show the version and exit."
)
@lang_option
def cli() -> None:
    """iop – idéburet offentligt partnerskap som kod.

    Validera, granska (LOU-risk), formatera, jämföra och rendera IOP-överenskommelser
    skrivna i YAML. Kör 'iop KOMMANDO --help' för detaljer.
    """


def main() -> None:
    """Console entry point: never show a traceback to the user."""
    from iop.i18n import current

    try:
        result = cli.main(prog_name="iop", standalone_mode=False)
    except KeyboardInterrupt:
        click.echo("Avbrutet." if current() == "sv" else "Aborted.", err=True)
        sys.exit(130)
    except click.exceptions.Abort as exc:
        click.echo("Avbrutet." if current() == "sv" else "Aborted.", err=True)
        # click turns Ctrl-C into Abort; it still ends with 130 like any interrupted program
        sys.exit(130 if isinstance(exc.__cause__ or exc.__context__, KeyboardInterrupt) else 1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except Exception as exc:
        if _DEBUG[0]:
            import traceback

            traceback.print_exc()
        if current() == "en":
            click.echo(f"iop: internal error: {type(exc).__name__}: {exc}", err=True)
            click.echo(
                "Please report this with the file that caused it (details: iop --debug ...).", err=True
            )
        else:
            click.echo(f"iop: internt fel: {type(exc).__name__}: {exc}", err=True)
            click.echo(
                "Rapportera gärna felet tillsammans med filen som orsakade det (detaljer: iop --debug ...).",
                err=True,
            )
        sys.exit(3)
    sys.exit(result if isinstance(result, int) else 0)
