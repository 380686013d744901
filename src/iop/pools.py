"""How to start worker processes: fork only from a process with one thread.

A forked child gets only the thread that forked, with every lock as it was: a lock
another thread held then (an import, a stream, a library's own) is held for ever,
and the worker that needs it hangs (a render pool forked after Playwright started its
threads hung for 14 minutes). A fork server is a clean one-thread process that forks
the workers instead. Plain fork stays where it is safe: it is the fastest start.
Used by the render and the lint pools.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext


def threads() -> int:
    """Threads of this process: Python's, and on Linux also those started outside ``threading``
    (by C code, or by ``_thread`` as pytest-xdist's channel does)."""
    import threading

    try:
        return max(threading.active_count(), len(os.listdir("/proc/self/task")))
    except OSError:
        return threading.active_count()


def pool_context() -> BaseContext:
    """``fork`` while this process has one thread, else ``forkserver`` (``spawn`` where there is none)."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threads() <= 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def parent_state() -> tuple[str, bool]:
    """What a worker must take over from this process: the language and ``--debug``
    (a forked worker inherits them, one from a fork server does not)."""
    from iop.i18n import current
    from iop.internal import debug_enabled

    return current(), debug_enabled()


def adopt(lang: str, debug: bool) -> None:
    """In a worker: take over the parent's :func:`parent_state`."""
    from iop.i18n import set_lang
    from iop.internal import set_debug

    set_lang(lang)
    set_debug(debug)
