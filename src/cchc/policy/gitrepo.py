"""Git plumbing for the policy: commits, changed paths, blobs and trees, read from Git objects.

Everything a pull request contains is read from its commits, never from a working tree that
might hold something else. Paths come back NUL-separated (``-z``), so Vietnamese names are
never octal-quoted; renames are reported as a deletion plus an addition (``--no-renames``),
so moving a file out of a unit's folder counts as touching that folder.
"""

from __future__ import annotations

import os
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

LFS_POINTER = b"version https://git-lfs.github.com/spec/"


class GitFailure(Exception):
    """A Git command failed; ``str()`` is a short Vietnamese explanation, ``detail`` Git's own words."""

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.detail = detail


@dataclass(frozen=True)
class Change:
    status: str  # A added, M modified, D deleted, T type changed (e.g. file → symbolic link)
    path: str


class Git:
    def __init__(self, root: Path | str):
        self.root = Path(root).resolve()
        top = self.run("rev-parse", "--show-toplevel", what="thư mục không phải kho Git").strip()
        self.root = Path(top)

    def run(self, *args: str, what: str = "", data: bytes | None = None, raw: bool = False):
        # literal pathspecs: a file named "a[1].pdf" is that file, not a pattern
        proc = subprocess.run(["git", "-C", str(self.root), "--literal-pathspecs", *args], input=data,
                              capture_output=True)
        if proc.returncode != 0:
            raise GitFailure(what or "lệnh git thất bại", proc.stderr.decode("utf-8", "replace").strip())
        return proc.stdout if raw else proc.stdout.decode("utf-8", "surrogateescape")

    def commit(self, rev: str) -> str:
        """The full id of ``rev`` (a commit id, branch or tag)."""
        if not rev or rev.startswith("-"):  # never let a value from an event become a git option
            raise GitFailure(f"'{rev}' không phải tên commit hợp lệ")
        return self.run("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}",
                         what=f"không tìm thấy commit '{rev}' (cần lấy đủ lịch sử: fetch-depth: 0)").strip()

    def merge_base(self, a: str, b: str) -> str:
        return self.run("merge-base", a, b, what="không tìm thấy điểm rẽ nhánh chung giữa hai commit").strip()

    def changes(self, a: str, b: str, *paths: str, three_dot: bool = False) -> list[Change]:
        """What differs from ``a`` to ``b`` (from their merge base with ``three_dot``)."""
        spec = f"{a}...{b}" if three_dot else a
        args = ["diff", "-z", "--name-status", "--no-renames", "--no-ext-diff", spec]
        if not three_dot:
            args.append(b)
        out = self.run(*args, "--", *paths, what="không so sánh được hai commit")
        parts = out.split("\0")
        return [Change(parts[i][0], parts[i + 1]) for i in range(0, len(parts) - 1, 2) if parts[i]]

    def tag_ref(self, name: str) -> str | None:
        """The object ``refs/tags/<name>`` names, not peeled (a tag object, or a commit for a plain tag)."""
        try:
            return self.run("rev-parse", "--verify", "--quiet", f"refs/tags/{name}").strip() or None
        except GitFailure:
            return None

    def exists(self, rev: str, path: str) -> bool:
        return bool(self.run("ls-tree", "--name-only", rev, "--", path).strip())

    def read(self, rev: str, path: str) -> bytes | None:
        try:
            return self.run("cat-file", "blob", f"{rev}:{path}", raw=True)
        except GitFailure:
            return None

    def blob_ids(self, files: list[Path]) -> list[str]:
        """Git blob ids of files on disk (as ``git hash-object`` computes them)."""
        if not files:
            return []
        data = "".join(f"{f}\n" for f in files).encode("utf-8", "surrogateescape")
        return self.run("hash-object", "--no-filters", "--stdin-paths", data=data).split()

    def tree_files(self, rev: str, path: str) -> dict[str, str]:
        """path → blob id of every file below ``path`` at ``rev``."""
        out = self.run("ls-tree", "-r", "-z", rev, "--", path)
        entries = {}
        for line in out.split("\0"):
            if line:
                meta, name = line.split("\t", 1)
                entries[name] = meta.split()[2]
        return entries

    def tree_modes(self, rev: str, paths: list[str]) -> list[tuple[str, str]]:
        """(mode, path) of every entry below ``paths`` at ``rev``, folders included: a link
        (120000) or a gitlink (160000) shows as what it is, which an export cannot show."""
        if not paths:
            return []
        out = self.run("ls-tree", "-r", "-t", "-z", "--full-tree", rev, "--", *paths,
                       what="không đọc được danh sách tệp của commit")
        records = []
        for line in out.split("\0"):
            if line:
                meta, name = line.split("\t", 1)
                records.append((meta.split(" ", 1)[0], name))
        return records

    def head_is(self, rev: str) -> bool:
        """True if the working tree is checked out at ``rev`` with no change to tracked files."""
        try:
            at = self.run("rev-parse", "HEAD").strip()
        except GitFailure:
            return False
        return at == rev and not self.run("status", "--porcelain", "--untracked-files=no").strip()

    def export(self, rev: str, paths: list[str] | None, dest: Path) -> None:
        """Write the files of ``rev`` under ``paths`` (None: everything) into ``dest``.

        ``git archive`` gives exactly the committed content; tarfile's 'tar' filter refuses
        members that would land outside ``dest`` while keeping symbolic links as links, so the
        validator sees (and reports) a link a dossier contains. LFS pointers are replaced by
        their content where Git LFS can provide it."""
        wanted = None if paths is None else [p for p in paths if self.exists(rev, p)]
        if wanted == []:
            return
        args = ["git", "-C", str(self.root), "--literal-pathspecs", "archive", "--format=tar", rev,
                *(["--", *wanted] if wanted else [])]
        try:
            with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as proc:
                with tarfile.open(fileobj=proc.stdout, mode="r|") as tar:  # streamed: never all in memory
                    tar.extractall(dest, filter="tar")
        except tarfile.TarError as exc:
            raise GitFailure("không đọc được nội dung commit") from exc
        if proc.returncode != 0:
            raise GitFailure("không đọc được nội dung commit")
        self._smudge(dest)

    def lfs_pull(self, folders: list[str]) -> None:
        """Fetch the Git LFS content of these folders only (a checkout made without LFS), so
        the cost follows what the pull request touched, not the size of the repository."""
        if folders:  # without Git LFS, or with nothing to fetch, the validator reports the pointers
            include = ",".join(f"{f}/**" for f in folders)
            subprocess.run(["git", "-C", str(self.root), "lfs", "pull", "--include", include], capture_output=True)

    def _smudge(self, dest: Path) -> None:
        for folder, _, names in os.walk(dest):
            for name in names:
                path = Path(folder, name)
                if path.is_symlink() or path.stat().st_size > 1024:
                    continue
                pointer = path.read_bytes()
                if not pointer.startswith(LFS_POINTER):
                    continue
                proc = subprocess.run(["git", "-C", str(self.root), "lfs", "smudge", "--", name],
                                      input=pointer, capture_output=True)
                if proc.returncode == 0 and proc.stdout and not proc.stdout.startswith(LFS_POINTER):
                    path.write_bytes(proc.stdout)  # else: the validator reports the missing content
