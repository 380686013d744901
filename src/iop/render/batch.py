"""Render many agreements: gate, skip what is up to date, use both cores.

An output is up to date when it is newer than its source and every file in
``render/``, and the manifest ``.iop-render.json`` in the output folder says it
was made by this iop version, in the same mode (draft or not), from a source
with the same SHA-256.
"""

from __future__ import annotations

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
    manifest = read_manifest(out_dir)
    for outcome in outcomes:
        for out in outcome.written:
            manifest[out.name] = {"tool": __version__, "draft": draft, "public": public, "sha256": outcome.sha256}
    tmp = out_dir / f"{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    tmp.replace(out_dir / MANIFEST)


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


def _write(target: Path, data: bytes) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)


def render_job(job: Job) -> Outcome:
    """Load, gate and render one agreement to every requested format it needs."""
    from iop.loader import LoadError, load
    from iop.render.pandoc import RenderError
    from iop.render.provenance import provenance

    outcome = Outcome(job.path)
    try:
        raw = job.path.read_bytes()
    except OSError as exc:
        outcome.failure = str(exc)
        return outcome
    outcome.sha256 = hashlib.sha256(raw).hexdigest()
    manifest = read_manifest(job.out_dir)
    todo = [f for f in job.formats if not up_to_date(job, f, manifest, outcome.sha256)]
    outcome.skipped = [output_path(job.path, f, job.out_dir) for f in job.formats if f not in todo]
    if not todo:
        return outcome
    try:
        doc = load(job.path)
    except LoadError as exc:
        outcome.refused = list(exc.diagnostics)
        return outcome
    if not job.draft:
        from iop.render.gate import blocking, findings

        outcome.refused = blocking(findings(doc))
        if outcome.refused:
            return outcome
    draft = job.draft or doc.data.get("status") == "utkast"
    if job.public:
        from iop.personal import redact

        doc.data = redact(doc.data)
    prov = provenance(job.path, doc.sha256, doc.data)
    try:
        for fmt in todo:
            data = _render(fmt, doc, prov, draft)
            target = output_path(job.path, fmt, job.out_dir)
            _write(target, data)
            outcome.written.append(target)
    except RenderError as exc:
        outcome.failure = str(exc)
    return outcome


def _render(fmt: str, doc: Document, prov: Provenance, draft: bool) -> bytes:
    if fmt == "pdf":
        from iop.render.pdf import render_pdf

        return render_pdf(doc, prov, draft=draft)
    from iop.render.office import render_docx, render_html

    return render_docx(doc, prov, draft=draft) if fmt == "docx" else render_html(doc, prov, draft=draft)


def run(jobs: list[Job], workers: int | None = None) -> Iterator[Outcome]:
    """Render ``jobs``, in worker processes when there is more than one; outcomes in input order."""
    if not jobs:
        return
    for folder in {j.out_dir for j in jobs}:
        folder.mkdir(parents=True, exist_ok=True)
    count = min(workers or min(2, os.cpu_count() or 1), len(jobs))
    if count <= 1:
        yield from map(render_job, jobs)
        return
    with ProcessPoolExecutor(max_workers=count) as pool:
        yield from pool.map(render_job, jobs)


def render_all(
    jobs: list[Job], progress: Callable[[Outcome], None] | None = None, workers: int | None = None
) -> list[Outcome]:
    """Run ``jobs``, record the manifest per output folder, return the outcomes."""
    outcomes: list[Outcome] = []
    for outcome in run(jobs, workers):
        outcomes.append(outcome)
        if progress:
            progress(outcome)
    for folder in {j.out_dir for j in jobs}:
        done = [o for o, j in zip(outcomes, jobs, strict=True) if j.out_dir == folder and o.written]
        if done:
            write_manifest(folder, done, jobs[0].draft, jobs[0].public)
    return outcomes
