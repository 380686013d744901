"""iop verify: passes a properly signed copy and catches each kind of tampering."""

from __future__ import annotations

import hashlib
import re
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter


@pytest.fixture(scope="session")
def _signed_pair(_signing_copy_base, pki, tmp_path_factory) -> Path:
    from click.testing import CliRunner

    from iop.cli import cli

    folder = tmp_path_factory.mktemp("signed")
    first, second = folder / "ett.pdf", folder / "tva.pdf"
    runner = CliRunner()
    for src, p12, part, out, extra in (
        (
            _signing_copy_base.pdf,
            pki.kommunen_p12,
            "kommunen",
            first,
            ["--password-file", str(pki.password_file)],
        ),
        (first, pki.boj_p12, "boj", second, []),
    ):
        done = runner.invoke(
            cli, ["sign", str(src), "--p12", str(p12), "--part", part, "-o", str(out), *extra]
        )
        assert done.exit_code == 0, done.output
    return second


@pytest.fixture
def signed(_signed_pair, tmp_path) -> Path:
    """A copy signed by both parties, fresh for each test."""
    path = tmp_path / "undertecknad.pdf"
    path.write_bytes(_signed_pair.read_bytes())
    return path


class _RawWriter(IncrementalPdfFileWriter):
    """Writes exactly the changes made, without pyHanko's own metadata refresh."""

    def _update_meta(self) -> None:
        return None


def _append_update(path: Path, change) -> Path:
    """Append one unsigned incremental update made by ``change(writer)``."""
    writer = _RawWriter(BytesIO(path.read_bytes()))
    change(writer)
    out = path.with_name("andrad.pdf")
    with out.open("wb") as handle:
        writer.write(handle)
    return out


def test_properly_signed_copy_passes_with_text_report(iop, pki, signed, signing_copy):
    done = iop("verify", signed, "--trust", pki.ca_pem, "--source", signing_copy.source)
    assert done.exit_code == 0, done.output
    assert "✓ kommunen: Anna Andersson, Linköpings kommun" in done.stdout
    assert "✓ boj: Bo Berg, Brottsofferjouren Linköping" in done.stdout
    assert "stämmer med PDF:en (version 2" in done.stdout
    assert "GODKÄND – 2 underskrift(er)" in done.stdout


def test_a_single_changed_byte_in_the_signed_range_is_caught(iop, pki, signed):
    data = bytearray(signed.read_bytes())
    match = re.search(rb"/ID\s*\[\s*<([0-9A-Fa-f])", data)
    assert match, "the first revision has a document ID"
    pos = match.start(1)
    data[pos] = ord("0") if data[pos] != ord("0") else ord("1")
    signed.write_bytes(bytes(data))
    code, report = iop.verify_json(signed, "--trust", pki.ca_pem)
    assert code == 1
    assert report["signatures"], "the signatures are still found"
    for sig in report["signatures"]:
        assert sig["intact"] is False and not sig["ok"]
        assert any("digest" in p for p in sig["problems"]) or any(
            "kontrollsumman" in p for p in sig["problems"]
        )


def test_a_changed_source_yaml_is_caught(iop, pki, signed, signing_copy, tmp_path):
    changed = tmp_path / "avtal.yaml"
    changed.write_bytes(
        re.sub(rb"(?m)^version: 2$", b"version: 3", signing_copy.source.read_bytes(), count=1)
    )
    code, report = iop.verify_json(signed, "--trust", pki.ca_pem, "--source", changed)
    assert code == 1
    assert report["source"]["matches"] is False
    assert report["source"]["source_version"] == "3" and report["source"]["pdf_version"] == "2"
    assert report["source"]["actual_sha256"] == hashlib.sha256(changed.read_bytes()).hexdigest()
    text = iop("verify", signed, "--trust", pki.ca_pem, "--source", changed).stdout
    assert "STÄMMER INTE" in text and "version 2" in text and "version 3" in text


