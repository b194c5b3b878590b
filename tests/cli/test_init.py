"""`cchc init`: a new province repository with no sample data, made offline from the running
package — the same code, site configuration, workflows, template and guides as this
repository (the shipped copies are links to this repository's files), its own province.yaml,
CODEOWNERS and README; it validates clean and its site says there are no results yet."""

from __future__ import annotations

import filecmp
import os
import subprocess
from pathlib import Path

import yaml
from minirepo import REPO_ROOT

from cchc.cli.main import main
from cchc.newrepo import MIRRORS, PACKAGE, PACKAGE_LINKS, SYSTEM


def _init(target: Path, *options: str, capsys=None) -> tuple[int, str, str]:
    code = main(["init", str(target), *options])
    out = capsys.readouterr() if capsys else None
    return code, out.out if out else "", out.err if out else ""


def _minh_son(target: Path, *options: str, capsys) -> tuple[int, str, str]:
    """`cchc init` of Tỉnh Minh Sơn, administered by snv-minhson, with more ``options``."""
    return _init(target, "--name", "Tỉnh Minh Sơn", "--admin", "snv-minhson", *options, capsys=capsys)


def _built_home(target: Path) -> str:
    """`cchc build` of the new repository: its home page."""
    assert main(["build", "--root", str(target)]) == 0
    return (target / "site" / "index.html").read_text(encoding="utf-8")


def test_shipped_copies_are_this_repositorys_files():
    """Every file init copies is this repository's own: the package data are links to it."""
    for name, repo_path in MIRRORS.items():
        shipped = SYSTEM / name
        assert shipped.is_symlink(), name
        assert os.path.samefile(shipped, REPO_ROOT / repo_path), name
    for inside, repo_path in PACKAGE_LINKS.items():
        assert os.path.samefile(PACKAGE / inside, REPO_ROOT / repo_path), inside


def test_a_new_province_validates_and_builds_with_no_results(tmp_path, capsys):
    target = tmp_path / "tinh-minh-son"
    code, out, err = _minh_son(
        target, "--level", "so=Sở, ban, ngành", "--level", "xa=UBND xã, phường", "--admin", "@SNV-Pho", capsys=capsys
    )
    assert code == 0, err
    assert "Đã tạo kho cho Tỉnh Minh Sơn" in out and "docs/huong-dan/trien-khai.md" in out
    province = yaml.safe_load((target / "province.yaml").read_text(encoding="utf-8"))
    assert province == {
        "name": "Tỉnh Minh Sơn",
        "authority": "Sở Nội vụ tỉnh Minh Sơn",
        "timezone": "+07:00",
        "levels": [{"id": "so", "name": "Sở, ban, ngành"}, {"id": "xa", "name": "UBND xã, phường"}],
        "groups": [{"id": "so", "name": "Sở, ban, ngành"}, {"id": "xa", "name": "UBND xã, phường"}],
        "admins": ["snv-minhson", "@SNV-Pho"],
    }
    # No sample data at all.
    for folder in ("units", "criteria", "plans", "surveys", "history", "submissions", "tests", "bench"):
        assert not (target / folder).exists(), folder
    assert "sample" not in (target / "province.yaml").read_text(encoding="utf-8")
    # The forge's files are this repository's, byte for byte; CODEOWNERS is the new province's.
    for rel in ("workflows", "PULL_REQUEST_TEMPLATE.md"):
        left, right = REPO_ROOT / ".github" / rel, target / ".github" / rel
        if left.is_dir():
            assert not filecmp.dircmp(left, right).diff_files and sorted(os.listdir(left)) == sorted(os.listdir(right))
        else:
            assert left.read_bytes() == right.read_bytes()
    assert (target / ".github" / "CODEOWNERS").read_text(encoding="utf-8").endswith("* @snv-minhson @snv-pho\n")
    for rel in (
        ".pre-commit-hooks.yaml",
        "pyproject.toml",
        "package.json",
        "scripts/setup.sh",
        "hooks/cchc_site.py",
        "docs/huong-dan/trien-khai.md",
        "schemas/history.schema.json",
        "src/cchc/cli/init.py",
    ):
        assert (target / rel).read_bytes() == (REPO_ROOT / rel).read_bytes(), rel
    assert os.readlink(target / "src" / "cchc" / "schemas") == "../../schemas"
    assert os.path.samefile(target / "src" / "cchc" / "newrepo" / "system" / "mkdocs.yml", target / "mkdocs.yml")
    assert not list((target / "src").rglob("__pycache__"))
    # The site configuration is the project's, with the pages a province has.
    site = yaml.safe_load((target / "mkdocs.yml").read_text(encoding="utf-8"))
    ours = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert {k: v for k, v in site.items() if k != "nav"} == {k: v for k, v in ours.items() if k != "nav"}
    pages = [p for section in site["nav"] for items in section.values() for item in items for p in item.values()]
    assert "huong-dan/trien-khai.md" in pages and all((target / "docs" / p).is_file() for p in pages)
    assert os.access(target / ".ci" / "run", os.X_OK) and "cchc build" in (target / ".ci" / "run").read_text()
    assert "Tỉnh Minh Sơn" in (target / "README.md").read_text(encoding="utf-8")
    branch = subprocess.run(["git", "-C", str(target), "symbolic-ref", "HEAD"], capture_output=True, text=True)
    assert branch.stdout.strip() == "refs/heads/main"
    # Clean, and a site that says there is nothing yet.
    assert main(["validate", "--root", str(target)]) == 0
    home = _built_home(target)
    assert "Chưa có kết quả" in home and "Chỉ số CCHC — Tỉnh Minh Sơn" in home
    assert "Dữ liệu mẫu" not in home


def test_another_index_of_the_same_shape(tmp_path, capsys):
    target = tmp_path / "tthc"
    index = "Chỉ số chất lượng giải quyết thủ tục hành chính"
    code, _, err = _minh_son(target, "--no-git", "--index-name", index, "--index-short", "Chỉ số TTHC", capsys=capsys)
    assert code == 0, err
    assert not (target / ".git").exists()
    home = _built_home(target)
    assert "Chỉ số chất lượng giải quyết thủ tục hành chính — Tỉnh Minh Sơn" in home
    assert "Chỉ số TTHC — Tỉnh Minh Sơn" in home and "cải cách hành chính —" not in home


def test_init_refuses_what_it_cannot_make(tmp_path, capsys):
    taken = tmp_path / "co-san"
    taken.mkdir()
    (taken / "ghi-chu.txt").write_text("x")
    code, _, err = _init(taken, "--name", "Tỉnh A", "--admin", "a", capsys=capsys)
    assert code == 2 and "đã có nội dung" in err
    code, _, err = _init(tmp_path / "b", "--name", "Tỉnh A", "--admin", "a", "--level", "Sở=Sở", capsys=capsys)
    assert code == 2 and "--level 'Sở=Sở'" in err
    code, _, err = _init(tmp_path / "c", "--name", "Tỉnh A", "--admin", "không hợp lệ", capsys=capsys)
    assert code == 2 and "thông tin tỉnh chưa hợp lệ" in err
    assert not (tmp_path / "b").exists() and not (tmp_path / "c").exists()


def test_init_and_the_officers_tools_stand_without_the_sample_generator():
    """A real province's tools never reach into the fictional province's generator."""
    import ast

    for folder in ("officer", "newrepo"):
        for path in (PACKAGE / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom):
                    assert "sample" not in (node.module or "").split("."), path
                    assert not (node.level and node.module is None and any(a.name == "sample" for a in node.names))
