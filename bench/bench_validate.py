"""Benchmark: ``iop validate`` against ``check-jsonschema`` on the same files, in one run.

Makes 500 copies of an example agreement in a temporary folder and times, as
subprocesses (so start-up and imports count):

- ``iop validate DIR`` vs ``check-jsonschema --schemafile SCHEMA FILE...`` on the 500 copies;
- both on a single file.

Prints the median of a few repetitions and the ratio iop / check-jsonschema
(below 1.0 means iop is faster). Run: ``.venv/bin/python bench/bench_validate.py``.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SCHEMA = REPO / "schema" / "iop-overenskommelse.schema.json"
COPIES = 500


def timed(cmd: list[str], expect: int = 0) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != expect:
        raise SystemExit(
            f"{cmd[0]} exited {result.returncode}:\n{result.stdout[-2000:]}{result.stderr[-2000:]}"
        )
    return elapsed


def median_of(cmd: list[str], reps: int) -> float:
    timed(cmd)  # warm the file cache and .pyc files
    return statistics.median(timed(cmd) for _ in range(reps))


def example() -> Path:
    candidates = sorted((REPO / "agreements").glob("*.yaml"), key=lambda p: p.stat().st_size)
    return candidates[-1] if candidates else REPO / "schema" / "referens.yaml"


def hostile_cases() -> dict[str, bytes]:
    bomb = b"a: &a [x,x,x,x,x,x,x,x,x]\n" + b"".join(
        b"%c: &%c [%s]\n" % (c, c, b",".join([b"*%c" % (c - 1)] * 9)) for c in range(ord("b"), ord("j"))
    )
    return {
        "aliasbomb": bomb,
        "2 MB": b"syfte: " + b"x" * (2 * 1024 * 1024) + b"\n",
        "[[[[ x 10 000": b"a: " + b"[" * 10_000 + b"]" * 10_000 + b"\n",
        "- - - x 120 000": b"- " * 120_000 + b"x\n",
        "250 kB nycklar": b"".join(b"k%d: 1\n" % i for i in range(30_000))[: 250 * 1024],
        "250 kB flödeslista": b"a: [" + b"1, " * 85_000 + b"1]\n",
        "binärt skräp": bytes(range(256)) * 400,
        "!!python/object": b"a: !!python/object/apply:os.system ['true']\n",
        "latin-1": "syfte: Föreningen\n".encode("latin-1"),
        "tabbar": b"a:\n\tb: 1\n",
        "dubblerad nyckel": b"a: 1\na: 2\n",
        "tom": b"",
        "lista som rot": b"- a\n- b\n",
    }


def hostile() -> None:
    """Load time of each hostile input, in process (the loader's bounds at work)."""
    from iop.loader import LoadError, loads

    print("\nfientliga filer (inläsning i processen):")
    for name, raw in hostile_cases().items():
        start = time.perf_counter()
        try:
            loads(raw, name)
            outcome = "laddad"
        except LoadError as exc:
            outcome = exc.diagnostics[0].rule
        print(f"  {name:20} {outcome:8} {1000 * (time.perf_counter() - start):7.1f} ms")


def main() -> None:
    source = example()
    iop = str(BIN / "iop")
    cj = str(BIN / "check-jsonschema")
    with tempfile.TemporaryDirectory(prefix="iop-bench-") as tmp:
        folder = Path(tmp) / "avtal"
        folder.mkdir()
        files = []
        for i in range(COPIES):
            target = folder / f"avtal-{i:03d}.yaml"
            shutil.copyfile(source, target)
            files.append(str(target))
        print(f"exempel: {source.relative_to(REPO)} ({source.stat().st_size} byte), {COPIES} kopior")
        rows = []
        for label, reps, iop_cmd, cj_cmd in [
            ("1 fil", 7, [iop, "validate", files[0]], [cj, "--schemafile", str(SCHEMA), files[0]]),
            (
                f"{COPIES} filer",
                3,
                [iop, "validate", str(folder)],
                [cj, "--schemafile", str(SCHEMA), *files],
            ),
        ]:
            t_iop = median_of(iop_cmd, reps)
            t_cj = median_of(cj_cmd, reps)
            rows.append((label, t_iop, t_cj))
        print(f"{'':10} {'iop validate':>14} {'check-jsonschema':>18} {'kvot iop/cj':>12}")
        for label, t_iop, t_cj in rows:
            print(f"{label:10} {t_iop:13.3f}s {t_cj:17.3f}s {t_iop / t_cj:12.2f}")
        per_file = (rows[1][1] - rows[0][1]) / (COPIES - 1) * 1000
        print(f"iop: ungefär {per_file:.1f} ms per extra fil")
    hostile()


if __name__ == "__main__":
    main()