def test_source_from_git_revision(iop, pki, signed, signing_copy, tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    (repo / "avtal.yaml").write_bytes(signing_copy.source.read_bytes())
    subprocess.run([*git, "add", "avtal.yaml"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "v3"], check=True)
    (repo / "avtal.yaml").write_bytes(signing_copy.source.read_bytes() + b"# senare\n")
    subprocess.run([*git, "commit", "-q", "-am", "later"], check=True)
    monkeypatch.chdir(repo)
    code, report = iop.verify_json(signed, "--trust", pki.ca_pem, "--source", "HEAD~1:avtal.yaml")
    assert code == 0, report
    assert report["source"]["matches"] is True
    code, report = iop.verify_json(signed, "--trust", pki.ca_pem, "--source", "HEAD:avtal.yaml")
    assert code == 1 and report["source"]["matches"] is False
    done = iop("verify", signed, "--source", "HEAD:finns-inte.yaml")
    assert done.exit_code == 2 and "finns inte i git" in done.stderr


def test_untrusted_signer_is_caught(iop, pki, signed):
    code, report = iop.verify_json(signed)
    assert code == 1
    assert all(s["intact"] and not s["trusted"] for s in report["signatures"])
    code, report = iop.verify_json(signed, "--trust", pki.other_ca_pem)
    assert code == 1
    assert not any(s["trusted"] for s in report["signatures"])


def test_signer_from_another_ca_is_caught(iop, pki, signing_copy, tmp_path):
    out = tmp_path / "s.pdf"
    assert (
        iop("sign", signing_copy.pdf, "--p12", pki.stranger_p12, "--part", "kommunen", "-o", out).exit_code
        == 0
    )
    code, report = iop.verify_json(out, "--trust", pki.ca_pem)
    assert code == 1
    (sig,) = report["signatures"]
    assert sig["signer"] == "Eve Främling, Okänd AB" and sig["intact"] and not sig["trusted"]


def test_unsigned_page_content_after_signing_is_caught(iop, pki, signed):
    def add_content(writer: IncrementalPdfFileWriter) -> None:
        stream = writer.add_object(generic.StreamObject(stream_data=b"0 0 1 rg 100 600 200 50 re f"))
        writer.add_stream_to_page(0, stream)

    changed = _append_update(signed, add_content)
    code, report = iop.verify_json(changed, "--trust", pki.ca_pem)
    assert code == 1
    for sig in report["signatures"]:
        assert sig["intact"] and sig["trusted"], "each signature still matches its own revision"
        assert sig["coverage"] == "ENTIRE_REVISION"
        assert sig["later_changes_ok"] is False and sig["modification_level"] == "OTHER"


def test_unsigned_annotation_after_signing_is_caught(iop, pki, signed):
    def add_annotation(writer: IncrementalPdfFileWriter) -> None:
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        annot = generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Annot"),
                generic.NameObject("/Subtype"): generic.NameObject("/Text"),
                generic.NameObject("/Rect"): generic.ArrayObject(
                    [generic.NumberObject(n) for n in (50, 50, 70, 70)]
                ),
                generic.NameObject("/Contents"): generic.TextStringObject("Beloppet gäller inte"),
            }
        )
        ref = writer.add_object(annot)
        existing = list(page.get("/Annots", generic.ArrayObject()))
        page["/Annots"] = generic.ArrayObject([*existing, ref])
        writer.update_container(page)

    changed = _append_update(signed, add_annotation)
    code, report = iop.verify_json(changed, "--trust", pki.ca_pem)
    assert code == 1
    assert all(not s["later_changes_ok"] for s in report["signatures"])


def test_swapped_source_hash_after_signing_is_caught(iop, pki, signed, signing_copy, tmp_path):
    forged = tmp_path / "forfalskad.yaml"
    forged.write_bytes(signing_copy.source.read_bytes() + b"# annat\n")
    new_hash = hashlib.sha256(forged.read_bytes()).hexdigest()

    def swap(writer: IncrementalPdfFileWriter) -> None:
        xmp = writer.root["/Metadata"].get_object().data
        embedded = re.search(rb"sourceSha256>([0-9a-f]{64})<", xmp)
        assert embedded, "the rendered copy carries the source hash in XMP"
        stream = generic.StreamObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Metadata"),
                generic.NameObject("/Subtype"): generic.NameObject("/XML"),
            },
            stream_data=xmp.replace(embedded.group(1), new_hash.encode()),
        )
        writer.root["/Metadata"] = writer.add_object(stream)
        writer.update_root()

    changed = _append_update(signed, swap)
    code, report = iop.verify_json(changed, "--trust", pki.ca_pem, "--source", forged)
    assert code == 1
    assert report["source"]["matches"] is False, "the hash the signatures cover is the one compared"
    assert report["problems"], "the metadata change after signing is reported"


