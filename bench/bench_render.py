"""Benchmark: which PDF engine for the signing copy? Typst vs WeasyPrint vs pandoc's LaTeX.

Run: ``.venv/bin/python bench/bench_render.py [AGREEMENT.yaml] [--runs N]``

For each engine, on the same agreement and in the same run:
- time per document: median wall time over N fresh processes (imports and
  interpreter start included, as a user running ``iop render`` sees it), and the
  median inside one warm process;
- PDF/A: identification in the XMP and every font embedded;
- Swedish: å ä ö survive text extraction, words hyphenated at line ends, and the
  budget total ``1 194 500 kr`` stays on one line with its thousands separators;
- reproducibility: two fresh renders give byte-identical files.

Typst is iop's own pipeline (pandoc → Typst → signature fields → XMP). WeasyPrint
renders iop's HTML copy with ``pdf_variant="pdf/a-2b"``; it is measured only if
installed (``pip install weasyprint``; not a dependency). pandoc's LaTeX path
(``--pdf-engine=xelatex``, default template, ``lang=sv``) is measured only if
``xelatex`` is on PATH (Debian: ``texlive-xetex texlive-lang-european``); else it
is reported as unavailable together with the figure from
/work/shared/domain/rendering-notes.md, labelled as such.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO / "agreements" / "linkoping-brottsofferjouren.yaml"
NOTES_XELATEX_S = 1.25  # rendering-notes.md, measured on a machine of this kind

FRESH = {
    "typst": """
import sys
from pathlib import Path
from iop.loader import load
from iop.render.pdf import render_pdf
from iop.render.provenance import provenance
src, out = Path(sys.argv[1]), Path(sys.argv[2])
doc = load(src)
out.write_bytes(render_pdf(doc, provenance(src, doc.sha256, doc.data), draft=False))
""",
    "weasyprint": """
import sys
from pathlib import Path
from iop.loader import load
from iop.render.office import render_html
from iop.render.provenance import provenance
import weasyprint
src, out = Path(sys.argv[1]), Path(sys.argv[2])
doc = load(src)
html = render_html(doc, provenance(src, doc.sha256, doc.data), draft=False).decode()
weasyprint.HTML(string=html).write_pdf(str(out), pdf_variant="pdf/a-2b")
""",
    "latex": """
import json, subprocess, sys
from pathlib import Path
from iop.loader import load
from iop.render.document import build
from iop.render.pandoc import pandoc_path
src, out = Path(sys.argv[1]), Path(sys.argv[2])
ast, _ = build(load(src).data, "html")
ast["meta"] = {"lang": {"t": "MetaString", "c": "sv-SE"}}
done = subprocess.run([pandoc_path(), "-f", "json", "-o", str(out), "--pdf-engine=xelatex",
                       "--number-sections", "-V", "papersize=a4"],
                      input=json.dumps(ast).encode(), capture_output=True)
if done.returncode:
    sys.exit(done.stderr.decode()[-300:])
