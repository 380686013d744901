"""Lint many files: answer from the result cache where it can, spread the rest over a process pool.

``lint_paths(paths, ruleset)`` serves ``iop lint``. The rule set is built once by
the caller and handed to each worker once, when the worker starts, never per file:
forked workers inherit it; from a process with other threads the workers come from a
fork server (:func:`iop.pools.pool_context`) and receive it pickled from this process.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from iop.diagnostics import Diagnostic
from iop.files import AGREEMENT_LIMIT, read_regular
from iop.lint.config import LintConfig, find_config
from iop.lint.document import lint_document
from iop.lint.profiles import DEFAULT_PROFILE, ProfileError

if TYPE_CHECKING:
    from iop.lint.cache import LintCache
    from iop.lint.ruleset import RuleSet

POOL_MIN_FILES = 24
"""Batches at least this large are spread over a process pool."""


@dataclass(frozen=True)
class FileResult:
    """The findings for one input file."""

    path: Path
    display: str
    diagnostics: list[Diagnostic]
    cached: bool = False


def lint_file(
    path: Path, display: str, ruleset: RuleSet, profile: str | None, config: LintConfig
) -> list[Diagnostic]:
    """Load and lint one file; a file that does not load gives its load diagnostics."""
    from iop.loader import LoadError, load

    try:
        doc = load(path, display)
        return lint_document(doc, ruleset, profile=profile, config=config)
    except LoadError as exc:
        return list(exc.diagnostics)
    except Exception as exc:  # a bug in iop: a finding for this file; the batch goes on
        from iop.internal import internal_finding
        from iop.lint.config import ConfigError
        from iop.lint.rules import RulePackError

        if isinstance(exc, ProfileError | ConfigError | RulePackError):
            raise
        return [internal_finding(display, exc)]


_WORKER: list[tuple[RuleSet, str | None, LintConfig]] = []
"""In a pool worker: what its parent handed over at start (one entry)."""


def _worker_init(ruleset: RuleSet, profile: str | None, config: LintConfig, lang: str, debug: bool) -> None:
    """Keep the parent's rule set, language and ``--debug`` (:func:`iop.pools.adopt`); a
    short-lived worker needs no cyclic garbage collector."""
    from iop.pools import adopt

    gc.disable()
    adopt(lang, debug)
    _WORKER[:] = [(ruleset, profile, config)]


def _chunk(items: list[tuple[str, str]]) -> list[list[Diagnostic]]:
    ruleset, profile, config = _WORKER[0]
    return [lint_file(Path(p), display, ruleset, profile, config) for p, display in items]


def _warm_up(ruleset: RuleSet, profile: str | None, config: LintConfig) -> None:
    """Import and plan everything once in the parent, so forked workers inherit it."""
    import iop.loader
    import iop.validation.messages  # noqa: F401
    from iop.lint.checks import registry
    from iop.lint.profiles import available
    from iop.validation.schema import validator

    registry()
    validator()
    for name in {profile or config.profile or DEFAULT_PROFILE, *available()}:
        try:
            ruleset.plan(name, config)  # also compiles the plan's text rules
        except ProfileError:
            if name == profile:
                raise


_EXIT_HOOK: list[bool] = []


def _spare_exit_collection() -> None:
    """Skip the full garbage collection the interpreter runs at exit (once per process).

    At exit every object still alive is traversed once more (about 30 ms after
    linting one file: the compiled rules and the schema are large); freezing them
    first leaves only the normal teardown. Reference counting still frees them.
    """
    if not _EXIT_HOOK:
        import atexit

        atexit.register(gc.freeze)
        _EXIT_HOOK.append(True)


def _pool_run(
    todo: list[tuple[int, Path, str]], ruleset: RuleSet, profile: str | None, config: LintConfig, jobs: int
) -> dict[int, list[Diagnostic]]:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from iop.pools import parent_state, pool_context

    _warm_up(ruleset, profile, config)
    size = max(1, -(-len(todo) // (jobs * 4)))
    chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
    out: dict[int, list[Diagnostic]] = {}
    gc.freeze()  # forked workers then never scan (and copy) the warmed-up objects
    try:
        with ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=pool_context(),
            initializer=_worker_init,
            initargs=(ruleset, profile, config, *parent_state()),
        ) as pool:
            futures = [pool.submit(_chunk, [(str(p), d) for _, p, d in chunk]) for chunk in chunks]
            for chunk, future in zip(chunks, futures, strict=True):
                for (index, _, _), diags in zip(chunk, future.result(), strict=True):
                    out[index] = diags
    except BrokenProcessPool:
        pass  # a worker died (e.g. killed from outside): finish the rest in this process
    finally:
        gc.unfreeze()
    for index, path, display in todo:
        if index not in out:
            out[index] = lint_file(path, display, ruleset, profile, config)
    return out


def default_jobs() -> int:
    """Worker processes for a large batch: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def lint_paths(
    paths: Sequence[Path],
    ruleset: RuleSet,
    *,
    profile: str | None = None,
    config: LintConfig | None = None,
    cache: LintCache | None = None,
    displays: Sequence[str] | None = None,
    jobs: int | None = None,
) -> list[FileResult]:
    """Lint many files; results in input order.

    Files whose bytes, rules, profile and configuration are unchanged come from
    ``cache``. The rest are linted in this process, or in a process pool when
    there are at least :data:`POOL_MIN_FILES` of them.
    """
    _spare_exit_collection()
    config = config if config is not None else find_config()
    names = list(displays) if displays is not None else [str(p) for p in paths]
    results: dict[int, FileResult] = {}
    todo: list[tuple[int, Path, str]] = []
    raw_by_index: dict[int, bytes] = {}
    for index, (path, display) in enumerate(zip(paths, names, strict=True)):
        if cache is not None:
            try:
                raw = read_regular(path, AGREEMENT_LIMIT)
            except OSError:
                todo.append((index, path, display))
                continue
            raw_by_index[index] = raw
            hit = cache.get(raw, display)
            if hit is not None:
                results[index] = FileResult(path, display, hit, cached=True)
                continue
        todo.append((index, path, display))
    workers = jobs if jobs is not None else default_jobs()
    if len(todo) >= POOL_MIN_FILES and workers > 1:
        fresh = _pool_run(todo, ruleset, profile, config, workers)
    else:
        enabled = gc.isenabled()
        gc.disable()  # linting allocates many small, short-lived objects and makes no cycles worth chasing
        try:
            fresh = {
                index: lint_file(path, display, ruleset, profile, config) for index, path, display in todo
            }
        finally:
            if enabled:
                # Plainly on again: moving what linting allocated to the oldest generation
                # (gc.freeze + gc.unfreeze) saved a 10 ms pass but hid its cyclic garbage
                # from the collector for good; a process that lints again and again (a
                # long fuzz run) grew by 1.7 MB per file until it was killed.
                gc.enable()
    for index, path, display in todo:
        diags = fresh[index]
        results[index] = FileResult(path, display, diags)
        if cache is not None and index in raw_by_index:
            cache.put(raw_by_index[index], diags)
    return [results[i] for i in range(len(names))]
