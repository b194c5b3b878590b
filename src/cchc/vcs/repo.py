"""A Git repository read through its objects: commits, trees, blobs, tags, and what differs.

Everything a pull request contains is read from its commits, never from a working tree that
might hold something else. GitPython's object API reads commits, trees, blobs and tags (one
long-lived ``git cat-file`` process answers them all: 0.1–0.3 ms a lookup against 2–4 ms for a
``git`` process each). What GitPython has no equivalent or no fast equivalent for runs as a
command through ``command`` (each place says why). Renames are reported as a deletion plus an
addition (``--no-renames``), so moving a file out of a unit's folder counts as touching that
folder. A revision given by anyone (an event, an option) never becomes a Git option: one
starting with '-' is refused.
"""

from __future__ import annotations

import os
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import git
from git.exc import GitCommandError, InvalidGitRepositoryError, NoSuchPathError, ODBError
from git.objects.base import IndexObject
from git.objects.tree import Tree
from gitdb.util import hex_to_bin

from . import command, worktree
from .errors import GitError

LFS_POINTER = b"version https://git-lfs.github.com/spec/"
# What GitPython raises when a name or an object is not there (or is not what was asked).
_NOT_FOUND = (ValueError, IndexError, KeyError, NotImplementedError, ODBError, GitCommandError)


@dataclass(frozen=True)
class Change:
    status: str  # A added, M modified, D deleted, T type changed (e.g. file → symbolic link)
    path: str


def check_rev(rev: str) -> str:
    """``rev`` itself, unless it is empty or could be read as an option."""
    if not rev or rev.startswith("-"):  # never let a value from an event become a git option
        raise GitError(f"'{rev}' không phải tên commit hợp lệ")
    return rev


def _plain(name: str) -> str:
    """``name`` (a remote, a setting) itself, unless it could be read as an option."""
    if not name or name.startswith("-"):
        raise GitError(f"'{name}' không phải tên hợp lệ cho Git")
    return name


def _missing(rev: str) -> str:
    return f"không tìm thấy commit '{rev}' (cần lấy đủ lịch sử: fetch-depth: 0)"


