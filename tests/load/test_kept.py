"""Loaded dossiers and survey files kept by the build cache (cchc.load.kept): what is taken from
the cache is exactly what parsing the files gives (model, findings, files that did not load),
for the sample province and for every example folder whose dossier or survey files are broken,
hostile or odd."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from minirepo import build_mini
from test_cases import CASES, case_repo

from cchc.buildcache import Store
from cchc.load import kept, repository
from cchc.model.repository import Repository

REPO = Path(__file__).resolve().parents[2]


def _touches_dossiers(case_dir: Path) -> bool:
    spec = yaml.safe_load((case_dir / "case.yaml").read_text(encoding="utf-8"))
    named = [e.get("file", "") for key in ("edit", "write", "write_bytes", "symlink") for e in spec.get(key) or []]
    named += spec.get("remove") or []
    named += spec.get("fifo") or []
    named += [p.relative_to(case_dir / "repo").as_posix() for p in (case_dir / "repo").rglob("*")]
    return any(n.startswith(("submissions/", "surveys/")) and not n.endswith(".pdf") for n in named)


DOSSIER_CASES = [c for c in CASES if _touches_dossiers(c)]


def _loaded(repo: Repository) -> tuple:
    return repo.dossiers, repo.surveys, sorted(repo.findings), repo.broken


def _three_ways(root: Path, cache: Path) -> tuple[tuple, kept.Kept, kept.Kept]:
    """Load ``root`` without a cache, then twice with one: (what all three gave, the two Kept)."""
    cold = _loaded(repository.load(root))
    first, second = kept.Kept(Store(cache)), kept.Kept(Store(cache))
    assert _loaded(repository.load(root, reuse=first)) == cold
    assert _loaded(repository.load(root, reuse=second)) == cold
    return cold, first, second


def test_the_sample_province_loads_from_the_cache_as_parsed(tmp_path):
    cold, first, second = _three_ways(REPO, tmp_path / "cache")
    dossiers, surveys = cold[0], cold[1]
    assert first.hits == 0 and second.hits == len(dossiers) > 0  # hits count dossiers
    assert len(second.used) == len(dossiers) + len(surveys) and len(surveys) > 0


def test_the_sample_province_loads_from_the_cache_in_two_processes(tmp_path):
    cold = _loaded(repository.load(REPO))
    store = Store(tmp_path / "cache")
    repository.load(REPO, reuse=kept.Kept(store), processes=2)
    again = kept.Kept(store)
    assert _loaded(repository.load(REPO, reuse=again, processes=2)) == cold
    assert again.hits == len(cold[0])


@pytest.mark.usefixtures("shared_evidence_cache")
@pytest.mark.parametrize("case_dir", DOSSIER_CASES, ids=[c.name for c in DOSSIER_CASES])
def test_an_example_dossier_loads_from_the_cache_as_parsed(case_dir: Path, tmp_path: Path) -> None:
    root, _ = case_repo(case_dir, tmp_path / "repo")
    _three_ways(root, tmp_path / "cache")


def test_a_changed_file_is_parsed_again(tmp_path):
    root = build_mini(tmp_path / "repo")
    cache = Store(tmp_path / "cache")
    repository.load(root, reuse=kept.Kept(cache))
    sa = next(root.glob("submissions/*/*/self-assessment.yaml"))
    sa.write_text(sa.read_text(encoding="utf-8") + "ghi_chu: [\n", encoding="utf-8")  # now broken YAML
    again = kept.Kept(cache)
    repo = repository.load(root, reuse=again)
    assert again.hits == len(repo.dossiers) - 1
    assert _loaded(repo) == _loaded(repository.load(root))
    rel = sa.relative_to(root).as_posix()
    assert rel in repo.broken and any(f.file == rel for f in repo.findings)


def test_a_damaged_entry_is_a_miss(tmp_path):
    root = build_mini(tmp_path / "repo")
    store = Store(tmp_path / "cache")
    first = kept.Kept(store)
    cold = _loaded(repository.load(root, reuse=first))
    store.keep_only(kept.KIND, set())
    for key in first.used:
        store.put(kept.KIND, key, b'{"dossier": {"year": "not a year"}}')
    again = kept.Kept(store)
    assert _loaded(repository.load(root, reuse=again)) == cold
    assert again.hits == 0


def test_only_what_a_build_used_stays(tmp_path):
    root = build_mini(tmp_path / "repo")
    store = Store(tmp_path / "cache")
    store.put(kept.KIND, "ab" * 32, b"{}")  # a dossier an older build loaded
    reuse = kept.Kept(store)
    repository.load(root, reuse=reuse)
    reuse.keep_only_used()
    assert Store(tmp_path / "cache").keys(kept.KIND) == reuse.used


def test_a_kept_survey_file_is_not_parsed_again(tmp_path, monkeypatch):
    store = Store(tmp_path / "cache")
    cold = _loaded(repository.load(REPO, reuse=kept.Kept(store)))
    assert cold[1]

    def refuse(*args, **kwargs):
        raise AssertionError("a kept survey file was parsed again")

    monkeypatch.setattr(repository.survey_model, "build", refuse)
    assert _loaded(repository.load(REPO, reuse=kept.Kept(store))) == cold
