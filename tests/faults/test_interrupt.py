"""Ctrl-C during ``iop render``: workers end without tracebacks, no temporary files, exit 130."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "agreements" / "orebro-stadsmissionen-gemenskap.yaml"


@pytest.mark.parametrize("how", ["terminal", "kill"])
def test_ctrl_c_stops_render_cleanly(tmp_path: Path, iop_exe: str, how: str) -> None:
    """``terminal``: SIGINT to the whole process group, as Ctrl-C sends it; ``kill``: to iop alone."""
    src = tmp_path / "src"
    src.mkdir()
    for i in range(60):
        shutil.copyfile(EXAMPLE, src / f"a{i:02}.yaml")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    out = tmp_path / "out"
    env = {**os.environ, "TMPDIR": str(scratch)}
    process = subprocess.Popen(
        [iop_exe, "render", str(src), "--to", "pdf,docx", "-j", "2", "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
        # a child of a background job may start with SIGINT ignored; Ctrl-C must reach it
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.is_dir() and any(out.glob("*.pdf"))):
        time.sleep(0.05)
    assert process.poll() is None, "render finished before it could be interrupted"
    if how == "terminal":
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    stderr = err.decode("utf-8", "replace")
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert "Avbrutet." in stderr
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []
    assert list(scratch.iterdir()) == [], "Typst's working folders are removed"
    written = sorted(p.name for p in out.glob("a*.*"))
    assert len(written) < 120, "the run stopped early"
