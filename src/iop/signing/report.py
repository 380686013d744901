"""Turn a :class:`~iop.signing.verify.Verification` into text or JSON."""

from __future__ import annotations

import json
from typing import Any

from iop.i18n import text, tr
from iop.signing.verify import SignatureCheck, Verification

COVERAGE = {
    "ENTIRE_FILE": text("hela filen", "the entire file"),
    "ENTIRE_REVISION": text(
        "hela dokumentet fram till sin revision", "the whole document up to its revision"
    ),
    "CONTIGUOUS_BLOCK_FROM_START": text("bara en del av filen", "only part of the file"),
    "UNCLEAR": text("oklart", "unclear"),
}
MODIFICATION = {
    "NONE": text("inga", "none"),
    "LTA_UPDATES": text("bara arkiveringsdata", "archival data only"),
    "FORM_FILLING": text(
        "bara nya underskrifter och ifyllda fält", "only further signatures and form filling"
    ),
    "ANNOTATIONS": text("anteckningar tillagda", "annotations added"),
    "OTHER": text("otillåtna ändringar", "disallowed changes"),
}
YES, NO = text("ja", "yes"), text("nej", "no")


def _yn(flag: bool) -> str:
    return tr(YES if flag else NO)


def _signature_lines(sig: SignatureCheck) -> list[str]:
    mark = "✓" if sig.ok else "✗"
    who = sig.signer or tr(text("okänd", "unknown"))
    when = sig.signed_at or tr(text("okänd tid", "unknown time"))
    coverage = tr(COVERAGE.get(sig.coverage, COVERAGE["UNCLEAR"]))
    level = "OTHER" if any(not c.allowed for c in sig.later) else sig.modification
    later = tr(MODIFICATION[level]) if level in MODIFICATION else "?"
    lines = [
        f"  {mark} {sig.field_name}: {who} · {when}",
        "      "
        + tr(text("täcker: ", "covers: "))
        + coverage
        + " · "
        + tr(text("senare ändringar: ", "later changes: "))
        + later,
        "      "
        + tr(text("oförändrad: ", "intact: "))
        + _yn(sig.intact and sig.valid)
        + " · "
        + tr(text("betrodd: ", "trusted: "))
        + _yn(sig.trusted),
    ]
    for change in sig.later:
        mark = "" if change.allowed else " ✗"
        lines.append("      " + tr(text("därefter: ", "after it: ")) + f"{tr(change.label)}: {change.detail}{mark}")
    lines.extend(f"      - {tr(problem)}" for problem in sig.problems)
    return lines


def format_text(result: Verification) -> str:
    """A readable report, Swedish by default."""
    meta = result.meta
    head = f"{result.path}"
    if meta.version or meta.agreement_id:
        head += ": " + tr(
            text("version {v} av {i}", "version {v} of {i}"),
            v=meta.version or "?",
            i=meta.agreement_id or "?",
        )
    lines = [head]
    if result.signatures:
        lines.append(tr(text("Underskrifter:", "Signatures:")))
        for sig in result.signatures:
            lines.extend(_signature_lines(sig))
    lines.extend(f"  {tr(text('Obs', 'Note'))}: {tr(note)}" for note in result.notes)
    if result.source is not None:
        src = result.source
        if src.matches:
            lines.append(
                tr(
                    text(
                        "Källa {s}: stämmer med PDF:en (version {v}, sha256 {h}).",
                        "Source {s}: matches the PDF (version {v}, sha256 {h}).",
                    ),
                    s=src.source,
                    v=src.pdf_version or "?",
                    h=src.actual[:16] + "…",
                )
            )
        elif src.embedded is None:
            lines.append(
                tr(
                    text(
                        "Källa {s}: PDF:en saknar källans SHA-256 i sin metadata.",
                        "Source {s}: the PDF carries no source SHA-256 in its metadata.",
                    ),
                    s=src.source,
                )
            )
        else:
            lines.append(
                tr(
                    text(
                        "Källa {s}: STÄMMER INTE. PDF:en är gjord från version {pv} (sha256 {e}); "
                        "filen är version {sv} (sha256 {a}).",
                        "Source {s}: DOES NOT MATCH. The PDF was made from version {pv} (sha256 {e}); "
                        "the file is version {sv} (sha256 {a}).",
                    ),
                    s=src.source,
                    pv=src.pdf_version or "?",
                    sv=src.source_version or "?",
                    e=src.embedded[:16] + "…",
                    a=src.actual[:16] + "…",
                )
            )
    lines.extend(f"  {tr(text('Fel', 'Error'))}: {tr(problem)}" for problem in result.problems)
    lines.append(_verdict(result))
    return "\n".join(lines)


def _verdict(result: Verification) -> str:
    n = len(result.signatures)
    if result.ok:
        return tr(
            text(
                "Resultat: GODKÄND – {n} underskrift(er), alla oförändrade och betrodda.",
                "Result: PASSED – {n} signature(s), all intact and trusted.",
            ),
            n=n,
        )
    return tr(text("Resultat: UNDERKÄND (skälen står ovan).", "Result: FAILED (reasons above)."))


def to_json(result: Verification) -> dict[str, Any]:
    """A JSON-ready view; messages in the current language."""
    meta = result.meta
    return {
        "file": str(result.path),
        "ok": result.ok,
        "agreement": {
            "id": meta.agreement_id,
            "title": meta.title,
            "version": meta.version,
            "sha256": meta.sha256,
            "commit": meta.commit,
        },
        "signatures": [
            {
                "field": s.field_name,
                "signer": s.signer,
                "signed_at": s.signed_at,
                "coverage": s.coverage,
                "covers_revision": s.covers_revision,
                "modification_level": s.modification,
                "later_changes_ok": s.later_changes_ok,
                "intact": s.intact,
                "valid": s.valid,
                "trusted": s.trusted,
                "ok": s.ok,
                "problems": [tr(p) for p in s.problems],
                "later_changes": [
                    {"kind": c.kind, "label": tr(c.label), "detail": c.detail, "allowed": c.allowed}
                    for c in s.later
                ],
            }
            for s in result.signatures
        ],
        "unsigned_fields": result.empty_fields,
        "source": None
        if result.source is None
        else {
            "source": result.source.source,
            "embedded_sha256": result.source.embedded,
            "actual_sha256": result.source.actual,
            "matches": result.source.matches,
            "pdf_version": result.source.pdf_version,
            "source_version": result.source.source_version,
        },
        "problems": [tr(p) for p in result.problems],
        "notes": [tr(n) for n in result.notes],
    }


def format_json(result: Verification) -> str:
    return json.dumps(to_json(result), ensure_ascii=False, indent=2)
