"""iop diff on real example agreements with edits applied in tmp."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from revision_helpers import EXAMPLE, edited, git, init_repo

from iop.budget import format_kr
from iop.cli import cli
from iop.loader import load


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["diff", *args], catch_exceptions=False)


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "old.yaml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def write(tmp_path: Path, text: str, name: str = "new.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def bump(root: Any, summary: str = "Ändrat.") -> None:
    """Raise the version and log it, as a drafter should."""
    root["version"] += 1
    root["ändringar"].append({"version": root["version"], "datum": "2026-01-15", "sammanfattning": summary})


def test_amount_change_reports_old_new_and_difference(base: Path, tmp_path: Path) -> None:
    old_amount = load(base).data["ekonomi"]["resurser"][0]["belopp_per_år"]

    def edit(root: Any) -> None:
        root["ekonomi"]["resurser"][0]["belopp_per_år"] = old_amount + 46_800
        bump(root)

    new = write(tmp_path, edited(base, edit))
    result = run(str(base), str(new))
    assert result.exit_code == 0, result.output
    expected = f"{format_kr(old_amount)} → {format_kr(old_amount + 46_800)} (+46\u00a0800\u00a0kr)"
    assert expected in result.output.replace("[-", "").replace("-]", "").replace("{+", "").replace("+}", "")
    assert "Ekonomi och samfinansiering" in result.output  # the schema's section title
    # the computed budget per party and over the term changes too
    assert "hela perioden" in result.output
    assert "Varning" not in result.output  # version bumped and logged


def test_party_added_by_id(base: Path, tmp_path: Path) -> None:
    def edit(root: Any) -> None:
        root["parter"].append(
            {
                "id": "nyforening",
                "namn": "Nya Föreningen Hopp",
                "typ": "idéburen",
                "organisationsnummer": "802000-0009",
                "företräds_av": "Styrelsen",
            }
        )
        root["parter"][0]["namn"] = root["parter"][0]["namn"] + " (socialförvaltningen)"
        bump(root)

    result = run("--format", "markdown", str(base), write(tmp_path, edited(base, edit)).as_posix())
    assert result.exit_code == 0
    out = result.output
    assert "### Parter" in out
    assert "**Nya Föreningen Hopp** (tillagd)" in out
    # the first party is matched by id and reported as a change of its name, not removed + added
    assert "borttagen" not in out
    assert "(socialförvaltningen)" in out


def test_word_level_text_change(base: Path, tmp_path: Path) -> None:
    data = load(base).data
    words = data["syfte"].split()
    target = next(w for w in words if len(w) > 6 and w.isalpha())

    def edit(root: Any) -> None:
        root["syfte"] = root["syfte"].replace(target, "XYZORD", 1)
        bump(root)

    result = run("--format", "markdown", str(base), write(tmp_path, edited(base, edit)).as_posix())
    assert f"~~{target}~~**XYZORD**" in result.output
    # only the changed word is marked, not the whole text
    syfte = result.output.split("### Syfte", 1)[1].split("###", 1)[0]
    assert syfte.count("~~") == 2 and syfte.count("**XYZORD**") == 1


def test_moved_list_item_is_moved_not_removed_and_added(base: Path, tmp_path: Path) -> None:
    def edit(root: Any) -> None:
        items = root["insatser"]
        items.append(items.pop(0))
        bump(root)

    result = run(str(base), write(tmp_path, edited(base, edit)).as_posix())
    assert result.exit_code == 0
    assert "flyttad från plats 1 till" in result.output
    section = result.output.split("Insatser och åtaganden\n", 1)[1].split("\nÄndringar", 1)[0]
    assert "tillagd" not in section and "borttagen" not in section


def test_version_not_bumped_is_warned_and_check_version_fails(base: Path, tmp_path: Path) -> None:
    def edit(root: Any) -> None:
        root["uppföljning"]["gånger_per_år"] = root["uppföljning"]["gånger_per_år"] + 2

    new = write(tmp_path, edited(base, edit))
    plain = run(str(base), str(new))
    assert plain.exit_code == 0
    assert "versionen har inte höjts" in plain.output
    checked = run("--check-version", str(base), str(new))
    assert checked.exit_code == 1

    def edit_ok(root: Any) -> None:
        edit(root)
        bump(root, "Uppföljning oftare.")

    good = write(tmp_path, edited(base, edit_ok), "good.yaml")
    assert run("--check-version", str(base), str(good)).exit_code == 0

    def edit_no_log(root: Any) -> None:
        edit(root)
        root["version"] += 1

    no_log = write(tmp_path, edited(base, edit_no_log), "nolog.yaml")
    result = run("--check-version", str(base), str(no_log))
    assert result.exit_code == 1
    assert "'ändringar' saknar en rad för version" in result.output


def test_exit_code_option(base: Path, tmp_path: Path) -> None:
    same = write(tmp_path, base.read_text(encoding="utf-8"), "same.yaml")
    assert run("--exit-code", str(base), str(same)).exit_code == 0

    def edit(root: Any) -> None:
        root["titel"] = "En annan titel"
        bump(root)

    assert run("--exit-code", str(base), write(tmp_path, edited(base, edit)).as_posix()).exit_code == 1


def test_usage_errors_exit_2(base: Path, tmp_path: Path) -> None:
    assert run(str(base)).exit_code == 2
    result = run(str(base), str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2 and "finns inte" in result.output


def test_load_error_is_reported_cleanly(base: Path, tmp_path: Path) -> None:
    bad = write(tmp_path, "syfte: [oavslutad\n", "bad.yaml")
    result = CliRunner().invoke(cli, ["diff", str(base), str(bad)])
    assert result.exit_code == 1
    assert re.search(r"bad\.yaml:\d+:\d+: fel YAML", result.output)
    assert "Traceback" not in result.output


def test_rev_path_and_git_range(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = init_repo(tmp_path / "repo")
    (repo / "agreements").mkdir()
    target = repo / "agreements" / "avtal.yaml"
    target.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    gone = repo / "agreements" / "gammalt.yaml"
    gone.write_text(
        edited(EXAMPLE, lambda r: r.__setitem__("id", "gammalt-avtal")),
        encoding="utf-8",
    )
    (repo / "config.yaml").write_text("inte: ett avtal\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "v1")

    def edit(root: Any) -> None:
        root["ekonomi"]["resurser"][0]["belopp_per_år"] += 1000
        bump(root)

    target.write_text(edited(target, edit), encoding="utf-8")
    gone.unlink()
    (repo / "agreements" / "nytt.yaml").write_text(
        edited(EXAMPLE, lambda r: r.__setitem__("id", "nytt-avtal")), encoding="utf-8"
    )
    (repo / "config.yaml").write_text("inte: ett avtal alls\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "v2")
    monkeypatch.chdir(repo)

    result = run("HEAD~1:agreements/avtal.yaml", "HEAD:agreements/avtal.yaml")
    assert result.exit_code == 0, result.output
    assert "+1\u00a0000\u00a0kr" in result.output

    ranged = run("--git", "HEAD~1..HEAD", "--format", "markdown")
    assert ranged.exit_code == 0, ranged.output
    headings = re.findall(r"^## (\S+):", ranged.output, flags=re.M)
    assert sorted(headings) == ["gammalt-avtal", "linkoping-brottsofferjouren", "nytt-avtal"]
    assert "ny överenskommelse" in ranged.output and "överenskommelsen är borttagen" in ranged.output
    assert "config" not in ranged.output

    missing_rev = run("nosuchrev:agreements/avtal.yaml", "agreements/avtal.yaml")
    assert missing_rev.exit_code == 2 and "Revisionen 'nosuchrev' finns inte" in missing_rev.output
    missing_path = run("HEAD:agreements/saknas.yaml", "agreements/avtal.yaml")
    assert missing_path.exit_code == 2 and "finns inte i revisionen 'HEAD'" in missing_path.output

    # --base compares working files with a revision (what the version-bump hook runs)
    target.write_text(
        edited(target, lambda r: r.__setitem__("syfte", r["syfte"] + "Ett tillägg.\n")), encoding="utf-8"
    )
    based = run("--base", "HEAD", "--check-version", "agreements/avtal.yaml")
    assert based.exit_code == 1 and "versionen har inte höjts" in based.output


def test_text_list_items_matched_by_similar_text(base: Path, tmp_path: Path) -> None:
    goals = load(base).data["mål"]["delmål"]
    assert len(goals) >= 2

    def edit(root: Any) -> None:
        items = root["mål"]["delmål"]
        first = items.pop(0)
        items.append(first.replace(first.split()[-1], "SLUTORD", 1) if " " in first else first)
        bump(root)

    out = run(str(base), write(tmp_path, edited(base, edit)).as_posix()).output
    section = out.split("\nMål\n", 1)[1].split("\nÄndringar", 1)[0]
    assert "flyttad från plats 1 till" in section
    assert "{+SLUTORD+}" in section
    assert "tillagd" not in section and "borttagen" not in section


def test_git_base_against_working_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = init_repo(tmp_path / "repo")
    target = repo / "avtal.yaml"
    target.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "v1")
    target.write_text(edited(target, lambda r: r.__setitem__("titel", "Ny titel")), encoding="utf-8")
    monkeypatch.chdir(repo)
    result = run("--git", "HEAD", "--check-version")
    assert result.exit_code == 1
    assert (
        "Titel\n  ~ [-Idéburet offentligt partnerskap" in result.output and "-]{+Ny titel+}" in result.output
    )


def test_dates_and_follow_up_frequency(base: Path, tmp_path: Path) -> None:
    data = load(base).data
    old_end = data["tidsram"]["slut"]
    new_end = f"{int(old_end[:4]) + 1}{old_end[4:]}"
    times = data["uppföljning"]["gånger_per_år"]

    def edit(root: Any) -> None:
        import datetime as dt

        root["tidsram"]["slut"] = dt.date.fromisoformat(new_end)
        root["uppföljning"]["gånger_per_år"] = times + 2
        bump(root)

    out = run(str(base), write(tmp_path, edited(base, edit)).as_posix()).output
    assert f"Tidsram\n  ~ Slutdatum: [-{old_end}-] → {{+{new_end}+}}" in out
    assert f"Gånger per år: [-{times} gånger per år-] → {{+{times + 2} gånger per år+}}" in out
    # a longer term changes the computed total over the term
    assert "Totalt, hela perioden" in out
