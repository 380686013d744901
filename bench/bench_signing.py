"""Time per signature for ``iop sign`` and ``iop verify`` on a signing copy.

Makes a throwaway PKI (as the tests do), renders the signing copy of an example
agreement with three signatories, signs every field in turn and verifies after each
signature. Prints medians in milliseconds, in
process (warm imports) and for one fresh ``iop`` process each.

    .venv/bin/python bench/bench_signing.py
"""

from __future__ import annotations

import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 5


def _material() -> ModuleType:
    """The tests' throwaway PKI and signing-copy maker (tests/signing/material.py)."""
    name = "iop_signing_test_material"
    spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "signing" / "material.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def main() -> int:
    from iop.signing.pdf import open_reader, read_pdf, signature_fields
    from iop.signing.sign import sign_file
    from iop.signing.verify import verify_file

    pki = _material()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        copy = pki.make_signing_copy(tmp, "linkoping-crossroads")
        fields = [f.name for f in signature_fields(open_reader(read_pdf(copy.pdf), "copy"))]
        ca = pki.make_ca("Bench CA")
        p12 = pki.write_p12(tmp / "s.p12", pki.make_signer(ca, "Bench Signer", "Bench"), ca, None)
        ca_pem = pki.write_pem(tmp / "ca.pem", ca.cert)
        print(f"signing copy: {copy.pdf.stat().st_size} bytes, fields: {', '.join(fields)}")
        print(f"rendered from: {copy.source.relative_to(ROOT)}")

        sign_ms: list[list[float]] = [[] for _ in fields]
        verify_ms: list[list[float]] = [[] for _ in fields]
        for _ in range(ROUNDS):
            current = copy.pdf
            for i, name in enumerate(fields):
                out = tmp / f"signed-{i}.pdf"
                t0 = time.perf_counter()
                sign_file(current, out, p12, name, None, force=True)
                sign_ms[i].append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                result = verify_file(out, [ca_pem])
                verify_ms[i].append((time.perf_counter() - t0) * 1000)
                assert result.ok, "bench signature must verify"
                current = out
        print(f"\nin process, median of {ROUNDS} (warm imports):")
        print("signatures  sign (ms)  verify whole file (ms)  verify per signature (ms)")
        for i in range(len(fields)):
            s, v = statistics.median(sign_ms[i]), statistics.median(verify_ms[i])
            print(f"{i + 1:>10}  {s:>9.1f}  {v:>22.1f}  {v / (i + 1):>25.1f}")

        exe = str(Path(sys.executable).parent / "iop")
        final = tmp / f"signed-{len(fields) - 1}.pdf"
        cli_sign, cli_verify = [], []
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run(
                [
                    exe,
                    "sign",
                    str(copy.pdf),
                    "--p12",
                    str(p12),
                    "--part",
                    fields[0],
                    "-o",
                    str(tmp / "cli.pdf"),
                    "--force",
                ],
                check=True,
                capture_output=True,
            )
            cli_sign.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            subprocess.run(
                [exe, "verify", str(final), "--trust", str(ca_pem)], check=True, capture_output=True
            )
            cli_verify.append((time.perf_counter() - t0) * 1000)
        print("\nfresh process (iop command, median of 3):")
        print(f"  iop sign (1 signature):          {statistics.median(cli_sign):7.0f} ms")
        print(f"  iop verify ({len(fields)} signatures):       {statistics.median(cli_verify):7.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
