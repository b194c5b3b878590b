"""`cchc build --site-url` / CCHC_SITE_URL: where the site is published (the browser test
tests/publish/test_subpath.py serves a site built this way under a sub-path); an output folder
that holds the repository is refused before anything is touched; a build whose checks find an
error publishes nothing."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest

from cchc.cli.build import site_url
from cchc.cli.main import main

REPO = Path(__file__).resolve().parents[2]


def test_the_option_wins_over_the_environment(monkeypatch):
    monkeypatch.setenv("CCHC_SITE_URL", "https://env.example/a/")
    assert site_url("https://so-noi-vu.github.io/cchc-tinh/") == "https://so-noi-vu.github.io/cchc-tinh/"
    assert site_url(None) == "https://env.example/a/"


def test_a_folder_address_ends_with_a_slash(monkeypatch):
    monkeypatch.delenv("CCHC_SITE_URL", raising=False)
    assert site_url("https://trang.tinh.gov.vn/cchc") == "https://trang.tinh.gov.vn/cchc/"
    assert site_url(None) is None  # mkdocs.yml's own site_url, if any
    monkeypatch.setenv("CCHC_SITE_URL", "  ")
    assert site_url("") is None


@pytest.mark.parametrize("out", [".", ".."])
def test_an_output_folder_holding_the_repository_is_refused(tmp_path, capsys, out):
    root = tmp_path / "kho"
    (root / "units").mkdir(parents=True)
    (root / "province.yaml").write_text("name: Tỉnh Mẫu\n", encoding="utf-8")
    (root / "units" / "so.yaml").write_text("units: []\n", encoding="utf-8")
    assert main(["build", "--root", str(root), "--out", str(root / out)]) == 2
    err = capsys.readouterr().err
    assert "chứa kho dữ liệu" in err and "--out" in err
    assert (root / "province.yaml").is_file() and (root / "units" / "so.yaml").is_file()


@pytest.mark.slow
@pytest.mark.usefixtures("shared_evidence_cache")
def test_a_build_whose_checks_find_an_error_leaves_the_last_site_as_it_was(tmp_path, capsys, monkeypatch):
    """The pages are made while the dossiers are checked in another process; an error found
    there means nothing is published: the last build's site is back, byte for byte."""
    monkeypatch.setenv("CCHC_BUILD_WORKERS", "2")  # the checks in a process of their own
    root = _sample_repo(tmp_path)
    out, cache = tmp_path / "site", tmp_path / "cache"
    args = ["build", "--root", str(root), "--out", str(out), "--cache", str(cache)]
    assert main(args) == 0
    (out / ".nojekyll").write_text("", encoding="utf-8")
    before = _files(out)
    dossier = sorted((root / "submissions" / "2025").iterdir())[0] / "self-assessment.yaml"
    text = dossier.read_text(encoding="utf-8")
    dossier.write_text(text.replace("evidence/ke-hoach-cchc.pdf", "evidence/khong-co.pdf", 1), encoding="utf-8")
    capsys.readouterr()
    assert main(args) == 1
    printed = capsys.readouterr().out
    assert "Không công bố" in printed and "khong-co.pdf" in printed and "Đã tạo trang" not in printed
    assert _files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "repo", "site"]  # nothing left aside


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _sample_repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    for name in ("province.yaml", "criteria", "units", "plans", "surveys", "submissions"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / name)
    return root


@pytest.mark.usefixtures("shared_evidence_cache")
def test_a_build_that_fails_before_asking_for_the_findings_collects_the_checks(tmp_path, capsys, monkeypatch):
    """An internal error once the checks run in their own process: the build says so and ends,
    with that process collected (left alone, it would be waited for at exit, for ever once its
    findings filled the pipe to a process that no longer reads them)."""
    monkeypatch.setenv("CCHC_BUILD_WORKERS", "2")
    root = _sample_repo(tmp_path)

    def broken(*args: object) -> None:
        raise RuntimeError("hỏng")

    monkeypatch.setattr("cchc.score.results.compute", broken)
    args = ["build", "--root", str(root), "--out", str(tmp_path / "site"), "--cache", str(tmp_path / "cache")]
    assert main(args) != 0
    assert "lỗi nội bộ" in capsys.readouterr().err
    assert multiprocessing.active_children() == []
    assert not (tmp_path / "site").exists()
