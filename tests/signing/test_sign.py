"""iop sign: fills a party's field, keeps earlier signatures valid, refuses what it must."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pikepdf


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_two_parties_sign_in_turn_and_both_verify(iop, pki, signing_copy, tmp_path):
    before = _sha(signing_copy.pdf)
    first = tmp_path / "ett.pdf"
    done = iop(
        "sign",
        signing_copy.pdf,
        "--p12",
        pki.kommunen_p12,
        "--part",
        "kommunen",
        "-o",
        first,
        "--password-file",
        pki.password_file,
        "--reason",
        "Godkänner avtalet",
        "--location",
        "Linköping",
    )
    assert done.exit_code == 0, done.output
    assert "Anna Andersson" in done.stdout and "kommunen" in done.stdout
    assert _sha(signing_copy.pdf) == before, "the input must never change"

    second = tmp_path / "tva.pdf"
    done = iop("sign", first, "--p12", pki.boj_p12, "--part", "boj", "-o", second)
    assert done.exit_code == 0, done.output
    # An incremental update: the first file's bytes are a prefix of the second's.
    assert second.read_bytes().startswith(first.read_bytes())

    code, report = iop.verify_json(second, "--trust", pki.ca_pem)
    assert code == 0, report
    sigs = {s["field"]: s for s in report["signatures"]}
    assert set(sigs) == {"kommunen", "boj"}
    for sig in sigs.values():
        assert sig["intact"] and sig["valid"] and sig["trusted"] and sig["ok"]
    assert sigs["kommunen"]["signer"] == "Anna Andersson, Linköpings kommun"
    assert sigs["boj"]["signer"] == "Bo Berg, Brottsofferjouren Linköping"
    # The first signature covers its own revision; what came later is only a signature.
    assert sigs["kommunen"]["coverage"] == "ENTIRE_REVISION"
    assert sigs["kommunen"]["modification_level"] == "FORM_FILLING"
    assert sigs["boj"]["coverage"] == "ENTIRE_FILE"
    assert report["unsigned_fields"] == []


def test_signature_carries_reason_location_and_pades_subfilter(iop, pki, signing_copy, tmp_path):
    out = tmp_path / "s.pdf"
    iop(
        "sign",
        signing_copy.pdf,
        "--p12",
        pki.boj_p12,
        "--part",
        "boj",
        "-o",
        out,
        "--reason",
        "Godkänner",
        "--location",
        "Malmö",
    )
    with pikepdf.open(out) as pdf:
        field = next(f for f in pdf.Root.AcroForm.Fields if str(f.T) == "boj")
        sig = field.V
        assert sig.SubFilter == "/ETSI.CAdES.detached"
        assert str(sig.Reason) == "Godkänner" and str(sig.Location) == "Malmö"


def test_stamp_font_is_embedded(iop, pki, signing_copy, tmp_path):
    out = tmp_path / "s.pdf"
    assert iop("sign", signing_copy.pdf, "--p12", pki.boj_p12, "--part", "boj", "-o", out).exit_code == 0
    with pikepdf.open(out) as pdf:
        field = next(f for f in pdf.Root.AcroForm.Fields if str(f.T) == "boj")
        fonts = list(field.AP.N.Resources.Font.values())
        assert fonts, "the stamp must draw text"
        for font in fonts:
            descriptor = font.DescendantFonts[0].FontDescriptor
            assert "/FontFile2" in descriptor, "the stamp font must be embedded (PDF/A)"
            assert str(font.BaseFont).endswith("NotoSans-Regular-Identity-H")


def test_password_from_environment(iop, pki, signing_copy, tmp_path):
    out = tmp_path / "s.pdf"
    done = iop(
        "sign",
        signing_copy.pdf,
        "--p12",
        pki.kommunen_p12,
        "--part",
        "kommunen",
        "-o",
        out,
        env={"IOP_P12_PASSWORD": "korrekt häst batteri"},
    )
    assert done.exit_code == 0, done.output
    assert out.exists()


def test_passphrase_set_in_environment_does_not_break_an_unprotected_file(iop, pki, signing_copy, tmp_path):
    out = tmp_path / "s.pdf"
    done = iop(
        "sign",
        signing_copy.pdf,
        "--p12",
        pki.boj_p12,
        "--part",
        "boj",
        "-o",
        out,
        env={"IOP_P12_PASSWORD": "något annat"},
    )
    assert done.exit_code == 0, done.output


def test_wrong_password_is_refused(iop, pki, signing_copy, tmp_path):
    bad = tmp_path / "fel.txt"
    bad.write_text("fel lösen\n", encoding="utf-8")
    out = tmp_path / "s.pdf"
    done = iop(
        "sign",
        signing_copy.pdf,
        "--p12",
        pki.kommunen_p12,
        "--part",
        "kommunen",
        "-o",
        out,
        "--password-file",
        bad,
        env={"IOP_P12_PASSWORD": None},
    )
    assert done.exit_code == 1
    assert "Fel lösenord" in done.stderr
    assert not out.exists()


def test_missing_password_is_explained(iop, pki, signing_copy, tmp_path):
    done = iop(
        "sign",
        signing_copy.pdf,
        "--p12",
        pki.kommunen_p12,
        "--part",
        "kommunen",
        "-o",
        tmp_path / "s.pdf",
        env={"IOP_P12_PASSWORD": None},
    )
    assert done.exit_code == 1
    assert "skyddad med lösenord" in done.stderr and "IOP_P12_PASSWORD" in done.stderr


def test_invalid_pkcs12_is_refused(iop, signing_copy, tmp_path):
    junk = tmp_path / "trasig.p12"
    junk.write_bytes(b"-----BEGIN CERTIFICATE-----\nnot really\n")
    done = iop("sign", signing_copy.pdf, "--p12", junk, "--part", "kommunen", "-o", tmp_path / "s.pdf")
    assert done.exit_code == 1
    assert "inte en giltig PKCS#12-fil" in done.stderr


def test_not_a_pdf_is_refused(iop, pki, signing_copy, tmp_path):
    fake = tmp_path / "avtal.pdf"
    fake.write_text("id: inte-en-pdf\n", encoding="utf-8")
    done = iop("sign", fake, "--p12", pki.boj_p12, "--part", "kommunen", "-o", tmp_path / "s.pdf")
    assert done.exit_code == 1
    assert "är inte en PDF-fil" in done.stderr


def test_already_signed_field_is_refused(iop, pki, signing_copy, tmp_path):
    once = tmp_path / "ett.pdf"
    assert iop("sign", signing_copy.pdf, "--p12", pki.boj_p12, "--part", "boj", "-o", once).exit_code == 0
    twice = tmp_path / "tva.pdf"
    done = iop("sign", once, "--p12", pki.boj_p12, "--part", "boj", "-o", twice)
    assert done.exit_code == 1
    assert "redan undertecknat" in done.stderr
    assert not twice.exists()


def test_unknown_party_lists_the_fields(iop, pki, signing_copy, tmp_path):
    done = iop("sign", signing_copy.pdf, "--p12", pki.boj_p12, "--part", "regionen", "-o", tmp_path / "s.pdf")
    assert done.exit_code == 1
    assert "'regionen'" in done.stderr
    for name in signing_copy.fields:
        assert name in done.stderr


def test_never_overwrites_the_input(iop, pki, signing_copy):
    before = _sha(signing_copy.pdf)
    done = iop(
        "sign",
        signing_copy.pdf,
        "--p12",
        pki.boj_p12,
        "--part",
        "boj",
        "-o",
        signing_copy.pdf,
        "--force",
    )
    assert done.exit_code == 1
    assert "skriver aldrig över sin indata" in done.stderr
    assert _sha(signing_copy.pdf) == before


def test_existing_output_needs_force(iop, pki, signing_copy, tmp_path):
    out = tmp_path / "finns.pdf"
    out.write_bytes(b"gammal")
    done = iop("sign", signing_copy.pdf, "--p12", pki.boj_p12, "--part", "boj", "-o", out)
    assert done.exit_code == 1 and "--force" in done.stderr
    assert out.read_bytes() == b"gammal"
    done = iop("sign", signing_copy.pdf, "--p12", pki.boj_p12, "--part", "boj", "-o", out, "--force")
    assert done.exit_code == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [], "no temporary file left"


def test_english_messages(iop, pki, signing_copy, tmp_path):
    done = iop(
        "sign",
        "--lang",
        "en",
        signing_copy.pdf,
        "--p12",
        pki.boj_p12,
        "--part",
        "regionen",
        "-o",
        tmp_path / "s.pdf",
    )
    assert done.exit_code == 1
    assert "has no signature field for the party 'regionen'" in done.stderr
    done = iop(
        "sign",
        "--lang",
        "en",
        signing_copy.pdf,
        "--p12",
        pki.boj_p12,
        "--part",
        "boj",
        "-o",
        tmp_path / "s.pdf",
    )
    assert done.exit_code == 0
    assert done.stdout.startswith("Signed the field 'boj' as Bo Berg")


def test_signing_leaves_the_rendered_metadata_untouched(iop, pki, signing_copy, tmp_path):
    out = tmp_path / "s.pdf"
    assert iop("sign", signing_copy.pdf, "--p12", pki.boj_p12, "--part", "boj", "-o", out).exit_code == 0
    with pikepdf.open(signing_copy.pdf) as before, pikepdf.open(out) as after:
        xmp = before.Root.Metadata.read_bytes()
        assert after.Root.Metadata.read_bytes() == xmp, "XMP (PDF/A id, source hash) stays as rendered"
        assert dict(after.docinfo.items()) == dict(before.docinfo.items())
    assert b"pdfaid:part" in xmp or b"<pdfaid:part>" in xmp
    done = iop(
        "sign",
        out,
        "--p12",
        pki.kommunen_p12,
        "--part",
        "kommunen",
        "-o",
        tmp_path / "t.pdf",
        "--password-file",
        pki.password_file,
    )
    assert done.exit_code == 0
    assert "(version 2)" in done.stdout, "the version is still read from the once-signed copy"


def test_a_draft_copy_is_signed_with_a_warning(iop, pki, material, tmp_path):
    copy = material.make_signing_copy(tmp_path, draft=True)
    done = iop("sign", copy.pdf, "--p12", pki.boj_p12, "--part", "boj", "-o", tmp_path / "s.pdf")
    assert done.exit_code == 0
    assert "utkast (UTKAST)" in done.stderr
    code, report = iop.verify_json(tmp_path / "s.pdf", "--trust", pki.ca_pem)
    assert code == 0, "a draft note is not an error"
    assert "Kopian är renderad som utkast (UTKAST)." in report["notes"]


def test_copy_certified_against_all_changes_is_refused(iop, pki, signing_copy, tmp_path):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    certified = tmp_path / "certifierad.pdf"
    signer = signers.SimpleSigner.load_pkcs12(str(pki.boj_p12), passphrase=None)
    meta = signers.PdfSignatureMetadata(
        field_name="boj", certify=True, docmdp_permissions=fields.MDPPerm.NO_CHANGES
    )
    with signing_copy.pdf.open("rb") as handle, certified.open("wb") as out:
        signers.sign_pdf(
            IncrementalPdfFileWriter(handle), meta, signer=signer, existing_fields_only=True, output=out
        )
    done = iop(
        "sign", certified, "--p12", pki.kommunen_p12, "--part", "kommunen", "-o", tmp_path / "s.pdf",
        "--password-file", pki.password_file,
    )  # fmt: skip
    assert done.exit_code == 1
    assert "inte tillåter några ändringar" in done.stderr
