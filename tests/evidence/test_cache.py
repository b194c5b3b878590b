"""Blob ids and the facts cache: an unchanged PDF is never parsed twice."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pdfs import scan_pdf

from cchc import validation
from cchc.evidence import cache, sandbox
from cchc.evidence.blobs import BlobIds, hash_file
from cchc.evidence.pdf import Inspector
from cchc.load.source import FileSource

KE_HOACH = "submissions/2025/so-a/evidence/ke-hoach.pdf"


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


def _commit_all(root: Path) -> None:
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=Văn thư", "-c", "user.email=vt@example.invalid", "commit", "-q", "-m", "hồ sơ")


def test_blob_id_is_what_git_computes(mini_repo):
    assert hash_file(mini_repo / KE_HOACH) == _git(mini_repo, "hash-object", KE_HOACH).strip()


def test_blob_ids_come_from_the_index_and_follow_changes(mini_repo):
    _commit_all(mini_repo)
    ids = BlobIds(FileSource(mini_repo))
    assert ids.of(KE_HOACH) == _git(mini_repo, "rev-parse", f"HEAD:{KE_HOACH}").strip()
    (mini_repo / KE_HOACH).write_bytes(scan_pdf(1, "DA SUA"))  # changed after the commit
    new = mini_repo / "submissions/2025/so-a/evidence/moi.pdf"  # not tracked
    new.write_bytes(scan_pdf(1, "MOI"))
    fresh = BlobIds(FileSource(mini_repo))
    assert fresh.of(KE_HOACH) == hash_file(mini_repo / KE_HOACH) != ids.of(KE_HOACH)
    assert fresh.of("submissions/2025/so-a/evidence/moi.pdf") == hash_file(new)


def test_a_cached_file_is_not_parsed_again(mini_repo, tmp_path):
    src = FileSource(mini_repo)
    first = Inspector(src, cache=cache.FactsCache(tmp_path / "cache"))
    report = first(KE_HOACH, 5 * 1048576)
    assert (report.problems, report.pages) == ((), 2)
    store = cache.FactsCache(tmp_path / "cache")
    key = cache.FactsCache.key(report.blob)
    facts = store.get_many([key])[key]
    assert facts["page_kinds"] == ["scan", "scan"]
    # Mark the cached facts: a run that parsed the file again could not see the mark.
    store.put_many({key: facts | {"pages": 7}})
    again = Inspector(src, cache=cache.FactsCache(tmp_path / "cache"))
    assert again(KE_HOACH, 5 * 1048576).pages == 7
    (mini_repo / KE_HOACH).write_bytes(scan_pdf(3, "NOI DUNG MOI"))  # new content, new blob id
    changed = Inspector(src, cache=cache.FactsCache(tmp_path / "cache"))
    assert changed(KE_HOACH, 5 * 1048576).pages == 3


def test_limits_hits_are_not_cached(mini_repo, tmp_path):
    """A timeout or a memory cap may be the machine's doing: the next run tries again."""
    src = FileSource(mini_repo)
    bomb = mini_repo / "submissions/2025/so-a/evidence/bomb.pdf"
    from hostile import rawpdf

    bomb.write_bytes(rawpdf.one_page(b"0 0 m 1 1 l S\n" * 400_000))
    tight = sandbox.Limits(timeout=0.5, memory_mb=256, workers=1)
    report = Inspector(src, limits=tight, cache=cache.FactsCache(tmp_path / "c"))(
        "submissions/2025/so-a/evidence/bomb.pdf", 5 * 1048576
    )
    assert [p.code for p in report.problems] == ["evidence-pdf-too-complex"]
    assert cache.FactsCache(tmp_path / "c").get_many([cache.FactsCache.key(report.blob)]) == {}


def test_cache_keys_carry_the_checker_version_and_the_trust_roots(tmp_path):
    key = cache.FactsCache.key("abc")
    assert key.startswith(cache.checker_version() + ":abc:")
    assert cache.FactsCache.key("abc", (b"root",)) != key
    store = cache.FactsCache(tmp_path)
    store.put_many({"0000000000000000:abc:-": {"status": "ok"}})  # written by another checker version
    assert store.get_many([key]) == {}


