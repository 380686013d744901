"""Round trip of every example agreement: render (DOCX, PDF) → iop import → fields compared.

Run: .venv/bin/python bench/bench_import.py
Prints, per format, how many leaf fields came back equal (text with blanks collapsed;
party references by name), how many of the exact ones (parties, amounts, dates,
counts) did, and the import time per file. The issue asks for ≥ 98 % from DOCX with
every party, amount and date exact, and ≥ 90 % from PDF.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from iop.importer.roundtrip import Score, import_score, round_trip  # noqa: E402


def main() -> int:
    files = sorted((ROOT / "agreements").glob("*.yaml"))
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("docx", "pdf"):
            total = Score()
            seconds = 0.0
            for path in files:
                round_trip(path, fmt, tmp)  # render once; time only the import below
                start = time.perf_counter()
                total.add(import_score(path, Path(tmp) / f"{path.stem}.{fmt}"))
                seconds += time.perf_counter() - start
            print(
                f"{fmt:5} {total.equal}/{total.total} fält lika ({total.ratio:.1%}); "
                f"exakta (parter, belopp, datum): {total.exact_equal}/{total.exact_total}; "
                f"import {seconds / len(files) * 1000:.0f} ms per fil ({len(files)} filer)"
            )
            for line in total.mismatches:
                print("    " + line[:160])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