class Git:
    """The repository whose work tree holds ``root`` (its top folder becomes ``root``)."""

    def __init__(self, root: Path | str) -> None:
        try:
            self._repo = git.Repo(root, search_parent_directories=True)
        except (InvalidGitRepositoryError, NoSuchPathError) as exc:
            raise GitError(f"thư mục '{root}' không phải kho Git", str(exc)) from exc
        if self._repo.working_tree_dir is None:
            raise GitError(f"thư mục '{root}' là kho Git không có thư mục làm việc")
        self.root = Path(self._repo.working_tree_dir).resolve()
        self._cmd = self._repo.git

    def close(self) -> None:
        """Stop GitPython's long-lived ``git cat-file`` processes."""
        self._repo.close()

    def __enter__(self) -> Git:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    # -- commits

    def commit(self, rev: str) -> str:
        """The full id of ``rev`` (a commit id, branch or tag)."""
        try:
            found = self._repo.commit(check_rev(rev))
            self._repo.odb.info(found.binsha)  # GitPython takes the all-zero id on trust
            return found.hexsha
        except _NOT_FOUND as exc:
            raise GitError(_missing(rev), str(exc)) from exc

    def has_commit(self, rev: str) -> bool:
        try:
            self.commit(rev)
        except GitError:
            return False
        return True

    def merge_base(self, a: str, b: str) -> str:
        what = "không tìm thấy điểm rẽ nhánh chung giữa hai commit"
        try:
            found = self._repo.merge_base(check_rev(a), check_rev(b))
        except _NOT_FOUND as exc:
            raise GitError(what, str(exc)) from exc
        if not found:
            raise GitError(what)
        return found[0].hexsha

    def changes(self, a: str, b: str, *paths: str, three_dot: bool = False) -> list[Change]:
        """What differs from ``a`` to ``b`` (from their merge base with ``three_dot``).

        A command: GitPython's ``diff`` runs this same ``git diff`` and parses every line into
        objects; it has no ``base...head`` form. ``git diff -z --name-status`` takes 2.5 ms."""
        spec = [f"{check_rev(a)}...{check_rev(b)}"] if three_dot else [check_rev(a), check_rev(b)]
        args = ["diff", "-z", "--name-status", "--no-renames", "--no-ext-diff", *spec, "--", *paths]
        out = command.check(self._cmd, *args, what="không so sánh được hai commit")
        parts = command.text(out).split("\0")
        return [Change(parts[i][0], parts[i + 1]) for i in range(0, len(parts) - 1, 2) if parts[i]]

    def head_is(self, rev: str, paths: list[str] | None = None) -> bool:
        """True if the working tree is checked out at ``rev``: HEAD is ``rev``, the index is its
        tree, and no tracked file differs on disk from it — below ``paths`` only, when given (what
        the caller reads from the disk: ``git diff-files`` then looks at those files, not at every
        file of the work tree)."""
        try:
            at = self._repo.head.commit.hexsha
        except _NOT_FOUND:  # no commit yet
            return False
        if at != rev:
            return False
        if paths is None:  # the whole work tree: the look shared with the rest of a worktree.snapshot
            return worktree.staged(self.root, ".") == [] and worktree.modified(self.root, ".") == []
        if self._names("không so sánh được chỉ mục với HEAD", "diff", "--cached", "--name-only", "-z", "HEAD"):
            return False
        what = "không so sánh được thư mục làm việc với chỉ mục"
        return not paths or not self._names(what, "diff-files", "--name-only", "-z", "--", *paths)

    # -- trees and blobs

    def _entry(self, rev: str, path: str) -> IndexObject | None:
        """The tree entry at ``path`` in ``rev`` (None: no such path); GitError: no such commit."""
        try:
            tree = self._repo.commit(check_rev(rev)).tree
        except _NOT_FOUND as exc:
            raise GitError(_missing(rev), str(exc)) from exc
        name = path.strip("/")
        if not name:
            return tree
        try:
            return tree / name
        except KeyError:
            return None

    def exists(self, rev: str, path: str) -> bool:
        return self._entry(rev, path) is not None

    def existing(self, rev: str, paths: list[str]) -> list[str]:
        """Those of ``paths`` (files or folders) that ``rev`` has, in the order given.

        A command: GitPython finds a path by reading every tree on the way (a year's folder of
        3,300 dossiers is one tree of 3,300 entries), ``git ls-tree`` answers for all paths at once."""
        names = [p.strip("/") for p in paths]
        asked = [n for n in names if n]  # '' is the whole tree: always there
        if any(n.rsplit("/", i)[0] in asked for n in asked for i in range(1, n.count("/") + 1)):
            return [p for p in paths if self.exists(rev, p)]  # ls-tree shows a folder's file, not the folder
        args = ["ls-tree", "-z", "--full-tree", "--name-only", check_rev(rev), "--", *asked]
        found = set(command.text(command.check(self._cmd, *args, what=_missing(rev))).split("\0")) if asked else set()
        return [p for p, n in zip(paths, names, strict=True) if not n or n in found]

    def read(self, rev: str, path: str) -> bytes | None:
        """The content of the file ``path`` at ``rev``; None if it is not a file there."""
        try:
            entry = self._entry(rev, path)
        except GitError:
            return None
        if entry is None or entry.type != "blob":
            return None
        return bytes(entry.data_stream.read())

    def tree_files(self, rev: str, path: str) -> dict[str, str]:
        """path → object id of every file below ``path`` at ``rev`` (a link's blob, a gitlink's commit)."""
        entry = self._entry(rev, path)
        if entry is None:
            return {}
        if not isinstance(entry, Tree):
            return {os.fspath(entry.path): entry.hexsha}
        return {os.fspath(item.path): item.hexsha for item in _files(entry)}

    def tree_modes(self, rev: str, paths: list[str]) -> list[tuple[str, str]]:
        """(mode, path) of every entry below ``paths`` at ``rev``, folders included: a link
        (120000) or a gitlink (160000) shows as what it is, which an export cannot show.

        A command: walking a province's submissions/ (15,000 entries) with GitPython's tree
        objects took 220 ms, ``git ls-tree -r -t`` 16 ms."""
        if not paths:
            return []
        args = ["ls-tree", "-r", "-t", "-z", "--full-tree", check_rev(rev), "--", *paths]
        out = command.check(self._cmd, *args, what="không đọc được danh sách tệp của commit")
        records = []
        for line in command.text(out).split("\0"):
            if line:
                meta, name = line.split("\t", 1)
                records.append((meta.split(" ", 1)[0], name))
        return records

    def export(self, rev: str, paths: list[str] | None, dest: Path) -> None:
        """Write the files of ``rev`` under ``paths`` (None: everything) into ``dest``.

        ``git archive`` gives exactly the committed content, streamed (never all in memory);
        tarfile's 'tar' filter refuses members that would land outside ``dest`` while keeping
        symbolic links as links, so the validator sees (and reports) a link a dossier contains.
        LFS pointers are replaced by their content where Git LFS can provide it. A command:
        GitPython's ``archive`` only copies the archive into a stream it is given."""
        if paths is not None and self._copy(rev, paths, dest):
            return
        wanted = None if paths is None else self.existing(rev, paths)
        if wanted == []:
            return
        process = command.start(
            self._cmd, "archive", "--format=tar", check_rev(rev), *(["--", *wanted] if wanted else [])
        )
        proc = process.proc
        if proc is None or proc.stdout is None:
            raise GitError("không đọc được nội dung commit")
        stdout = proc.stdout
        try:
            with tarfile.open(fileobj=stdout, mode="r|") as tar:
                tar.extractall(dest, filter="tar")
            while stdout.read(1 << 16):  # the end-of-archive padding
                pass
            process.wait()
        except (tarfile.TarError, GitCommandError) as exc:
            proc.kill()
            raise GitError("không đọc được nội dung commit", str(exc)) from exc
        self._smudge(dest)

    def _copy(self, rev: str, paths: list[str], dest: Path) -> bool:
        """What ``export`` writes for ``paths``, when they hold regular files only and no Git
        attribute applies to them, each read as its blob: a few files of a large commit (the
        shared files and one dossier of 3,300) without ``git archive``, which spends 80 ms there
        on reading the whole commit's tree for its attributes, whatever it exports. False
        (nothing written) for anything else — a link, a gitlink, a name that would land outside
        ``dest``, a ``.gitattributes`` of the commit above or among the paths, or attributes from
        the repository's or the machine's own files, any of which may change what the archive
        writes (line endings, filters, encodings): the archive then writes it. Commands: ``git
        ls-tree -r`` names every file below the paths at once, ``git check-attr`` reads the
        attributes that come from outside the commit."""
        files = self._plain_files(rev, [p.strip("/") for p in paths])
        if files is None or (files and self._attributed([name for name, _, _ in files])):
            return False
        for name, oid, bits in files:
            target = dest.joinpath(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                data = self._repo.odb.stream(hex_to_bin(oid)).read()
            except _NOT_FOUND as exc:
                raise GitError("không đọc được nội dung commit", str(exc)) from exc
            target.write_bytes(data)
            target.chmod(bits)
        self._smudge(dest)
        return True

    def _plain_files(self, rev: str, names: list[str]) -> list[tuple[str, str, int]] | None:
        """(path, blob id, mode bits) of every file below ``names`` at ``rev``; None when one is not
        a regular file, has a name that could land outside a folder, or a ``.gitattributes``
        stands among them or in a folder above one."""
        if not all(names):
            return None
        above = {"/".join([*n.split("/")[:i], ".gitattributes"]) for n in names for i in range(n.count("/") + 1)}
        args = ["ls-tree", "-r", "-z", "--full-tree", check_rev(rev), "--", *names, *sorted(above)]
        files = []
        for record in command.check(self._cmd, *args, what=_missing(rev)).split(b"\0"):
            if not record:
                continue
            meta, _, raw = record.partition(b"\t")
            mode, kind, oid = meta.decode("ascii", "replace").split(" ")
            name = os.fsdecode(raw)
            parts = name.split("/")
            if mode not in _FILE_MODES or kind != "blob" or parts[-1] == ".gitattributes":
                return None
            if any(p in ("", ".", "..") for p in parts):
                return None
            files.append((name, oid, _FILE_MODES[mode]))
        return files

    def _attributed(self, names: list[str]) -> bool:
        """True when an attribute from outside any commit ($GIT_DIR/info/attributes, the user's or
        the system's attributes file) applies to one of ``names``, or Git cannot tell: asked of
        ``git check-attr`` with an empty index, so that no ``.gitattributes`` of a checkout counts."""
        with tempfile.TemporaryDirectory(prefix="cchc-attr-") as empty:
            asked = Path(empty, "names")
            asked.write_bytes(b"".join(os.fsencode(n) + b"\0" for n in names))
            index = {"GIT_INDEX_FILE": os.path.join(empty, "index")}  # no such file: an empty index
            with open(asked, "rb") as stdin:
                args = ("check-attr", "-a", "-z", "--cached", "--stdin")
                done = command.run(self._cmd, *args, stdin=stdin, env=index)
        return not done.ok or bool(done.out)

    # -- Git LFS: an extension GitPython does not know, so its commands run as they are

    def lfs_pull(self, folders: list[str]) -> None:
        """Fetch the Git LFS content of these folders only (a checkout made without LFS), so
        the cost follows what the pull request touched, not the size of the repository."""
        # Without Git LFS, or with nothing to fetch, the validator reports the pointers. Folders that
        # hold no pointer have nothing to fetch: `git lfs pull` would still scan the whole repository.
        if folders and any(self._pointer(path) for f in folders for path in _walk(self.root / f)):
            command.run(self._cmd, "lfs", "pull", "--include", ",".join(f"{f}/**" for f in folders))

    @staticmethod
    def _pointer(path: Path) -> bool:
        """True for a small file that starts as a Git LFS pointer (what ``_smudge`` replaces)."""
        try:
            if path.is_symlink() or path.stat().st_size > 1024:
                return False
            with open(path, "rb") as fh:
                return fh.read(len(LFS_POINTER)).startswith(LFS_POINTER)
        except OSError:
            return False

    def _smudge(self, dest: Path) -> None:
        for folder, _, names in os.walk(dest):
            for name in names:
                path = Path(folder, name)
                if path.is_symlink() or path.stat().st_size > 1024:
                    continue
                with open(path, "rb") as pointer:
                    if not pointer.read(len(LFS_POINTER)).startswith(LFS_POINTER):
                        continue
                    pointer.seek(0)
                    done = command.run(self._cmd, "lfs", "smudge", "--", name, stdin=pointer)
                if done.ok and done.out and not done.out.startswith(LFS_POINTER):
                    path.write_bytes(done.out)  # else: the validator reports the missing content

    # -- tags

    def tag_ref(self, name: str) -> str | None:
        """The object ``refs/tags/<name>`` names, not peeled (a tag object, or a commit for a plain tag)."""
        try:
            return git.TagReference(self._repo, f"refs/tags/{name}").object.hexsha
        except _NOT_FOUND:  # no such tag, or a name Git would refuse
            return None

    def object_info(self, oid: str) -> tuple[str, int]:
        """The type ('commit', 'tag', …) and size in bytes of the object ``oid``."""
        try:
            info = self._repo.odb.info(hex_to_bin(oid))
        except _NOT_FOUND as exc:
            raise GitError(f"không tìm thấy đối tượng Git '{oid}'", str(exc)) from exc
        return info.type.decode("ascii"), int(info.size)

    def object_bytes(self, oid: str) -> bytes:
        """The raw content of the object ``oid`` (for a tag: its headers, message and signature)."""
        try:
            return bytes(self._repo.odb.stream(hex_to_bin(oid)).read())
        except _NOT_FOUND as exc:
            raise GitError(f"không tìm thấy đối tượng Git '{oid}'", str(exc)) from exc

    def sign_tag(self, name: str, rev: str, message: str, key: Path) -> None:
        """An annotated tag signed with an SSH key, replacing any tag of that name.

        A command: GitPython's ``create_tag`` runs ``git tag`` too but cannot pass this call's
        settings (the SSH signing format and key, the tagger)."""
        settings = ("user.name=cchc", "user.email=cchc@localhost", "gpg.format=ssh", f"user.signingkey={key.resolve()}")
        args = ["tag", "-s", "-f", "-m", message, name, check_rev(rev)]
        command.check(self._cmd, *args, config=settings, what=f"không ký được thẻ {name} bằng khoá '{key}'")

    def verify_tag(self, oid: str, signers: Path) -> None:
        """GitError unless the tag ``oid`` carries a good SSH signature by a key ``signers`` lists
        (an OpenSSH allowed-signers file). A command: GitPython cannot check signatures."""
        settings = ("gpg.format=ssh", f"gpg.ssh.allowedSignersFile={signers}")
        command.check(self._cmd, "verify-tag", check_rev(oid), config=settings, what="chữ ký của thẻ không hợp lệ")

    def delete_tag(self, name: str) -> None:
        try:
            self._repo.delete_tag(git.TagReference(self._repo, f"refs/tags/{name}"))
        except _NOT_FOUND as exc:
            raise GitError(f"không xoá được thẻ {name}", str(exc)) from exc

    def push(self, remote: str, *refspecs: str, force: bool = False) -> None:
        """Push ``refspecs`` to ``remote`` (a name or a URL). A command: GitPython's ``push``
        reports a refused ref as a flag instead of failing, and needs a configured remote."""
        args = ["push", *(["--force"] if force else []), _plain(remote), *refspecs]
        command.check(self._cmd, *args, what=f"không đẩy được lên '{remote}'")

    def setting(self, key: str) -> str:
        """The value Git reads for the setting ``key`` ('' when unset). A command: GitPython's
        config reader does not follow Git's environment (GIT_CONFIG_GLOBAL, GIT_CONFIG_NOSYSTEM)."""
        done = command.run(self._cmd, "config", "--get", _plain(key))
        return command.text(done.out).strip() if done.ok else ""

    # -- the working tree

    def worktree_changes(self, base: str) -> list[str]:
        """Paths that differ between ``base`` and the working tree (commits on top of it,
        uncommitted edits and new untracked files). Judged by content, not by dates.

        What ``git diff <fork point>`` against the work tree and ``git ls-files --others`` print,
        with one walk of the work tree: the paths that may differ are what the commits changed
        (commit to commit: no file is read), what is staged, and what differs on disk from the
        index (``worktree.modified``, shared with the rest of a ``worktree.snapshot``); the diff
        against the work tree is then asked about those paths only."""
        fork = self.merge_base(self.commit(base), self.commit("HEAD"))
        what = f"không so sánh được với '{base}'"
        on_disk, new = worktree.modified(self.root, "."), worktree.untracked(self.root, ".")
        staged = worktree.staged(self.root, ".")
        if on_disk is None or new is None or staged is None:
            raise GitError(what)
        committed = self._names(what, "diff", "-z", "--name-only", "--no-renames", fork, "HEAD")
        maybe = sorted({*committed, *staged, *on_disk})
        if not maybe:
            edited: list[str] = []
        elif len(maybe) > _FEW_PATHS:  # a command line has its limits: ask about the whole tree
            edited = self._names(what, "diff", "-z", "--name-only", "--no-renames", fork)
        else:
            edited = self._names(what, "diff", "-z", "--name-only", "--no-renames", fork, "--", *maybe)
        return sorted({*edited, *new})

    def _names(self, what: str, *args: str) -> list[str]:
        """The NUL-separated paths a command prints."""
        return [p for p in command.text(command.check(self._cmd, *args, what=what)).split("\0") if p]


_FEW_PATHS = 1000  # candidate paths named on one command line
_FILE_MODES = {"100644": 0o644, "100755": 0o755}  # as git archive writes them


def _walk(folder: Path) -> Iterator[Path]:
    """The files below ``folder`` on disk (links not followed)."""
    for top, _, names in os.walk(folder):
        for name in names:
            yield Path(top, name)


def _files(tree: Tree) -> Iterator[IndexObject]:
    """Every entry below ``tree`` that is not a folder (a loop: no recursion limit to reach)."""
    todo = [tree]
    while todo:
        for item in todo.pop():
            if isinstance(item, Tree):
                todo.append(item)
            else:
                yield item
