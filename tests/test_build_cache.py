"""The build cache (`cchc build` reusing what an earlier build made): an incremental build writes
exactly what a cold build writes, every file of site/ byte for byte, and a changed framework,
plan or code version invalidates what depends on it. Real Git repositories of the sample
province, real builds (mkdocs, Pagefind)."""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import re
import shutil
from pathlib import Path

import pytest
import yaml
from test_incremental import git

from cchc import validation
from cchc.buildcache import MANIFEST, SCRATCH, Store
from cchc.cli.main import main
from cchc.load import repository

pytestmark = [
    pytest.mark.slow,
    pytest.mark.usefixtures("shared_evidence_cache"),
]  # several real builds of the sample province

REPO = Path(__file__).resolve().parents[1]
DATA = ("province.yaml", "criteria", "units", "plans", "surveys", "submissions")
REUSED = re.compile(
    r"hồ sơ đã đọc (\d+)/(\d+), kết quả kiểm tra hồ sơ (\d+)/(\d+), (?:trang đơn vị (\d+)/(\d+), )?"
    r"khung trang (\d+)/(\d+)"
)


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-qm", message)


LAST: dict[str, tuple[int, int]] = {}  # the last build's unit pages: (reused, made)


def build(root: Path, out: Path, capsys, cache: Path | None) -> tuple[int, int, int, int]:
    """One `cchc build`; (verdicts reused, dossiers, frames reused, generated pages). Every
    dossier whose verdict is reused was also loaded from the cache."""
    capsys.readouterr()
    args = ["build", "--root", str(root), "--out", str(out)]
    args += ["--cache", str(cache)] if cache is not None else ["--no-cache"]
    assert main(args) == 0
    found = REUSED.search(capsys.readouterr().out)
    assert found, "the build says what it reused"
    loaded, dossiers, a, b, kept, units, c, d = (int(x) if x is not None else 0 for x in found.groups())
    assert dossiers == b and (loaded >= a if cache is not None else loaded == 0)
    assert (units > 0) == (cache is not None)  # unit pages are kept with a cache only
    LAST["units"] = (kept, units)
    return a, b, c, d


def tree(folder: Path) -> dict[str, str]:
    """Every file below ``folder``: its path and the digest of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')


def _described_anew(a: Path, b: Path) -> list[str]:
    """The generated pages whose meta description differs between two builds."""
    out = []
    for page in sorted(a.glob("**/*.html")):
        rel = page.relative_to(a)
        other = b / rel
        if not other.is_file() or rel.parts[0] in ("admin", "pagefind"):
            continue
        mine = _DESCRIPTION.search(page.read_text(encoding="utf-8"))
        theirs = _DESCRIPTION.search(other.read_text(encoding="utf-8"))
        if (mine and mine[1]) != (theirs and theirs[1]):
            out.append(rel.as_posix())
    return out


def _titled(page: Path, words: str) -> bool:
    found = re.search(r"<title>([^<]*)</title>", page.read_text(encoding="utf-8"))
    return found is not None and words in found[1]


def differences(a: Path, b: Path) -> list[str]:
    ta, tb = tree(a), tree(b)
    return sorted(k for k in ta.keys() | tb.keys() if ta.get(k) != tb.get(k))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The sample province as a Git repository, built once with a cache: (repo, cache, site)."""
    base = tmp_path_factory.mktemp("built")
    root = base / "repo"
    root.mkdir()
    for name in DATA:
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / name)
    git(root, "init", "-q", "-b", "main")
    commit(root, "sample")
    assert main(["build", "--root", str(root), "--out", str(base / "site"), "--cache", str(base / "cache")]) == 0
    return base


@pytest.fixture
def filled(built: Path, tmp_path: Path) -> Path:
    """A copy of the built repository, its cache and its site, for one test to change."""
    for name in ("repo", "cache", "site"):
        shutil.copytree(built / name, tmp_path / name, symlinks=True)
    return tmp_path


