"""``iop init [MAPP]``: a ready repository for a municipality's agreements."""

from __future__ import annotations

from pathlib import Path

import click

from iop.cliutil import EXIT_OK, lang_option, usage_error


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("folder", default=".", metavar="[MAPP]", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--profile",
    default="bas",
    show_default=True,
    help="Kommunens riktlinjer (profil i lint/profiles/, t.ex. orebro). / The municipality's lint profile.",
)
@click.option(
    "--hooks-repo",
    metavar="ADRESS",
    help="iop:s git-repo för krokarna och CI (annars det iop installerades från). / iop's git repository.",
)
@click.option(
    "--hooks-rev",
    metavar="REV",
    help="Tagg eller commit att låsa krokarna till (förval: versionens tagg). / Tag or commit to pin.",
)
@click.option("--force", is_flag=True, help="Skriv över filer som skiljer sig. / Replace differing files.")
@lang_option
def init(folder: Path, profile: str, hooks_repo: str | None, hooks_rev: str | None, force: bool) -> None:
    """Gör ett repo redo för kommunens överenskommelser.

    \b
    Skapar agreements/, .gitignore (byggresultat och cacher), .pre-commit-config.yaml
    med iop:s krokar låsta till den här versionens tagg, .vscode/settings.json som
    kopplar schemat (en kopia i schema/) till agreements/**/*.yaml, .iop.yaml med
    kommunens profil, ett CI-flöde (.github/workflows/iop.yml) och en README.
      iop init avtal-repo --profile orebro

    Att köra kommandot igen ändrar inget; en fil som redan finns och skiljer sig
    skrivs bara över med --force. Slutkod 0 = klart, 2 = användningsfel.
    """
    import shutil
    import subprocess

    from iop.i18n import text, tr
    from iop.lint.profiles import available
    from iop.starter import files, hooks

    profiles = available()
    if profile not in profiles:
        raise usage_error(
            f"Okänd profil '{profile}'. Profilerna: {', '.join(profiles)}.",
            f"Unknown profile '{profile}'. The profiles: {', '.join(profiles)}.",
        )
    source = hooks.resolve(hooks_repo, hooks_rev)
    if source is None:
        raise usage_error(
            "Vet inte var iop:s krokar finns (iop installerades inte från ett git-repo). "
            f"Ange adressen med --hooks-repo, t.ex. --hooks-repo https://github.com/ORG/iop "
            f"(krokarna låses till {hooks.release_tag()}).",
            "Cannot tell where iop's hooks live (iop was not installed from a git repository). "
            f"Give the address with --hooks-repo (the hooks are pinned to {hooks.release_tag()}).",
        )
    if folder.exists() and not folder.is_dir():
        raise usage_error(f"'{folder}' är ingen mapp.", f"'{folder}' is not a folder.")
    folder.mkdir(parents=True, exist_ok=True)
    labels = {
        files.CREATED: text("skapade    ", "created    "),
        files.UNCHANGED: text("oförändrad ", "unchanged  "),
        files.KEPT: text("behöll     ", "kept       "),
        files.REPLACED: text("skrev över ", "replaced   "),
    }
    kept = []
    for planned in files.plan(source, profile):
        outcome = files.write(folder, planned, force)
        click.echo(f"{tr(labels[outcome])}{planned.path}")
        if outcome == files.KEPT:
            kept.append(planned.path)
    if kept:
        click.echo(
            tr(
                text(
                    f"{len(kept)} fil(er) fanns redan och skiljer sig; de lämnades orörda (--force skriver över).",
                    f"{len(kept)} file(s) already existed and differ; left untouched (--force replaces them).",
                )
            )
        )
    git = shutil.which("git")
    if git and not (folder / ".git").exists():
        inside = subprocess.run(
            [git, "-C", str(folder), "rev-parse", "--is-inside-work-tree"], capture_output=True, check=False
        )
        if inside.returncode != 0:
            subprocess.run([git, "init", "-q", str(folder)], check=False)
            click.echo(tr(text("skapade    git-repo (git init)", "created    git repository (git init)")))
    where = "" if folder.resolve() == Path.cwd().resolve() else f"cd {folder} && "
    click.echo(
        tr(
            text(
                f"\nKrokarna är låsta till {source.rev} i {source.repo}.\nNästa steg:\n"
                f"  {where}pre-commit install\n"
                "  iop new -o agreements/NAMN.yaml\n"
                "  git add -A && git commit -m 'Första överenskommelsen'",
                f"\nThe hooks are pinned to {source.rev} in {source.repo}.\nNext steps:\n"
                f"  {where}pre-commit install\n"
                "  iop new -o agreements/NAME.yaml\n"
                "  git add -A && git commit -m 'First agreement'",
            )
        )
    )
    raise SystemExit(EXIT_OK)
