"""``iop info FILE.pdf``: what a rendered signing copy says about itself."""

from __future__ import annotations

from typing import Any

import click

from iop.cliutil import EXIT_FINDINGS, EXIT_OK, format_option, lang_option

LABELS: dict[str, tuple[str, str]] = {
    "file": ("Fil", "File"),
    "title": ("Titel", "Title"),
    "agreement_id": ("Överenskommelse (id)", "Agreement (id)"),
    "version": ("Version", "Version"),
    "status": ("Status", "Status"),
    "parties": ("Parter", "Parties"),
    "source_file": ("Källfil", "Source file"),
    "source_sha256": ("Källfilens SHA-256", "Source SHA-256"),
    "git_commit": ("Git-commit", "Git commit"),
    "tool_version": ("Renderad med", "Rendered with"),
    "draft": ("Utkast", "Draft"),
    "pdfa": ("PDF/A", "PDF/A"),
    "pages": ("Sidor", "Pages"),
    "signature_fields": ("Signaturfält", "Signature fields"),
    "revisions": ("Revisioner", "Revisions"),
    "metadata_changed_after_signing": ("Ändrad efter underskrift", "Changed after signing"),
}
GIT_STATES = {"ren": "committed", "ändrad": "modified", "ej incheckad": "untracked"}


def _text(info: dict[str, Any], lang: str) -> str:
    sv = lang != "en"
    shown = {k: v for k, v in LABELS.items() if k != "metadata_changed_after_signing" or info.get(k)}
    width = max(len(v[0 if sv else 1]) for v in shown.values()) + 2
    lines = []
    for key, (label_sv, label_en) in shown.items():
        value = info.get(key)
        if key == "git_commit" and value:
            state = info.get("git_state")
            if state:
                value = f"{value} ({state if sv else GIT_STATES.get(state, state)})"
        elif key == "metadata_changed_after_signing":
            value = (
                ("VARNING: " if sv else "WARNING: ")
                + "; ".join(value)
                + (" (ovan visas den undertecknade versionen)" if sv else " (the signed revision is shown above)")
                if value
                else None
            )
        elif key == "parties":
            value = ("\n" + " " * width).join(value) if value else None
        elif key == "draft" and value is not None:
            value = ("ja" if value else "nej") if sv else ("yes" if value else "no")
        elif key == "tool_version" and value:
            value = f"iop {value}"
        elif key == "pdfa" and value:
            value = value.upper()
        elif key == "signature_fields":
            parts = []
            for f in value or []:
                signed = ("signerat" if sv else "signed") if f["signed"] else ("tomt" if sv else "empty")
                page = f"{'sida' if sv else 'page'} {f['page']}" if f["page"] else ""
                parts.append(f"{f['name']} ({', '.join(s for s in (page, signed) if s)})")
            value = ", ".join(parts) if parts else None
        if value in (None, ""):
            value = "–"
        lines.append(f"{label_sv if sv else label_en}:".ljust(width) + str(value))
    return "\n".join(lines)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@format_option("text", "json")
@lang_option
def info(files: tuple[str, ...], fmt: str) -> None:
    """Visa metadata i en renderad PDF: titel, parter, version, källfilens SHA-256, commit, PDF/A och signaturfält.

    Slutkod 0 = klart, 1 = någon fil kunde inte läsas eller saknar iop-metadata.
    """
    import json
    from pathlib import Path

    from iop.i18n import current, text, tr
    from iop.render.info import InfoError, pdf_info

    results: list[dict[str, Any]] = []
    failed = False
    for name in files:
        path = Path(name)
        try:
            found = pdf_info(path)
        except InfoError as exc:
            failed = True
            click.echo(f"{name}: {tr(exc.message)}", err=True)
            continue
        if not found.get("source_sha256"):
            failed = True
            click.echo(
                tr(
                    text(
                        f"{name}: saknar iop-metadata (inte renderad med iop render).",
                        f"{name}: has no iop metadata (not rendered by iop render).",
                    )
                ),
                err=True,
            )
        results.append(found)
    if fmt == "json":
        click.echo(
            json.dumps(
                results if len(files) > 1 else (results[0] if results else {}), ensure_ascii=False, indent=2
            )
        )
    elif results:
        click.echo("\n\n".join(_text(r, current()) for r in results))
    raise SystemExit(EXIT_FINDINGS if failed else EXIT_OK)