def _entries(text: str) -> list[tuple[int, int]]:
    """(start, end) of each '- code:' block of a self-assessment's scores."""
    starts = [m.start() for m in re.finditer(r"^  - code: ", text, re.M)] + [len(text)]
    return list(itertools.pairwise(starts))


def change_one_score(root: Path, seed: int) -> str:
    """Set one score of a randomly chosen unit to 0 (a change the checks accept); returns the unit."""
    rng = random.Random(seed)
    folders = sorted(p.parent for p in (root / "submissions").glob("*/*/self-assessment.yaml"))
    rng.shuffle(folders)
    for folder in folders:
        path = folder / "self-assessment.yaml"
        text = path.read_text(encoding="utf-8")
        for start, end in _entries(text):
            block = text[start:end]
            score = re.search(r"^    score: ([0-9.]+)$", block, re.M)
            if score is None or "figures:" in block or float(score.group(1)) == 0:
                continue
            path.write_text(text[:start] + block.replace(score.group(0), "    score: 0", 1) + text[end:], "utf-8")
            rel = folder.relative_to(root).as_posix()
            if not validation.validate(root, [rel]).errors:
                return rel
            path.write_text(text, encoding="utf-8")
    raise AssertionError("no score could be changed")


def test_an_incremental_build_after_a_random_one_unit_change_is_a_cold_build(filled, capsys):
    root, cache = filled / "repo", filled / "cache"
    unit = change_one_score(root, seed=16)
    commit(root, f"{unit}: one score")
    reused, dossiers, frames, pages = build(root, filled / "incremental", capsys, cache)
    # the changed dossier only is checked again; a frame is made anew only where the page's
    # head changed: the meta description of the unit's page (its index, rank) and of its
    # group's ranking page (the average) carry the changed figures. The unit page's frame is
    # stamped from its shape's, which did not change (stamps.py): of those pages, only the ones
    # in the navigation are framed anew.
    assert reused == dossiers - 1
    described = _described_anew(filled / "site", filled / "incremental")
    assert f"don-vi/{unit.rsplit('/', 1)[-1]}.html" in described
    assert 1 <= pages - frames < len(described)
    kept, units = LAST["units"]
    assert 0 < kept < units  # the changed unit's page, and those showing its group's averages, anew
    build(root, filled / "cold", capsys, None)
    assert differences(filled / "incremental", filled / "cold") == []
    changed = differences(filled / "site", filled / "cold")
    assert any(unit.rsplit("/", 1)[-1] in path for path in changed)  # the change shows
    assert "pagefind/pagefind-entry.json" in changed  # and the search index was made again
    assert list((cache / SCRATCH).iterdir()) == []  # the builds' working folders are gone


def test_a_changed_framework_is_checked_and_rendered_again(filled, capsys):
    root, cache = filled / "repo", filled / "cache"
    path = root / "criteria" / "sample-2025" / "so.yaml"
    text = path.read_text(encoding="utf-8")
    assert "title: Kế hoạch CCHC năm" in text
    path.write_text(text.replace("title: Kế hoạch CCHC năm", "title: Kế hoạch cải cách hành chính năm", 1), "utf-8")
    commit(root, "framework: a criterion renamed")
    repo = repository.load(root)
    so_2025 = sum(1 for (year, uid) in repo.dossiers if year == 2025 and repo.units[uid].level == "so")
    reused, dossiers, frames, pages = build(root, filled / "incremental", capsys, cache)
    assert so_2025 > 0 and reused == dossiers - so_2025  # the framework's dossiers, and only they
    # the renamed criterion's pages have a new title, stamped in their shape's kept frame
    assert frames == pages
    renamed = [
        p for p in (filled / "incremental" / "nam" / "2025").rglob("*.html") if _titled(p, "cải cách hành chính năm")
    ]
    assert renamed and not any(_titled(p, "cải cách hành chính năm") for p in (filled / "site" / "nam").rglob("*.html"))
    build(root, filled / "cold", capsys, None)
    assert differences(filled / "incremental", filled / "cold") == []