def test_partly_signed_copy_passes_with_a_note(iop, pki, signing_copy, tmp_path):
    out = tmp_path / "s.pdf"
    assert iop("sign", signing_copy.pdf, "--p12", pki.boj_p12, "--part", "boj", "-o", out).exit_code == 0
    code, report = iop.verify_json(out, "--trust", pki.ca_pem)
    assert code == 0, report
    assert report["unsigned_fields"] == ["kommunen"]
    assert report["notes"] == ["Fältet 'kommunen' är ännu inte undertecknat."]


def test_unsigned_copy_fails(iop, pki, signing_copy):
    done = iop("verify", signing_copy.pdf, "--trust", pki.ca_pem)
    assert done.exit_code == 1
    assert "inga underskrifter" in done.stdout


def test_english_report(iop, pki, signed):
    done = iop("verify", "--lang", "en", signed)
    assert done.exit_code == 1
    assert "does not chain to a trusted issuer" in done.stdout
    assert "Result: FAILED" in done.stdout


def test_bad_inputs_are_usage_errors(iop, pki, signed, tmp_path):
    not_cert = tmp_path / "ca.pem"
    not_cert.write_text("hej", encoding="utf-8")
    done = iop("verify", signed, "--trust", not_cert)
    assert done.exit_code == 2 and "inte ett certifikat" in done.stderr
    not_pdf = tmp_path / "x.pdf"
    not_pdf.write_bytes(b"GIF89a")
    done = iop("verify", not_pdf)
    assert done.exit_code == 2 and "inte en PDF-fil" in done.stderr


def test_real_command_reports_without_traceback(iop_exe, pki, signed, tmp_path):
    ok = subprocess.run(
        [iop_exe, "verify", str(signed), "--trust", str(pki.ca_pem)], capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stderr == ""
    broken = tmp_path / "trasig.pdf"
    broken.write_bytes(signed.read_bytes()[:2000])
    bad = subprocess.run([iop_exe, "verify", str(broken)], capture_output=True, text=True)
    assert bad.returncode in (1, 2)
    assert "Traceback" not in bad.stderr and "internt fel" not in bad.stderr


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("expired", "utgånget"), ("encryption-only", "får inte användas för underskrifter")],
)
def test_unfit_certificates_are_named(iop, material, signing_copy, tmp_path, kind, expected):
    ca = material.make_ca("Kommunens CA")
    who = material.make_signer(
        ca,
        "Cert Problem",
        "Linköpings kommun",
        expired=kind == "expired",
        for_signing=kind != "encryption-only",
    )
    p12 = material.write_p12(tmp_path / "x.p12", who, ca, None)
    ca_pem = material.write_pem(tmp_path / "ca.pem", ca.cert)
    refused = iop("sign", signing_copy.pdf, "--p12", p12, "--part", "kommunen", "-o", tmp_path / "r.pdf")
    assert refused.exit_code == 1, "iop sign refuses such a certificate"
    assert ("gick ut" if kind == "expired" else "inte avsett för underskrifter") in refused.stderr
    # Another tool may still sign with it; verify must catch that.
    from pyhanko.sign import signers

    out = tmp_path / "s.pdf"
    with signing_copy.pdf.open("rb") as handle, out.open("wb") as sink:
        signers.sign_pdf(
            IncrementalPdfFileWriter(handle),
            signers.PdfSignatureMetadata(field_name="kommunen"),
            signer=signers.SimpleSigner.load_pkcs12(str(p12), passphrase=None),
            existing_fields_only=True,
            output=sink,
        )
    code, report = iop.verify_json(out, "--trust", ca_pem)
    assert code == 1
    (sig,) = report["signatures"]
    assert sig["intact"] and not sig["trusted"]
    assert any(expected in p for p in sig["problems"]), sig["problems"]


