"""Fixtures for signing tests: a throwaway PKI, PKCS#12 files and a signing copy."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner, Result

from iop import i18n
from iop.cli import cli

HERE = Path(__file__).resolve().parent
PASSPHRASE = "korrekt häst batteri"


def load_material() -> ModuleType:
    """``material.py`` beside this file (test folders are not packages)."""
    name = "iop_signing_test_material"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HERE / "material.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


MATERIAL = load_material()
SigningCopy = MATERIAL.SigningCopy


@dataclass
class Pki:
    """Files of the throwaway PKI for one test session."""

    ca_pem: Path
    other_ca_pem: Path
    kommunen_p12: Path  # protected by PASSPHRASE
    boj_p12: Path  # no passphrase
    stranger_p12: Path  # issued by the other CA
    password_file: Path


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    mod = MATERIAL
    folder = tmp_path_factory.mktemp("pki")
    ca = mod.make_ca("IOP Test Root CA")
    other = mod.make_ca("Annan CA")
    kommunen = mod.make_signer(ca, "Anna Andersson", "Linköpings kommun")
    boj = mod.make_signer(ca, "Bo Berg", "Brottsofferjouren Linköping")
    stranger = mod.make_signer(other, "Eve Främling", "Okänd AB")
    password_file = folder / "losen.txt"
    password_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return Pki(
        ca_pem=mod.write_pem(folder / "ca.pem", ca.cert),
        other_ca_pem=mod.write_pem(folder / "other-ca.pem", other.cert),
        kommunen_p12=mod.write_p12(folder / "kommunen.p12", kommunen, ca, PASSPHRASE.encode()),
        boj_p12=mod.write_p12(folder / "boj.p12", boj, ca, None),
        stranger_p12=mod.write_p12(folder / "stranger.p12", stranger, other, None),
        password_file=password_file,
    )


@pytest.fixture(autouse=True)
def _swedish_again() -> Iterator[None]:
    """``--lang en`` sets a process-wide language: Swedish before and after each test."""
    i18n.set_lang("sv")
    yield
    i18n.set_lang("sv")


class Iop:
    """Runs ``iop`` in-process (click's runner) with the given arguments."""

    def __call__(self, *args: object, env: dict[str, str | None] | None = None) -> Result:
        return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)

    def verify_json(self, pdf: Path, *extra: object) -> tuple[int, dict[str, Any]]:
        result = self("verify", pdf, "--format", "json", *extra)
        return result.exit_code, json.loads(result.stdout)


@pytest.fixture
def material() -> ModuleType:
    """The test-material module (PKI and signing-copy makers)."""
    return MATERIAL


@pytest.fixture
def iop() -> Iop:
    return Iop()


@pytest.fixture(scope="session")
def _signing_copy_base(tmp_path_factory: pytest.TempPathFactory) -> SigningCopy:
    return MATERIAL.make_signing_copy(tmp_path_factory.mktemp("copy"))


@pytest.fixture
def signing_copy(_signing_copy_base: SigningCopy, tmp_path: Path) -> SigningCopy:
    """A fresh copy of the session's signing copy in this test's tmp_path."""
    pdf = tmp_path / "avtal.pdf"
    pdf.write_bytes(_signing_copy_base.pdf.read_bytes())
    return SigningCopy(pdf, _signing_copy_base.source, _signing_copy_base.fields)
