"""Render many agreements: gate, skip what is up to date, use both cores.

An output is up to date when it is newer than its source and every file in
``render/``, and the manifest ``.iop-render.json`` in the output folder says it
was made by this iop version, in the same mode (draft or not), from a source
with the same SHA-256.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from iop import __version__
from iop.assets import asset
from iop.diagnostics import Diagnostic
from iop.i18n import text, tr
from iop.pools import parent_state, pool_context

if TYPE_CHECKING:
    from iop.loader import Document
    from iop.render.provenance import Provenance

FORMATS = ("pdf", "docx", "html")
MANIFEST = ".iop-render.json"


@dataclass(frozen=True)
class Job:
    path: Path
    formats: tuple[str, ...]
    out_dir: Path
    draft: bool
    force: bool = False
    public: bool = False
    """Leave out every field the schema marks as personal (``x-personuppgift``)."""


@dataclass
class Outcome:
    path: Path
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    refused: list[Diagnostic] = field(default_factory=list)
    failure: str | None = None
    sha256: str | None = None
    problems: list[Diagnostic] = field(default_factory=list)
    """Findings that stopped an output (characters the fonts lack, an internal error)."""

    @property
    def ok(self) -> bool:
        return not self.refused and self.failure is None


def output_path(path: Path, fmt: str, out_dir: Path) -> Path:
    return out_dir / f"{path.stem}.{fmt}"


@cache
def templates_mtime() -> float:
    """Newest modification time of anything in ``render/`` (templates, styles, fonts)."""
    root = asset("render")
    return max((p.stat().st_mtime for p in root.rglob("*") if p.is_file()), default=0.0)


def read_manifest(out_dir: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_manifest(out_dir: Path, outcomes: list[Outcome], draft: bool, public: bool = False) -> None:
    """Record the outputs just written; raises :class:`iop.output.OutputError` if it cannot."""
    from iop.output import write_file

    manifest = read_manifest(out_dir)
    for outcome in outcomes:
        for out in outcome.written:
            manifest[out.name] = {
                "tool": __version__,
                "draft": draft,
                "public": public,
                "sha256": outcome.sha256,
            }
    data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    write_file(out_dir / MANIFEST, data)


def up_to_date(job: Job, fmt: str, manifest: dict[str, dict[str, object]], sha256: str) -> bool:
    out = output_path(job.path, fmt, job.out_dir)
    entry = manifest.get(out.name)
    if job.force or not isinstance(entry, dict) or not out.exists():
        return False
    if entry.get("tool") != __version__ or entry.get("draft") != job.draft or entry.get("sha256") != sha256:
        return False
    if bool(entry.get("public")) != job.public:
        return False
    made = out.stat().st_mtime
    return made >= job.path.stat().st_mtime and made >= templates_mtime()


def render_job(job: Job) -> Outcome:
    """Load, gate and render one agreement to every requested format it needs.

    Nothing escapes but Ctrl-C: a problem of the input, the output folder or the
    disk, or a bug in iop, becomes this outcome's failure, and the other
    agreements go on.
    """
    outcome = Outcome(job.path)
    try:
        _render_job(job, outcome)
    except Exception as exc:  # a bug in iop: report it for this file and go on
        from iop.internal import internal_finding

        outcome.problems.append(internal_finding(job.path, exc))
        outcome.failure = tr(text("internt fel i iop (se ovan)", "internal error in iop (see above)"))
    return outcome


def _render_job(job: Job, outcome: Outcome) -> None:
    from iop.files import AGREEMENT_LIMIT, TooLarge, read_regular
    from iop.loader import LoadError, load, loads
    from iop.output import OutputError, write_file
    from iop.render.pandoc import RenderError, UnshowableText
    from iop.render.provenance import provenance

    try:
        raw: bytes | None = read_regular(job.path, AGREEMENT_LIMIT)
    except TooLarge:
        raw = None  # the loader words it
    except OSError as exc:
        outcome.failure = tr(
            text(f"filen kan inte läsas: {exc.strerror}", f"the file cannot be read: {exc.strerror}")
        )
        return
    todo = list(job.formats)
    if raw is not None:
        outcome.sha256 = hashlib.sha256(raw).hexdigest()
        manifest = read_manifest(job.out_dir)
        todo = [f for f in job.formats if not up_to_date(job, f, manifest, outcome.sha256)]
        outcome.skipped = [output_path(job.path, f, job.out_dir) for f in job.formats if f not in todo]
        if not todo:
            return
    try:
        doc = loads(raw, str(job.path), job.path) if raw is not None else load(job.path)
    except LoadError as exc:
        outcome.refused = list(exc.diagnostics)
        return
    if not job.draft:
        from iop.render.gate import blocking, findings

        outcome.refused = blocking(findings(doc))
        if outcome.refused:
            return
    draft = job.draft or doc.data.get("status") == "utkast"
    if job.public:
        from iop.personal import redact

        doc.data = redact(doc.data)
    prov = provenance(job.path, doc.sha256, doc.data)
    failures: list[str] = []
    for fmt in todo:
        target = output_path(job.path, fmt, job.out_dir)
        try:
            write_file(target, _render(fmt, doc, prov, draft))
        except UnshowableText as exc:
            outcome.problems.extend(exc.diagnostics)
            failures.append(
                tr(
                    text(
                        f"{target.name} skrevs inte: texten har tecken som PDF:ens typsnitt saknar (se ovan)",
                        f"{target.name} was not written: the text has characters the PDF's fonts lack (see above)",
                    )
                )
            )
        except RenderError as exc:
            failures.append(f"{target.name}: {exc}")
        except OutputError as exc:
            failures.append(tr(exc.message))
        else:
            outcome.written.append(target)
    if failures:
        outcome.failure = "; ".join(failures)


def _render(fmt: str, doc: Document, prov: Provenance, draft: bool) -> bytes:
    if fmt == "pdf":
        from iop.render.pdf import render_pdf

        return render_pdf(doc, prov, draft=draft)
    from iop.render.office import render_docx, render_html

    return render_docx(doc, prov, draft=draft) if fmt == "docx" else render_html(doc, prov, draft=draft)


def _worker_init(lang: str, debug: bool, environ: dict[str, str]) -> None:
    """Ctrl-C in a worker: stop the job in hand cleanly and take no further job.

    A worker that was not forked from this process gets what a forked one inherits:
    the language, ``--debug`` and the environment (``TMPDIR``, ``PATH``) as they are now.
    """
    import signal

    from iop.pools import adopt

    signal.signal(signal.SIGINT, _worker_interrupt)
    adopt(lang, debug)
    if os.environ != environ:
        os.environ.clear()
        os.environ.update(environ)


_busy = False
_interrupted = False


def _worker_interrupt(signum: int, frame: object) -> None:
    """Raise only inside a job; an idle worker just remembers it.

    Raising while idle would land anywhere in the pool's own loop (halfway
    through sending a result, holding a queue lock) and can leave the pool
    waiting for ever; the parent ends idle workers through ``shutdown``.
    """
    global _interrupted
    _interrupted = True
    if _busy:
        raise KeyboardInterrupt


def _pooled_job(job: Job) -> Outcome | None:
    """``render_job`` in a worker; None when Ctrl-C stopped it (its temporary files are gone)."""
    global _busy
    if _interrupted:
        return None
    try:
        _busy = True
        return render_job(job)
    except KeyboardInterrupt:
        return None
    finally:
        _busy = False


def run(jobs: list[Job], workers: int | None = None) -> Iterator[Outcome]:
    """Render ``jobs``, in worker processes when there is more than one; outcomes in input order.

    Ctrl-C stops every worker without a traceback (each removes its temporary
    files) and is raised again here as KeyboardInterrupt.
    """
    if not jobs:
        return
    count = min(workers or min(2, os.cpu_count() or 1), len(jobs))
    if count <= 1:
        yield from map(render_job, jobs)
        return
    pool = ProcessPoolExecutor(
        max_workers=count,
        mp_context=pool_context(),
        initializer=_worker_init,
        initargs=(*parent_state(), dict(os.environ)),
    )
    try:
        for job, outcome in zip(jobs, pool.map(_pooled_job, jobs), strict=True):
            yield outcome or Outcome(
                job.path, failure=tr(text("avbruten med Ctrl-C", "interrupted with Ctrl-C"))
            )
    except KeyboardInterrupt:
        _interrupt_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _interrupt_workers(pool: ProcessPoolExecutor) -> None:
    """Pass Ctrl-C on to workers that did not get it from the terminal (e.g. ``kill -INT``)."""
    import signal

    processes: dict[int, object] = getattr(pool, "_processes", None) or {}
    for pid in list(processes):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGINT)


def prepare_folders(jobs: list[Job]) -> None:
    """Create every output folder; raises :class:`iop.output.OutputError` naming the one that fails."""
    from iop.output import ensure_folder

    for folder in sorted({j.out_dir for j in jobs}):
        ensure_folder(folder)


def render_all(
    jobs: list[Job], progress: Callable[[Outcome], None] | None = None, workers: int | None = None
) -> list[Outcome]:
    """Run ``jobs``, record the manifest per output folder, return the outcomes.

    Raises :class:`iop.output.OutputError` if an output folder cannot be created.
    A manifest that cannot be written becomes a failure of the outcomes it records.
    """
    from iop.output import OutputError

    prepare_folders(jobs)
    outcomes: list[Outcome] = []
    for outcome in run(jobs, workers):
        outcomes.append(outcome)
        if progress:
            progress(outcome)
    for folder in {j.out_dir for j in jobs}:
        done = [o for o, j in zip(outcomes, jobs, strict=True) if j.out_dir == folder and o.written]
        if done:
            try:
                write_manifest(folder, done, jobs[0].draft, jobs[0].public)
            except OutputError as exc:
                for outcome in done:
                    outcome.failure = tr(exc.message)
    return outcomes