def test_a_changed_plan_is_checked_again(filled, capsys):
    root, cache = filled / "repo", filled / "cache"
    path = root / "plans" / "2025.yaml"
    text = path.read_text(encoding="utf-8")
    old = '  self_assessment_closes: "2025-12-31T23:59:59+07:00"'
    assert old in text
    path.write_text(text.replace(old, old.replace("23:59:59", "23:00:00"), 1), encoding="utf-8")
    commit(root, "plan: another deadline")
    of_2025 = len(list((root / "submissions" / "2025").iterdir()))
    reused, dossiers, _, _ = build(root, filled / "incremental", capsys, cache)
    assert reused == dossiers - of_2025
    build(root, filled / "cold", capsys, None)
    assert differences(filled / "incremental", filled / "cold") == []


def test_a_cache_written_by_other_code_is_not_used(filled, capsys):
    root, cache = filled / "repo", filled / "cache"
    manifest = json.loads((cache / MANIFEST).read_text(encoding="utf-8"))
    (cache / MANIFEST).write_text(json.dumps({**manifest, "code": "0" * 64}), encoding="utf-8")
    reused, _, frames, _ = build(root, filled / "again", capsys, cache)
    assert (reused, frames) == (0, 0)
    assert differences(filled / "again", filled / "site") == []  # same commit: the same site
    assert json.loads((cache / MANIFEST).read_text(encoding="utf-8"))["code"] == manifest["code"]


def test_a_different_code_version_empties_the_cache(tmp_path):
    Store(tmp_path, code="a").put("pages", "ab12", b"frame")
    Store(tmp_path, code="a").write_json("verdicts.json", {"k": []})
    assert Store(tmp_path, code="a").get("pages", "ab12") == b"frame"
    other = Store(tmp_path, code="b")
    assert other.get("pages", "ab12") is None and other.read_json("verdicts.json") is None
    (tmp_path / "verdicts.json").write_text("{not json", encoding="utf-8")
    assert other.read_json("verdicts.json") is None  # a damaged file is no cache, not a failure


def test_the_pages_are_what_mkdocs_own_page_loop_writes(filled, capsys):
    """The bodies put in after the theme, the shared Markdown rendering and the pages written
    outside mkdocs' loop give what a hook file registering none of those events gets from
    mkdocs itself (bodies put in before the theme, every page read, rendered and written by
    mkdocs)."""
    root = filled / "repo"
    hooks = filled / "old_hooks.py"
    hooks.write_text(
        "from cchc.site_hook import on_config, on_files, on_page_content, on_page_markdown, on_post_build\n",
        encoding="utf-8",
    )
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(hooks=[str(hooks)], docs_dir=str(REPO / "docs"))
    config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    (filled / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    capsys.readouterr()
    args = ["build", "--root", str(root), "--out", str(filled / "plain"), "--no-cache"]
    assert main([*args, "--config", str(filled / "mkdocs.yml")]) == 0
    assert differences(filled / "plain", filled / "site") == []


def test_a_renamed_unit_shows_on_every_page_that_names_it(filled, capsys):
    """A unit page names its parent, its successors and its predecessors: renaming one of them
    in the registry makes those pages again (the kept unit pages are keyed on those names)."""
    root, cache = filled / "repo", filled / "cache"
    for file, old, new in (
        ("units/huyen.yaml", "name: UBND huyện Thái Thọ", "name: UBND huyện Thái Thọ (cũ)"),
        ("units/xa.yaml", "name: UBND thị trấn Nam Hiệp", "name: UBND thị trấn Nam Hiệp (cũ)"),
    ):
        text = (root / file).read_text(encoding="utf-8")
        assert old in text
        (root / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    commit(root, "registry: two units renamed")
    build(root, filled / "incremental", capsys, cache)
    build(root, filled / "cold", capsys, None)
    assert differences(filled / "incremental", filled / "cold") == []
    successor = (filled / "incremental" / "don-vi" / "xa-hoai-long.html").read_text(encoding="utf-8")
    child = (filled / "incremental" / "don-vi" / "xa-minh-khanh.html").read_text(encoding="utf-8")
    assert "UBND thị trấn Nam Hiệp (cũ)" in successor and "UBND huyện Thái Thọ (cũ)" in child