def test_validation_fills_the_cache_in_the_repository_or_where_ci_says(mini_repo, tmp_path, monkeypatch):
    validation.validate(mini_repo)
    assert (mini_repo / ".cache/cchc/evidence.sqlite").is_file()
    monkeypatch.setenv(cache.ENV, str(tmp_path / "ci-cache"))
    assert cache.cache_dir(mini_repo) == tmp_path / "ci-cache"


def test_an_unusable_cache_is_no_cache(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    store = cache.FactsCache(blocker / "sub")
    store.put_many({"k": {"a": 1}})
    assert store.get_many(["k"]) == {}
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / "evidence.sqlite").write_bytes(b"this is not sqlite" * 100)
    store = cache.FactsCache(corrupt)
    store.put_many({"k": {"a": 1}})
    assert store.get_many(["k"]) == {}


class _Reads(FileSource):
    """The repository's files, counting the reads of each (the sandbox reads by path, not here)."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.reads: dict[str, int] = {}

    def read(self, rel: str, limit: int | None = None) -> bytes:
        self.reads[rel] = self.reads.get(rel, 0) + 1
        return super().read(rel, limit=limit)


def test_a_file_whose_content_has_facts_kept_is_not_read_again(mini_repo, tmp_path):
    """Facts are kept only for files that passed the checks made without parsing (their rules
    are part of the checker's version): such a file's first bytes are not read again, only its
    size is compared with the limit."""
    _commit_all(mini_repo)
    first = _Reads(mini_repo)
    inspector = Inspector(first, cache=cache.FactsCache(tmp_path / "c"))
    inspector.prefetch([(KE_HOACH, 5 * 1048576, ())])
    before = inspector(KE_HOACH, 5 * 1048576)
    assert first.reads.get(KE_HOACH) == 1 and before.pages == 2
    again = _Reads(mini_repo)
    inspector = Inspector(again, cache=cache.FactsCache(tmp_path / "c"))
    inspector.prefetch([(KE_HOACH, 5 * 1048576, ())])
    assert inspector(KE_HOACH, 5 * 1048576) == before and KE_HOACH not in again.reads
    size = (mini_repo / KE_HOACH).stat().st_size
    small = Inspector(_Reads(mini_repo), cache=cache.FactsCache(tmp_path / "c"))
    small.prefetch([(KE_HOACH, size - 1, ())])
    assert [p.code for p in small(KE_HOACH, size - 1).problems] == ["evidence-too-large"]


def test_an_lfs_pointer_on_disk_is_reported_though_its_content_has_facts_kept(mini_repo, tmp_path):
    """The index gives a Git LFS file's pointer id whether or not its content was fetched: facts
    kept from a run that had the content do not hide that this checkout has only the pointer."""
    pointer = b"version https://git-lfs.github.com/spec/v1\noid sha256:" + b"a" * 64 + b"\nsize 123456\n"
    rel = "submissions/2025/so-a/evidence/lfs.pdf"
    (mini_repo / rel).write_bytes(pointer)
    _commit_all(mini_repo)
    blob = BlobIds(FileSource(mini_repo)).indexed(rel)
    assert blob == _git(mini_repo, "rev-parse", f"HEAD:{rel}").strip()
    store = cache.FactsCache(tmp_path / "c")
    store.put_many({cache.FactsCache.key(blob): {"status": "ok", "pages": 3, "page_kinds": ["scan"] * 3}})
    inspector = Inspector(_Reads(mini_repo), cache=cache.FactsCache(tmp_path / "c"))
    inspector.prefetch([(rel, 5 * 1048576, ())])
    assert [p.code for p in inspector(rel, 5 * 1048576).problems] == ["evidence-lfs-missing"]


def test_the_checks_made_without_parsing_are_part_of_the_checker_version(tmp_path, monkeypatch):
    here = Path(cache.__file__).parent
    copy = tmp_path / "evidence"
    copy.mkdir()
    for name in cache._MODULES:
        (copy / name).write_bytes((here / name).read_bytes())
    monkeypatch.setattr(cache, "__file__", str(copy / "cache.py"))
    cache.checker_version.cache_clear()
    try:
        same = cache.checker_version()
        (copy / "precheck.py").write_text((here / "precheck.py").read_text() + "\n# another rule\n")
        cache.checker_version.cache_clear()
        assert cache.checker_version() != same
    finally:
        cache.checker_version.cache_clear()