def test_copy_signed_first_by_another_pades_tool(iop, pki, signing_copy, tmp_path):
    """A signing service signs one field with its own software (here plain pyHanko, which
    rewrites the XMP packet in attribute form); iop signs the next field and verifies all."""
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    signer = signers.SimpleSigner.load_pkcs12(str(pki.boj_p12), passphrase=None)
    service = tmp_path / "tjanst.pdf"
    with signing_copy.pdf.open("rb") as handle, service.open("wb") as out:
        writer = IncrementalPdfFileWriter(handle)
        meta = signers.PdfSignatureMetadata(field_name="boj", subfilter=SigSeedSubFilter.PADES)
        signers.sign_pdf(writer, meta, signer=signer, existing_fields_only=True, output=out)
    import pikepdf

    with pikepdf.open(service) as pdf:
        xmp = pdf.Root.Metadata.read_bytes()
    assert b"sourceSha256=" in xmp and b"sourceSha256>" not in xmp, "the tool rewrote XMP in attribute form"

    final = tmp_path / "klar.pdf"
    done = iop(
        "sign", service, "--p12", pki.kommunen_p12, "--part", "kommunen", "-o", final,
        "--password-file", pki.password_file,
    )  # fmt: skip
    assert done.exit_code == 0 and "(version 2)" in done.stdout
    code, report = iop.verify_json(final, "--trust", pki.ca_pem, "--source", signing_copy.source)
    assert code == 0, report
    assert report["source"]["matches"] and report["agreement"]["version"] == "2"
    assert [s["field"] for s in report["signatures"]] == ["boj", "kommunen"]


# --- Changes after the last signature that pyHanko's difference analysis lets through ---


def test_info_replaced_after_signing_is_caught(iop, pki, signed):
    def forge_title(writer: IncrementalPdfFileWriter) -> None:
        ref = writer.trailer.raw_get("/Info")
        info = ref.get_object()
        info[generic.NameObject("/Title")] = generic.TextStringObject("FORGED TITLE")
        writer.mark_update(ref)

    changed = _append_update(signed, forge_title)
    code, report = iop.verify_json(changed, "--trust", pki.ca_pem)
    assert code == 1
    last = report["signatures"][-1]
    assert last["later_changes_ok"] is False
    assert {"kind": "info", "label": "dokumentinformation (/Info)", "detail": "/Title", "allowed": False} in last[
        "later_changes"
    ]
    assert any("Ändrat efter underskriften" in p for p in last["problems"])
    first = report["signatures"][0]
    assert [c["kind"] for c in first["later_changes"]] == ["signature"], "the second signature is allowed"

    shown = iop("info", changed, "--format", "json")
    data = __import__("json").loads(shown.stdout)
    assert data["title"] != "FORGED TITLE" and data["version"] == "2", "info shows the signed revision"
    assert data["metadata_changed_after_signing"] == ["info: /Title"]


def test_xmp_replaced_after_signing_is_caught(iop, pki, signed):
    def strip_xmp(writer: IncrementalPdfFileWriter) -> None:
        xmp = writer.root["/Metadata"].get_object().data
        xmp = re.sub(rb"<iop:(\w+)>[^<]*</iop:\1>", b"", xmp)
        xmp = re.sub(rb"(<dc:title>.*?<rdf:li[^>]*>)[^<]*", rb"\1Annan titel", xmp, flags=re.S)
        stream = generic.StreamObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Metadata"),
                generic.NameObject("/Subtype"): generic.NameObject("/XML"),
            },
            stream_data=xmp,
        )
        writer.root["/Metadata"] = writer.add_object(stream)
        writer.update_root()

    changed = _append_update(signed, strip_xmp)
    code, report = iop.verify_json(changed, "--trust", pki.ca_pem)
    assert code == 1
    (xmp,) = [c for c in report["signatures"][-1]["later_changes"] if c["kind"] == "xmp"]
    assert not xmp["allowed"] and "dc:title" in xmp["detail"] and "iop:version" in xmp["detail"]
    shown = iop("info", changed)
    assert "Version:" in shown.stdout and "linkoping-brottsofferjouren" in shown.stdout
    assert "VARNING: xmp: dc:title" in shown.stdout
    text_report = iop("verify", changed, "--trust", pki.ca_pem).stdout
    assert "därefter: XMP-metadata: dc:title" in text_report and "UNDERKÄND" in text_report


