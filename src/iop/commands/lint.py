"""``iop lint PATH...``: validate and lint agreements for LOU risk (one command for pre-commit and CI)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from iop.cliutil import lang_option
from iop.report import FORMATS

if TYPE_CHECKING:
    from iop.lint.cache import LintCache
    from iop.lint.config import LintConfig

FAIL_ON = ("error", "warning", "info", "never")


def _list_profiles(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """Print every profile with its chain and source, then exit."""
    if not value or ctx.resilient_parsing:
        return
    from iop.i18n import tr
    from iop.lint.profiles import ProfileError, available, load_profile

    for name in available():
        try:
            profile = load_profile(name)
        except ProfileError as exc:
            click.echo(f"{name}: {tr(exc.message)}")
            continue
        click.echo(f"{name}  ({' → '.join(profile.chain)})  {tr(profile.title)}")
        if profile.source.get("sv"):
            click.echo(f"    {tr(profile.source)}")
    ctx.exit(0)


def _open_cache(profile: str | None, config: LintConfig, explicit: str | None) -> LintCache | None:
    """The result cache, or None (none chosen, or a folder that cannot be trusted: said on stderr)."""
    from iop.i18n import tr
    from iop.lint.cache import CacheDirRefused, cache_root, open_cache

    root = cache_root(explicit)
    if root is None:
        return None
    try:
        return open_cache(profile, config.fingerprint(), root)
    except CacheDirRefused as exc:
        reasons = {
            "inside": ("ligger i arbetskatalogen eller repot", "is inside the working tree or repository"),
            "shared": (
                "tillhör en annan användare eller är skrivbar för andra",
                "is not private to this user",
            ),
            "unusable": ("kan inte skapas eller är ingen katalog", "cannot be created or is no directory"),
        }
        sv, en = reasons[exc.reason]
        click.echo(
            tr(
                {
                    "sv": f"iop lint: cachekatalogen {exc.folder} {sv}; ingen cache används.",
                    "en": f"iop lint: the cache directory {exc.folder} {en}; no cache is used.",
                }
            ),
            err=True,
        )
        return None


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Utdataformat: text, json, sarif (GitHub code scanning) eller github (annoteringar). / Output format.",
)
@click.option(
    "--profile",
    default=None,
    help="Granskningsprofil i lint/profiles/ (t.ex. orebro); går före 'riktlinjer' i filen. / Lint profile.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default=None,
    help="Lägsta allvarlighetsgrad som ger slutkod 1 (förval: error). / Lowest severity that fails.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Ingen cache alls: granska alla filer på nytt, läs och skriv inget. / Disable every cache.",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Cachekatalog (förval: $IOP_CACHE_DIR, annars användarens cachekatalog; ingen i CI). / Cache directory.",
)
@click.option(
    "--list-profiles",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_list_profiles,
    help="Visa alla profiler och deras källor. / List the profiles.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
    help="Antal processer (förval: alla kärnor). / Workers.",
)
@lang_option
def lint(
    paths: tuple[str, ...],
    fmt: str,
    profile: str | None,
    fail_on: str | None,
    no_cache: bool,
    cache_dir: str | None,
    jobs: int | None,
) -> None:
    """Validera och granska överenskommelser för LOU-risk.

    Kör schemat, textreglerna (ordval som liknar köp av tjänst, bidrag eller
    statsstöd) och de strukturella kontrollerna (samfinansiering, styrgrupp,
    uppföljning, villkor, tidsram, värde mot gränsbelopp) med profilen som
    överenskommelsens 'riktlinjer' anger, eller --profile. Slutkod 0 = inget
    når --fail-on, 1 = något gör det, 2 = användningsfel.

    Undantag i filen: '# iop: tillåt KOD -- motivering' på raden eller
    nyckelraden. Förval för ett repo: .iop.yaml eller [tool.iop] i
    pyproject.toml (profile, fail-on, disable, severity, cache).

    Resultat sparas bara i användarens egen cachekatalog (--cache-dir,
    $IOP_CACHE_DIR eller plattformens, t.ex. ~/.cache/iop), aldrig i repot;
    när CI är satt används ingen cache om ingen katalog anges.
    """
    import sys

    from iop.cliutil import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, collect_paths, usage_error
    from iop.i18n import tr
    from iop.lint.config import ConfigError, find_config
    from iop.lint.profiles import ProfileError, available

    try:
        config = find_config()
    except ConfigError as exc:
        click.echo(f"iop lint: {tr(exc.message)}", err=True)
        sys.exit(EXIT_USAGE)
    if profile is not None and profile not in available():
        raise usage_error(
            f"Profilen '{profile}' finns inte (tillgängliga: {', '.join(available())}).",
            f"The profile '{profile}' does not exist (available: {', '.join(available())}).",
        )
    files = collect_paths(paths)
    if not files:
        raise usage_error(
            "Inga YAML-filer (.yaml, .yml) hittades i de angivna sökvägarna.",
            "No YAML files (.yaml, .yml) were found in the given paths.",
        )
    from iop.lint.batch import lint_paths
    from iop.lint.rules import RulePackError
    from iop.lint.ruleset import RuleSet

    try:
        ruleset = RuleSet.load()
        cache = None if no_cache or config.cache is False else _open_cache(profile, config, cache_dir)
        results = lint_paths(files, ruleset, profile=profile, config=config, cache=cache, jobs=jobs)
    except (ProfileError, RulePackError) as exc:
        click.echo(f"iop lint: {tr(exc.message)}", err=True)
        sys.exit(EXIT_USAGE)
    findings = [d for r in results for d in r.diagnostics]
    from iop.lint.cache import repo_root
    from iop.report import Report, render

    report = Report(
        [(r.display, r.diagnostics) for r in results],
        rules=ruleset.rules,
        root=repo_root(),
        colour=sys.stdout.isatty(),
    )
    out = render(fmt, report)
    if out:
        click.echo(out)
    threshold = fail_on or config.fail_on or "error"
    order = {"info": 0, "warning": 1, "error": 2}
    failing = threshold != "never" and any(order[d.severity] >= order[threshold] for d in findings)
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)
