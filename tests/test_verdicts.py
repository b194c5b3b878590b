"""Dossier verdicts kept between builds (cchc.verdicts) give exactly what a full validation
gives, including where a dossier's findings depend on other dossiers (the same evidence filed
by another unit), on a real Git repository of the sample province."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from cchc import checks, validation
from cchc.buildcache import Store
from cchc.evidence.cache import cache_dir
from cchc.load import entries, shared
from cchc.load.source import FileSource

pytestmark = [
    pytest.mark.slow,
    pytest.mark.usefixtures("shared_evidence_cache"),
]  # full validations of the sample province

REPO = Path(__file__).resolve().parents[1]
DATA = ("province.yaml", "criteria", "units", "plans", "surveys", "submissions")


def _sample_repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    for name in DATA:
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / name)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "sample"]):
        subprocess.run(
            ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
            check=True,
            capture_output=True,
        )
    return root


def test_cached_verdicts_follow_a_copy_of_evidence_filed_by_another_unit(tmp_path):
    root = _sample_repo(tmp_path)
    store = Store(tmp_path / "cache")
    first, outcome = validation.validate_cached(root, store, 2)
    assert first.findings == validation.validate(root).findings
    assert (outcome.checked, outcome.reused) == (len(first.repo.dossiers), 0)

    # Unit A's folder gets a copy of one of unit B's PDFs: B's files are unchanged, yet B's
    # findings now say that another unit holds the same document.
    year = root / "submissions" / "2025"
    a, b = sorted(p for p in year.iterdir() if (p / "evidence").is_dir())[:2]
    pdf = sorted((b / "evidence").glob("*.pdf"))[0]
    shutil.copy2(pdf, a / "evidence" / "ban-sao.pdf")
    again, outcome = validation.validate_cached(root, store, 2)
    full = validation.validate(root)
    assert again.findings == full.findings
    shared = [f for f in full.findings if f.code == "evidence-shared-with-other-unit"]
    assert any(f.file.startswith(f"submissions/2025/{b.name}/") for f in shared)
    assert (outcome.checked, outcome.reused) == (2, len(full.repo.dossiers) - 2)

    # Nothing changed since: every verdict comes from the cache.
    last, outcome = validation.validate_cached(root, store, 1)
    assert last.findings == full.findings and outcome.checked == 0


def test_a_build_keeps_the_record_a_pull_request_check_reads_the_registry_by(tmp_path):
    """The publish workflow hands what ``cchc build`` kept in the cache folder to the pull-request
    check (validate.yml): a one-dossier run then reads its units' entries only, and reports what
    it would report reading the registry whole."""
    root = _sample_repo(tmp_path)
    registry = root / "units" / "xa.yaml"
    registry.write_text(registry.read_text("utf-8") + f"# {uuid.uuid4()}\n", "utf-8")  # a key of its own
    found = shared.inputs(FileSource(root))
    assert found is not None and shared.recall(cache_dir(root), found) is None
    build, _ = validation.validate_cached(root, Store(tmp_path / "build"), 2)
    known = shared.recall(cache_dir(root), found)
    assert known is not None
    assert list(known.findings) == sorted(set(checks.registry_wide(build.repo)))
    folder = sorted((root / "submissions" / "2025").iterdir())[2].relative_to(root).as_posix()
    limited = validation.validate(root, [folder])
    assert isinstance(limited.repo.units, entries.LazyUnits)
    assert limited.findings == [
        f
        for f in build.findings
        if f.file.startswith(folder + "/") or (f.is_error and not f.file.startswith("submissions/"))
    ]


def test_a_build_scores_while_another_process_checks_and_loses_nothing_of_the_check(tmp_path):
    """``cchc build`` works out the scores while the dossiers are checked in another process:
    the findings are those of a full validation, and what the check keeps (the verdicts, the
    record a pull-request check reads the registry by) is kept from there."""
    root = _sample_repo(tmp_path)
    store = Store(tmp_path / "cache")
    checking = validation.start(root, store, 2)
    dossiers = len(checking.repo.dossiers)
    assert checking.let_go_of_dossiers().dossiers == {}  # this process gives them back meanwhile
    first, outcome = checking.wait()
    assert first.findings == validation.validate(root).findings
    assert (first.checked, outcome.checked, outcome.reused) == (dossiers, dossiers, 0) and outcome.seconds > 0
    found = shared.inputs(FileSource(root))
    assert found is not None and shared.recall(cache_dir(root), found) is not None
    again, outcome = validation.start(root, store, 2).wait()
    assert again.findings == first.findings and (outcome.checked, outcome.reused) == (0, dossiers)