def _cms_offsets(pdf: bytes) -> tuple[int, int, dict[str, int]]:
    """Where the last signature's hex ``/Contents`` starts, the CMS length, and part offsets."""
    from asn1crypto import cms

    match = list(re.finditer(rb"/Contents\s*<([0-9a-fA-F]+)>", pdf))[-1]
    raw = bytes.fromhex(match.group(1).decode())
    info = cms.ContentInfo.load(raw, strict=False)
    full = info.dump()
    signed = info["content"]
    signer = signed["signer_infos"][0]
    certs = list(signed["certificates"])
    root = next(c for c in certs if c.chosen.subject == c.chosen.issuer)
    parts = {
        "digest_algorithms": full.find(signed["digest_algorithms"].dump()) + 4,
        "signed_data_version": full.find(signed["version"].dump()) + 2,
        "signer_version": full.find(signer.dump()) + signer.dump().find(signer["version"].dump()) + 2,
        "sid_serial": full.find(signer["sid"].dump()) + len(signer["sid"].dump()) - 1,
        "embedded_root_certificate": full.find(root.dump()) + 40,
        "padding": len(full) + 10,
        "padding_end": len(raw) - 1,
    }
    return match.start(1), len(full), parts


@pytest.mark.parametrize(
    "part",
    [
        "digest_algorithms",
        "signed_data_version",
        "signer_version",
        "sid_serial",
        "embedded_root_certificate",
        "padding",
        "padding_end",
    ],
)
def test_a_flip_inside_the_signature_contents_is_caught(iop, pki, signed, part):
    """Bytes of /Contents that the signature value does not cover (see iop.signing.cms)."""
    data = bytearray(signed.read_bytes())
    start, _length, parts = _cms_offsets(bytes(data))
    pos = start + 2 * parts[part]
    data[pos] = ord(format(int(chr(data[pos]), 16) ^ 0x8, "x"))
    signed.write_bytes(bytes(data))
    code, report = iop.verify_json(signed, "--trust", pki.ca_pem)
    assert code == 1, (part, report)
    assert report["signatures"][-1]["problems"], part


def _add_javascript(writer: IncrementalPdfFileWriter) -> None:
    action = generic.DictionaryObject(
        {
            generic.NameObject("/S"): generic.NameObject("/JavaScript"),
            generic.NameObject("/JS"): generic.TextStringObject("app.alert('hej')"),
        }
    )
    writer.root["/OpenAction"] = writer.add_object(action)
    writer.update_root()


def _add_embedded_file(writer: IncrementalPdfFileWriter) -> None:
    stream = writer.add_object(
        generic.StreamObject(
            {generic.NameObject("/Type"): generic.NameObject("/EmbeddedFile")}, stream_data=b"bilaga"
        )
    )
    spec = writer.add_object(
        generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Filespec"),
                generic.NameObject("/F"): generic.TextStringObject("bilaga.txt"),
                generic.NameObject("/EF"): generic.DictionaryObject({generic.NameObject("/F"): stream}),
            }
        )
    )
    tree = generic.DictionaryObject(
        {generic.NameObject("/Names"): generic.ArrayObject([generic.TextStringObject("bilaga.txt"), spec])}
    )
    writer.root["/Names"] = generic.DictionaryObject({generic.NameObject("/EmbeddedFiles"): tree})
    writer.update_root()


def _add_form_field(writer: IncrementalPdfFileWriter) -> None:
    acro = writer.root["/AcroForm"]
    field = writer.add_object(
        generic.DictionaryObject(
            {
                generic.NameObject("/FT"): generic.NameObject("/Tx"),
                generic.NameObject("/T"): generic.TextStringObject("belopp"),
                generic.NameObject("/V"): generic.TextStringObject("900 000 kr"),
            }
        )
    )
    acro["/Fields"] = generic.ArrayObject([*acro["/Fields"], field])
    writer.update_container(acro)


@pytest.mark.parametrize(
    ("change", "kind"),
    [(_add_javascript, "javascript"), (_add_embedded_file, "embedded_files"), (_add_form_field, "form")],
)
def test_each_kind_of_change_after_signing_is_named(iop, pki, signed, change, kind):
    changed = _append_update(signed, change)
    code, report = iop.verify_json(changed, "--trust", pki.ca_pem)
    assert code == 1
    kinds = {c["kind"]: c["allowed"] for c in report["signatures"][-1]["later_changes"]}
    assert kinds.get(kind) is False, kinds
