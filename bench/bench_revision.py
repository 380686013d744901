"""Timings for the revision workflow: iop diff (each format), iop fmt and iop new.

Run: .venv/bin/python bench/bench_revision.py
Each example agreement is compared with a copy that has an amount, a text and the
order of a list changed. Figures are medians of several runs in this process.
"""

from __future__ import annotations

import copy
import datetime as dt
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from iop.loader import load  # noqa: E402
from iop.revision.diff import diff_agreements  # noqa: E402
from iop.revision.fmt import format_source  # noqa: E402
from iop.revision.redline import render_html, render_pdf  # noqa: E402
from iop.revision.report import render_markdown, render_text  # noqa: E402
from iop.revision.scaffold import build, parse_party  # noqa: E402


def median_ms(func: Callable[[], Any], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def edited(data: dict[str, Any]) -> dict[str, Any]:
    new = copy.deepcopy(data)
    new["ekonomi"]["resurser"][0]["belopp_per_år"] += 46_800
    new["syfte"] = new["syfte"].replace(" och ", " samt ", 1)
    new["insatser"].append(new["insatser"].pop(0))
    new["version"] += 1
    return new


def main() -> None:
    files = sorted((ROOT / "agreements").glob("*.yaml"))
    docs = [load(p) for p in files]
    pairs = [(d.data, edited(d.data), d.display) for d in docs]
    print(f"{len(files)} example agreements, {sum(len(d.lines) for d in docs)} lines in all")

    diff_ms = median_ms(lambda: [diff_agreements(a, b, n, n) for a, b, n in pairs])
    diffs = [diff_agreements(a, b, n, n) for a, b, n in pairs]
    print(f"semantic diff, all pairs:        {diff_ms:8.1f} ms ({diff_ms / len(pairs):.1f} ms per agreement)")
    for name, render in (("text", render_text), ("markdown", render_markdown), ("html", render_html)):
        ms = median_ms(lambda render=render: render(diffs))  # type: ignore[misc]
        print(f"report {name:9s} all pairs:      {ms:8.1f} ms")
    stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    pdf_ms = median_ms(lambda: render_pdf(diffs, stamp), runs=3)
    one_ms = median_ms(lambda: render_pdf(diffs[:1], stamp), runs=3)
    print(f"pdf redline, all pairs:          {pdf_ms:8.1f} ms (one agreement: {one_ms:.1f} ms)")

    fmt_ms = median_ms(lambda: [format_source(d.text, d.display) for d in docs])
    print(f"fmt, all examples (no change):   {fmt_ms:8.1f} ms ({fmt_ms / len(docs):.1f} ms per file)")
    load_ms = median_ms(lambda: [load(p) for p in files])
    print(
        f"  of which one load per file:    {load_ms:8.1f} ms (fmt loads 3x: source, dump check, tidy check)"
    )

    parts = [
        parse_party("kommunen:Linköpings kommun:offentlig:212000-0142"),
        parse_party(":Läxhjälpen:idéburen:802000-0009"),
    ]
    new_ms = median_ms(
        lambda: build(
            titel="T", ident=None, parties=parts, riktlinjer="bas", today=dt.date(2026, 1, 1), output=None
        )
    )
    print(f"new (scaffold, formatted):       {new_ms:8.1f} ms")

    iop = Path(sys.executable).parent / "iop"
    a, b = str(files[0]), str(files[-1])
    cli = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([str(iop), "diff", a, b], capture_output=True, check=False)
        cli.append((time.perf_counter() - start) * 1000)
    print(f"'iop diff A B' as a process:     {statistics.median(cli):8.1f} ms (startup included)")


if __name__ == "__main__":
    main()
