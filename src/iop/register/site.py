"""Build the register: list page, one page per agreement, public PDFs, stylesheet and script.

Only files this builder wrote are ever removed: ``.iop-register.json`` in the
output folder lists them, so a page for an agreement that left the register
disappears on the next build and nothing else in the folder is touched.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from iop.assets import asset
from iop.diagnostics import Diagnostic
from iop.register.entry import LISTED_STATUSES, Entry, make_entry

MANIFEST = ".iop-register.json"
PAGES = "overenskommelser"
PDFS = "pdf"


class RegisterWriteError(Exception):
    """The output folder cannot be written; ``path`` and ``error`` say where and why."""

    def __init__(self, path: Path, error: OSError) -> None:
        super().__init__(str(error))
        self.path = path
        self.error = error


@dataclass
class Result:
    """What a build did."""

    entries: list[Entry] = field(default_factory=list)
    drafts: list[Path] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    pdf_refused: list[tuple[Path, int]] = field(default_factory=list)
    pdf_failed: list[tuple[Path, str]] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def load_entries(files: Sequence[Path], result: Result) -> None:
    """Read every file; listed agreements become entries, drafts are counted, errors kept."""
    from iop.loader import LoadError, load

    seen: set[str] = set()
    for path in files:
        try:
            doc = load(path)
        except LoadError as exc:
            result.problems += exc.diagnostics
            continue
        if doc.data.get("status") not in LISTED_STATUSES:
            result.drafts.append(path)
            continue
        entry = make_entry(path, doc.data)
        slug, n = entry.slug, 2
        while slug in seen:
            slug, n = f"{entry.slug}-{n}", n + 1
        seen.add(slug)
        result.entries.append(entry if slug == entry.slug else _with_slug(entry, slug))


def _with_slug(entry: Entry, slug: str) -> Entry:
    from dataclasses import replace

    return replace(entry, slug=slug)


def _write(path: Path, content: str | bytes, result: Result) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    except OSError as exc:
        raise RegisterWriteError(path, exc) from None
    result.written.append(path)


def build_site(
    files: Sequence[Path],
    out: Path,
    *,
    with_pdf: bool = True,
    step: Callable[[], None] | None = None,
    jobs: int | None = None,
) -> Result:
    """Build the register for ``files`` into ``out``; ``step`` is called once per unit of work."""
    from iop.register.pages import agreement_page, index_page
    from iop.render.batch import Job, render_all

    result = Result()
    load_entries(files, result)
    if step:  # files left out (drafts, unreadable) count as done at once
        for _ in range((len(files) - len(result.entries)) * (2 if with_pdf else 1)):
            step()
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f"{MANIFEST}.probe"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise RegisterWriteError(out, exc) from None
    old = _read_manifest(out)

    pdfs: dict[str, str] = {}
    if with_pdf and result.entries:
        pdf_dir = out / PDFS
        by_path = {entry.path: entry for entry in result.entries}
        try:
            outcomes = render_all(
                [Job(entry.path, ("pdf",), pdf_dir, draft=False, public=True) for entry in result.entries],
                (lambda _: step()) if step else None,
                jobs,
            )
        except OSError as exc:
            raise RegisterWriteError(pdf_dir, exc) from None
        for outcome in outcomes:
            entry = by_path[outcome.path]
            made = [*outcome.written, *outcome.skipped]
            if made:
                pdfs[entry.slug] = made[0].name
                result.written += made
            elif outcome.refused:
                result.pdf_refused.append((outcome.path, len(outcome.refused)))
            elif outcome.failure:
                result.pdf_failed.append((outcome.path, outcome.failure))
    for entry in result.entries:
        _write(out / PAGES / f"{entry.slug}.html", agreement_page(entry, pdfs.get(entry.slug)), result)
        if step:
            step()
    for name in ("register.css", "register.js"):
        try:
            data = asset("render", "register", name).read_bytes()
        except OSError as exc:
            raise RegisterWriteError(asset("render", "register", name), exc) from None
        _write(out / name, data, result)
    _write(out / "index.html", index_page(result.entries, pdfs), result)
    _remove_stale(out, old, result)
    return result


def _read_manifest(out: Path) -> list[str]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [p for p in data.get("files", []) if isinstance(p, str)] if isinstance(data, dict) else []


def _remove_stale(out: Path, old: list[str], result: Result) -> None:
    now = sorted({p.relative_to(out).as_posix() for p in result.written if p.is_relative_to(out)})
    root = out.resolve()
    for rel in set(old) - set(now):
        target = (out / rel).resolve()
        if target.is_relative_to(root) and target.is_file() and target.parent != target:
            target.unlink()
    manifest = out / MANIFEST
    try:
        manifest.write_text(json.dumps({"files": now}, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as exc:
        raise RegisterWriteError(manifest, exc) from None
