"""Worker processes fork only from a process with one thread (see iop.pools)."""

from __future__ import annotations

import sys

import pytest

from iop import pools


def test_a_process_with_one_thread_forks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork is the fastest start, and safe while this process has no other thread."""
    monkeypatch.setattr(pools, "threads", lambda: 1)
    assert pools.pool_context().get_start_method() == "fork"
    monkeypatch.setattr(pools, "threads", lambda: 2)
    assert pools.pool_context().get_start_method() == "forkserver"


def test_threads_counts_those_started_outside_threading() -> None:
    import _thread
    import threading

    before = pools.threads()
    started, release = threading.Event(), threading.Event()

    def wait() -> None:
        started.set()
        release.wait()

    _thread.start_new_thread(wait, ())  # invisible to threading.active_count()
    started.wait()
    try:
        if sys.platform == "linux":
            assert pools.threads() == before + 1
    finally:
        release.set()
