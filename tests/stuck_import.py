"""For the pool tests' child scripts: a thread of this process stuck halfway through an import.

``hold(module)`` returns once another thread has started importing ``module`` and stopped
inside it, holding that module's import lock; ``release()`` lets it finish. Only this
process is affected: a forked child keeps the lock as it was, held for ever, while a child
from a fork server or spawn imports the module afresh.
"""

from __future__ import annotations

import importlib.machinery
import os
import sys
import threading
from types import ModuleType
from typing import Any

_entered, _release = threading.Event(), threading.Event()


class _StuckLoader:
    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def create_module(self, spec: Any) -> None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        _entered.set()
        _release.wait()
        self.loader.exec_module(module)


class _Stuck:
    def __init__(self, name: str) -> None:
        self.name, self.parent = name, os.getpid()

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name != self.name or os.getpid() != self.parent:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        assert spec is not None
        spec.loader = _StuckLoader(spec.loader)  # type: ignore[assignment]
        return spec


def hold(module: str) -> None:
    """Start importing ``module`` in a daemon thread and return once it is stuck inside."""
    assert module not in sys.modules
    sys.meta_path.insert(0, _Stuck(module))
    threading.Thread(target=__import__, args=(module,), daemon=True).start()
    _entered.wait()


def release() -> None:
    _release.set()
