"""The build cache's pack files (cchc.buildcache.packs): a batch's entries in one file, read
back by any process, damage read as a miss, unused entries removed; a build's working folders."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from cchc.buildcache import SCRATCH, Store, packs


def _packs(folder: Path, kind: str) -> list[Path]:
    return sorted((folder / kind).glob("*" + packs.SUFFIX))


def test_a_batch_is_one_pack_that_another_store_reads(tmp_path):
    store = Store(tmp_path, code="a")
    with store.batch():
        for i in range(50):
            store.put("bodies", f"k{i}", f"trang {i}".encode())
        assert store.get("bodies", "k7") == b"trang 7"  # before it is written
        assert _packs(tmp_path, "bodies") == []
    assert len(_packs(tmp_path, "bodies")) == 1
    other = Store(tmp_path, code="a")
    assert [other.get("bodies", f"k{i}") for i in range(50)] == [f"trang {i}".encode() for i in range(50)]
    assert other.keys("bodies") == {f"k{i}" for i in range(50)}
    assert other.get("bodies", "k50") is None


def test_outside_a_batch_each_entry_is_written_at_once(tmp_path):
    store = Store(tmp_path, code="a")
    store.put("pages", "ab12", b"khung")
    assert Store(tmp_path, code="a").get("pages", "ab12") == b"khung"


def test_a_pack_cut_short_gives_what_it_still_holds(tmp_path):
    store = Store(tmp_path, code="a")
    with store.batch():
        store.put("bodies", "first", b"x" * 100)
        store.put("bodies", "second", b"y" * 100)
    (pack,) = _packs(tmp_path, "bodies")
    pack.write_bytes(pack.read_bytes()[:-50])
    other = Store(tmp_path, code="a")
    assert other.get("bodies", "first") == b"x" * 100
    assert other.get("bodies", "second") is None


def test_a_pack_whose_index_is_damaged_holds_nothing_and_is_removed(tmp_path):
    store = Store(tmp_path, code="a")
    store.put("bodies", "kept", b"trang")
    (tmp_path / "bodies" / ("hong" + packs.SUFFIX)).write_bytes(packs.MAGIC + b"\xff" * 8 + b"{")
    (tmp_path / "bodies" / ("la" + packs.SUFFIX)).write_bytes(b"not a pack at all")
    other = Store(tmp_path, code="a")
    assert other.keys("bodies") == {"kept"}
    other.keep_only("bodies", {"kept"})
    assert len(_packs(tmp_path, "bodies")) == 1 and other.get("bodies", "kept") == b"trang"


def test_unused_entries_go_and_a_mostly_unused_pack_is_written_again(tmp_path):
    store = Store(tmp_path, code="a")
    with store.batch():
        for i in range(10):
            store.put("bodies", f"a{i}", b"a" * 100)
    with store.batch():
        for i in range(10):
            store.put("bodies", f"b{i}", b"b" * 100)
    with store.batch():
        store.put("bodies", "gone", b"c")
    mostly_used = {f"a{i}" for i in range(9)}
    mostly_unused = {"b0", "b1"}
    store.keep_only("bodies", mostly_used | mostly_unused)
    assert len(_packs(tmp_path, "bodies")) == 2  # the a-pack as it was, the b-pack's two entries anew
    other = Store(tmp_path, code="a")
    assert other.keys("bodies") == mostly_used | mostly_unused | {"a9"}  # a9 waits in a mostly used pack
    assert all(other.get("bodies", k) == b"b" * 100 for k in mostly_unused)
    other.keep_only("bodies", set())
    assert _packs(tmp_path, "bodies") == [] and other.keys("bodies") == set()


def test_what_forked_workers_put_is_found_by_the_parent_and_written_once(tmp_path):
    """Workers write their batches' packs; the parent finds them without being told, and what the
    parent had not written when it forked is not written again by each child."""
    code = (
        "import sys\nfrom pathlib import Path\nfrom cchc import parallel\nfrom cchc.buildcache import Store\n"
        "store = Store(Path(sys.argv[1]), code='a')\n"
        "store.get('bodies', 'nothing')\n"  # the parent reads the (empty) folder before the workers write
        "def work(batch):\n"
        "    with store.batch():\n"
        "        for i in batch:\n"
        "            store.put('bodies', f'k{i}', str(i).encode())\n"
        "    return len(batch)\n"
        "with store.batch():\n"
        "    store.put('bodies', 'parent', b'p')\n"
        "    parallel.run(work, parallel.chunks(list(range(40)), 4), 2)\n"
        "print(all(store.get('bodies', f'k{i}') == str(i).encode() for i in range(40)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "True"
    assert len(_packs(tmp_path, "bodies")) == 5  # four batches and the parent's own
    assert Store(tmp_path, code="a").get("bodies", "parent") == b"p"


def test_a_builds_working_folders_are_in_the_cache_folder_or_else_the_systems(tmp_path):
    """Store.scratch: on the disk the build writes to (the system's temporary folder may be
    small, or busy with other jobs); emptied with the rest when other code wrote the cache."""
    store = Store(tmp_path / "cache", code="a")
    made = store.scratch("cchc-trang-")
    assert made.is_dir() and made.parent == tmp_path / "cache" / SCRATCH and made.name.startswith("cchc-trang-")
    assert store.scratch("cchc-trang-") != made
    Store(tmp_path / "cache", code="b")
    assert not (tmp_path / "cache" / SCRATCH).exists()
    elsewhere = Store(None).scratch("cchc-trang-")
    try:
        assert elsewhere.parent == Path(tempfile.gettempdir()) and elsewhere.is_dir()
    finally:
        elsewhere.rmdir()
