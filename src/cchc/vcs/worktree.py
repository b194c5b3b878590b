"""What Git knows about a working tree that may or may not be in Git (None: not in Git, or Git
failed; the caller then reads the disk). Paths are relative to the folder asked about, as
``git -C <folder>`` prints them.

Commands, through GitPython's runner: GitPython's own index reader parses all of
``.git/index`` in Python (144 ms for a province of 15,000 files, against 12 ms for
``git ls-files -s``), and it has no counterpart of ``git diff-files`` or ``git ls-files --others``.

``modified`` and ``untracked`` each walk the whole work tree below their folder (0.2 s each for
a national repository of 55,000 files). Inside ``snapshot()`` they and ``staged`` are asked of
Git once per work tree, for all of it — at the top of a work tree by one ``git status``, which
keeps Git's cache of the folders (``core.untrackedCache``) in the index as ``git status`` does —
and every later question is answered from that look: a command that checks what changed and then
validates it walks the tree once, not four times. Inside ``as_committed()`` a work tree that the
caller checked to be a commit is not looked at at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from . import command
from .errors import GitError

TIMEOUT = 60  # seconds: a work tree too large or a disk too slow to list means "read the disk"
# What one snapshot learnt: (work tree, question) -> every path Git answered, or None (not in Git).
_LOOKS: ContextVar[dict[tuple[str, str], list[str] | None] | None] = ContextVar("cchc_worktree_looks", default=None)
# What one snapshot asked Git ahead of the first question (``look_ahead``): work tree -> its look.
_AHEAD: ContextVar[dict[str, _Ahead] | None] = ContextVar("cchc_worktree_ahead", default=None)
# Work trees taken to hold exactly what their index records (``as_committed``).
_COMMITTED: ContextVar[frozenset[str]] = ContextVar("cchc_worktree_committed", default=frozenset())


@dataclass(frozen=True)
class IndexEntry:
    mode: str  # 100644, 100755 (files), 120000 (link), 160000 (gitlink)
    blob: str  # object id (a gitlink's commit)
    path: str


def blob_id(path: Path | str) -> str:
    """The Git blob id of a file on disk, as ``git hash-object --no-filters`` computes it:
    sha1(b"blob <size>\\0" + content), read in chunks."""
    h = hashlib.sha1()
    with open(path, "rb") as fh:
        h.update(b"blob %d\0" % os.fstat(fh.fileno()).st_size)
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _paths(root: Path | str, *args: str) -> list[bytes] | None:
    try:
        done = command.run(command.runner(root), *args, timeout=TIMEOUT)
    except GitError:
        return None
    return [p for p in done.out.split(b"\0") if p] if done.ok else None


def tracked(root: Path | str, prefixes: Sequence[str], modes: Sequence[str] = ()) -> list[IndexEntry] | None:
    """The index's entries below ``prefixes`` (``git ls-files -s``); ``modes``: only those of
    these modes ("120000": links…), picked before anything is decoded (a national tree has
    tens of thousands of entries, very few of them links)."""
    records = _paths(root, "ls-files", "-s", "-z", "--", *prefixes)
    if records is None:
        return None
    wanted = {m.encode("ascii") for m in modes}
    out = []
    for record in records:
        if wanted and record[:6] not in wanted:  # Git writes every mode with six digits
            continue
        meta, _, path = record.partition(b"\t")
        mode, _, rest = meta.decode("ascii", "replace").partition(" ")
        out.append(IndexEntry(mode, rest.partition(" ")[0], os.fsdecode(path)))
    return out


@contextlib.contextmanager
def snapshot() -> Iterator[None]:
    """Within this block the work trees are taken not to change: ``modified`` and ``untracked``
    ask Git once per work tree (inside an enclosing snapshot, that one's looks are kept)."""
    if _LOOKS.get() is not None:
        yield
        return
    token, ahead = _LOOKS.set({}), _AHEAD.set({})
    try:
        yield
    finally:
        _LOOKS.reset(token)
        _AHEAD.reset(ahead)


class _Ahead(threading.Thread):
    """The one ``git status`` of a work tree, run while the caller does something else."""

    def __init__(self, top: str) -> None:
        super().__init__(name="cchc-git-status", daemon=True)
        self.top = top
        self.found: dict[str, list[str]] = {}

    def run(self) -> None:
        # Whatever goes wrong here must not print a traceback from this thread: the first
        # question then asks Git on its own, in the caller's thread, where errors are reported.
        try:
            self.found = _status(self.top)
        except Exception:
            self.found = {}

    def result(self) -> dict[str, list[str]]:
        self.join()
        return self.found


def look_ahead(root: Path | str) -> None:
    """Inside a snapshot, start now the ``git status`` that the first question about the work
    tree at ``root`` would run, in a thread: what the caller does meanwhile (importing the code of
    its checks, 0.1 s) overlaps Git's walk of the tree (70 ms for 55,000 files). Outside a
    snapshot, or for a work tree already looked at or taken as committed, it does nothing."""
    looks, ahead = _LOOKS.get(), _AHEAD.get()
    where = os.path.realpath(root)
    if looks is None or ahead is None or where in ahead or where in _COMMITTED.get():
        return
    if any(tree == where for tree, _ in looks) or not os.path.lexists(os.path.join(where, ".git")):
        return
    command.runner(where)  # GitPython is imported here: imports in the thread would wait on this one's
    ahead[where] = _Ahead(where)
    ahead[where].start()


@contextlib.contextmanager
def as_committed(root: Path | str) -> Iterator[None]:
    """Within this block the work tree at ``root`` is taken to hold what its index records and
    nothing more: ``modified`` and ``untracked`` answer that no file differs and none is new,
    without looking. For a caller that judges a commit: it has checked that the index is that
    commit and that the files it reads from the disk are the index's (``Git.head_is`` with
    those paths), and every other file counts by its index entry, as the commit has it."""
    token = _COMMITTED.set(_COMMITTED.get() | {os.path.realpath(root)})
    try:
        yield
    finally:
        _COMMITTED.reset(token)


def _below(paths: list[str], prefix: str) -> list[str]:
    start = prefix.strip("/")
    if start in ("", "."):
        return list(paths)
    return [p for p in paths if p == start or p.startswith(start + "/")]


def _looked(root: Path | str, question: str, prefix: str, ask: Callable[[str], list[str] | None]) -> list[str] | None:
    """``ask(prefix)``, or, inside a snapshot, ``ask`` of the whole work tree once, narrowed to
    ``prefix`` (at the top of a work tree, one ``git status`` answers every question at once)."""
    where = os.path.realpath(root)
    if where in _COMMITTED.get():
        return []
    looks = _LOOKS.get()
    if looks is None:
        return ask(prefix)
    key = (where, question)
    if key not in looks and os.path.lexists(os.path.join(where, ".git")):
        started = (_AHEAD.get() or {}).pop(where, None)
        answers = started.result() if started is not None else _status(where)
        looks.update({(where, q): answer for q, answer in answers.items()})
    if key not in looks:
        looks[key] = ask(".")
    found = looks[key]
    return None if found is None else _below(found, prefix)


# git status's own cache of the work tree's folders (kept in the index, as git status keeps it
# where the setting is on): a later look reads only the folders that changed since.
_STATUS_SETTINGS = ("core.untrackedCache=true",)


def _status(top: str) -> dict[str, list[str]]:
    """What ``staged``, ``modified`` and ``untracked`` answer for the whole work tree whose top
    folder is ``top``, from one ``git status`` (one look at the index and the disk instead of
    three, and the folders' cache for the untracked files); {} when Git cannot tell (each is then
    asked on its own). A folder Git shows as untracked as a whole is listed file by file, as
    ``git ls-files --others`` lists it."""
    args = ("status", "--porcelain=v2", "-z", "--no-renames", "--untracked-files=normal", "--ignore-submodules=none")
    try:
        done = command.run(command.runner(top), *args, config=_STATUS_SETTINGS, timeout=TIMEOUT)
    except GitError:
        return {}
    if not done.ok:
        return {}
    staged, modified, untracked = [], [], []
    for record in done.out.split(b"\0"):
        kind = record[:2]
        if kind == b"1 ":  # 1 XY sub mH mI mW hH hI path
            xy, path = record[2:4], os.fsdecode(record.split(b" ", 8)[8])
        elif kind == b"u ":  # u XY sub m1 m2 m3 mW h1 h2 h3 path
            xy, path = b"UU", os.fsdecode(record.split(b" ", 10)[10])
        elif kind == b"? ":
            untracked.append(os.fsdecode(record[2:]))
            continue
        else:
            continue
        if xy[:1] != b".":
            staged.append(path)
        if xy[1:] != b".":
            modified.append(path)
    folders = [p for p in untracked if p.endswith("/")]
    if folders:
        inside = _paths(top, "ls-files", "--others", "--exclude-standard", "-z", "--", *folders)
        if inside is None:
            return {}
        untracked = sorted({*(p for p in untracked if not p.endswith("/")), *map(os.fsdecode, inside)})
    return {"staged": sorted(staged), "modified": sorted(modified), "untracked": sorted(untracked)}


def _diff_files(prefix: str, root: Path | str) -> list[str] | None:
    found = _paths(root, "diff-files", "--name-only", "-z", "--relative", "--", prefix)
    return None if found is None else [os.fsdecode(p) for p in found]


def _others(prefix: str, root: Path | str) -> list[str] | None:
    found = _paths(root, "ls-files", "--others", "--exclude-standard", "-z", "--", prefix)
    return None if found is None else [os.fsdecode(p) for p in found]


def _diff_cached(prefix: str, root: Path | str) -> list[str] | None:
    found = _paths(root, "diff", "--cached", "--name-only", "--no-renames", "-z", "--relative", "HEAD", "--", prefix)
    return None if found is None else [os.fsdecode(p) for p in found]


def staged(root: Path | str, prefix: str) -> list[str] | None:
    """Tracked files below ``prefix`` whose index entry differs from HEAD (``git diff --cached HEAD``)."""
    return _looked(root, "staged", prefix, lambda p: _diff_cached(p, root))


def modified(root: Path | str, prefix: str) -> list[str] | None:
    """Tracked files below ``prefix`` whose content on disk differs from the index (``git diff-files``)."""
    return _looked(root, "modified", prefix, lambda p: _diff_files(p, root))


def untracked(root: Path | str, prefix: str) -> list[str] | None:
    """Files below ``prefix`` that Git does not track and does not ignore."""
    return _looked(root, "untracked", prefix, lambda p: _others(p, root))


_REGULAR = (b"100644", b"100755")
_RECORD = re.compile(rb"(100644|100755) ([0-9a-f]{40}) [0-3]\t([^\0]*)\0")


class IndexRecords:
    """The index's entries below a folder as ``git ls-files -s -z`` prints them, looked up in
    that output rather than parsed whole: a national repository's submissions/ lists 40,000
    files (0.1 s to parse), and one dossier's check needs a few dozen of them. The records come
    sorted by name, as the index keeps them, so a name is found by bisection."""

    _PATH = 50  # a record: "<mode 6> <id 40> <stage 1>\t<path>\0"

    def __init__(self, raw: bytes) -> None:
        self._raw = raw
        self._all: dict[str, str] | None = None
        self._asked: set[str] = set()

    def regular(self) -> dict[str, str]:
        """path -> blob id of every regular file listed (the last stage of an unmerged path)."""
        if self._all is None:
            self._all = {os.fsdecode(path): blob.decode("ascii") for _, blob, path in _RECORD.findall(self._raw)}
        return self._all

    def blob(self, path: str) -> str | None:
        """The blob id of the regular file ``path``; None when the index lists no such file."""
        self._asked.add(path)
        if self._all is not None or len(self._asked) > 1000:  # most of them: parse once, then look up
            return self.regular().get(path)
        raw, name, lo, hi = self._raw, os.fsencode(path), 0, len(self._raw)
        while lo < hi:
            start = raw.rfind(b"\0", 0, (lo + hi) // 2) + 1  # the record around the middle
            start = max(start, lo)
            end = raw.find(b"\0", start)
            end = hi if end < 0 or end > hi else end
            here = raw[start + self._PATH : end]
            if here == name:  # the last stage of the name, as regular() keeps
                while raw.startswith(name + b"\0", end + 1 + self._PATH) and end + 1 < hi:
                    start, end = end + 1, raw.find(b"\0", end + 1)
                return raw[start + 7 : start + 47].decode("ascii") if raw[start : start + 6] in _REGULAR else None
            if here < name:
                lo = end + 1
            else:
                hi = start
        return None

    def holding(self, blobs: set[str]) -> dict[str, list[str]]:
        """blob id -> the regular files whose index entry is that blob, for each of ``blobs``:
        one pass over the records, whatever their number."""
        out: dict[str, list[str]] = {b: [] for b in blobs}
        if not blobs:
            return out
        if self._all is not None:
            for path, blob in self._all.items():
                if blob in out:
                    out[blob].append(path)
            return out
        raw = self._raw
        for blob in sorted(blobs):
            needle, at = f" {blob} ".encode("ascii"), 0
            while (at := raw.find(needle, at)) >= 0:
                start = raw.rfind(b"\0", 0, at) + 1
                end = raw.find(b"\0", at)
                # the id stands right after the mode (a name may hold the same characters)
                if at == start + 6 and raw[start : start + 6] in _REGULAR:
                    out[blob].append(os.fsdecode(raw[start + self._PATH : end]))
                at = end + 1 if end >= 0 else len(raw)
        return out


def index_records(root: Path | str, prefix: str) -> IndexRecords | None:
    """The index's entries below ``prefix`` (``git ls-files -s``), for looking up blob ids."""
    try:
        done = command.run(command.runner(root), "ls-files", "-s", "-z", "--", prefix, timeout=TIMEOUT)
    except GitError:
        return None
    return IndexRecords(done.out) if done.ok else None


def init_repository(target: Path, branch: str = "main") -> bool:
    """An empty repository at ``target`` whose first commit will be on ``branch`` (no commit made);
    False where Git is not installed."""
    try:
        import git
    except ImportError:  # GitPython refuses to load without the git program
        return False
    git.Repo.init(target, initial_branch=branch).close()
    return True


def head_date(root: Path | str) -> str | None:
    """The HEAD commit's date (YYYY-MM-DD, as committed); None outside Git or before the first commit."""
    import git
    from git.exc import GitError as GitPythonError

    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (GitPythonError, OSError):
        return None
    try:
        return str(repo.head.commit.committed_datetime.date().isoformat())
    except (GitPythonError, ValueError, OSError):
        return None
    finally:
        repo.close()


def head_state(root: Path | str) -> tuple[str, bool] | None:
    """The HEAD commit id and whether tracked files under ``root`` differ from it; None outside
    Git or before the first commit."""
    import git
    from git.exc import GitError as GitPythonError

    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (GitPythonError, OSError):
        return None
    try:
        return repo.head.commit.hexsha, repo.is_dirty(untracked_files=False, path=str(root))
    except (GitPythonError, ValueError, OSError):
        return None
    finally:
        repo.close()