""",
}


def available(engine: str) -> str | None:
    """None if the engine can run here, else why not."""
    if engine == "weasyprint":
        try:
            import weasyprint  # noqa: F401
        except Exception as exc:
            return f"not installed ({type(exc).__name__})"
    if engine == "latex" and not shutil.which("xelatex"):
        return "xelatex not on PATH (no TeX Live installed)"
    return None


class EngineFailed(Exception):
    pass


def fresh_run(engine: str, src: Path, out: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", FRESH[engine], str(src), str(out)], capture_output=True, text=True
    )
    if done.returncode != 0:
        raise EngineFailed((done.stderr.strip().splitlines() or ["?"])[-1][:200])
    return time.perf_counter() - start


def warm_runner(engine: str, src: Path) -> Callable[[], bytes] | None:
    """A function rendering ``src`` inside this process (None where it makes no sense)."""
    from iop.loader import load
    from iop.render.provenance import provenance

    doc = load(src)
    prov = provenance(src, doc.sha256, doc.data)
    if engine == "typst":
        from iop.render.pdf import render_pdf

        return lambda: render_pdf(doc, prov, draft=False)
    if engine == "weasyprint":
        import weasyprint

        from iop.render.office import render_html

        def run() -> bytes:
            html = render_html(doc, prov, draft=False).decode()
            data: bytes = weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/a-2b")
            return data

        return run
    return None  # pandoc's LaTeX path is a separate process anyway


def check(pdf_bytes: bytes) -> dict[str, object]:
    import pikepdf
    import pypdf

    out: dict[str, object] = {}
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8", "replace") if "/Metadata" in pdf.Root else ""
        part = re.search(r"pdfaid:part(?:>|=\")(\d)", xmp)
        conf = re.search(r"pdfaid:conformance(?:>|=\")([A-Za-z])", xmp)
        out["pdfa"] = f"{part.group(1)}{conf.group(1).lower() if conf else ''}" if part else "no"
        fonts, embedded, names = 0, 0, set()
        for page in pdf.pages:
            for font in page.get("/Resources", {}).get("/Font", {}).values():
                fonts += 1
                desc = font.get("/DescendantFonts")
                descriptor = (desc[0] if desc else font).get("/FontDescriptor")
                if descriptor is not None and any(
                    k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
                ):
                    embedded += 1
                    names.add(str(descriptor.FontName).split("+")[-1])
        out["fonts_embedded"] = f"{embedded}/{fonts}"
        out["font"] = ", ".join(sorted(names))[:40]
        out["pages"] = len(pdf.pages)
    text = "\n".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(pdf_bytes)).pages)
    flat = re.sub(r"\s+", " ", text)
    out["å ä ö"] = all(
        w in flat for w in ("Linköpings kommun", "åtar sig", "Ändringar och tillägg", "Överenskommelse")
    )
    out["hyphenated_lines"] = len(re.findall(r"\w[-\u00ad]\n\w", text))
    spaced = text.replace("\u00a0", " ").replace("\u202f", " ")
    out["1 194 500 kr"] = "1 194 500 kr" in spaced
    return out


def measure(engine: str, src: Path, runs: int, tmp: Path) -> dict[str, object]:
    why = available(engine)
    if why:
        return {"engine": engine, "unavailable": why}
    outs = []
    times = []
    for i in range(runs):
        out = tmp / f"{engine}-{i}.pdf"
        try:
            times.append(fresh_run(engine, src, out))
        except EngineFailed as exc:
            return {"engine": engine, "unavailable": f"failed: {exc}"}
        outs.append(out.read_bytes())
    result: dict[str, object] = {
        "engine": engine,
        "fresh_median_s": round(statistics.median(times), 3),
        "fresh_min_s": round(min(times), 3),
        "identical_reruns": len({hashlib.sha256(o).hexdigest() for o in outs}) == 1,
        "size_kb": round(len(outs[0]) / 1024),
    }
    warm = warm_runner(engine, src)
    if warm:
        warm()
        samples = []
        for _ in range(max(5, runs)):
            start = time.perf_counter()
            warm()
            samples.append(time.perf_counter() - start)
        result["warm_median_s"] = round(statistics.median(samples), 3)
    result.update(check(outs[0]))
    return result


def measure_cli(src: Path, runs: int, tmp: Path) -> dict[str, float]:
    """``iop render FILE --force`` as a user runs it: with the validation and lint gate, and with --draft."""
    iop = Path(sys.executable).parent / "iop"
    out: dict[str, float] = {}
    for label, extra in (("iop render (gate)", []), ("iop render --draft", ["--draft"])):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(
                [str(iop), "render", str(src), "--out", str(tmp / "cli"), "--force", *extra],
                capture_output=True,
            )
            times.append(time.perf_counter() - start)
        out[label] = round(statistics.median(times), 3)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("agreement", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-render-") as folder:
        tmp = Path(folder)
        src = tmp / args.agreement.name  # outside git: no commit lookups, same bytes each run
        shutil.copyfile(args.agreement, src)
        results = [measure(engine, src, args.runs, tmp) for engine in ("typst", "weasyprint", "latex")]
        cli = measure_cli(src, args.runs, tmp)
    typst = next(r for r in results if r["engine"] == "typst")
    latex = next(r for r in results if r["engine"] == "latex")
    base = float(typst["fresh_median_s"])  # type: ignore[arg-type]
    for r in results:
        if "fresh_median_s" in r:
            r["vs_typst"] = round(float(r["fresh_median_s"]) / base, 1)  # type: ignore[arg-type]
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    print(f"bench_render: {args.agreement.name}, {args.runs} fresh processes per engine")
    cols = [
        "engine", "fresh_median_s", "warm_median_s", "vs_typst", "pdfa", "fonts_embedded", "font",
        "å ä ö", "hyphenated_lines", "1 194 500 kr", "identical_reruns", "pages", "size_kb",
    ]  # fmt: skip
    for r in results:
        if "unavailable" in r:
            print(f"  {r['engine']:<10} unavailable: {r['unavailable']}")
            continue
        print("  " + "  ".join(f"{c}={r.get(c, '–')}" for c in cols))
    for label, seconds in cli.items():
        print(f"  {label}: {seconds} s median per fresh process (PDF only)")
    budget_ok = float(typst["fresh_median_s"]) < 1.0  # type: ignore[arg-type]
    print(
        f"typst signing copy, fresh process: {typst['fresh_median_s']} s median ({'under' if budget_ok else 'OVER'} 1 s)"
    )
    if "fresh_median_s" in latex:
        print(f"ratio pandoc LaTeX (xelatex) / Typst, measured in this run: {latex['vs_typst']}×")
    else:
        print(
            f"ratio pandoc LaTeX / Typst: not measured here ({latex['unavailable']}); "
            f"rendering-notes.md reports xelatex at {NOTES_XELATEX_S} s per document, "
            f"i.e. {NOTES_XELATEX_S / base:.1f}× this run's Typst median"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
