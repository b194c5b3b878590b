"""The search index: Pagefind over what it reads of the searched pages.

Pagefind reads a copy of each searched page without what it would parse only to leave out
(searched.py). The pages are written by several processes at once, in no fixed order, so each
process appends the copies it makes to a journal of its own (one file per process: thousands
of small files would cost the disk more than the copies themselves). Before Pagefind starts,
the copies are laid out as files, in path order (``Copies.lay_out``).

Why the order matters: Pagefind numbers the pages in the order it finds them, which is the
order a folder lists them in, and the index depends on it. A folder on disk (ext4) lists its
files by a hash of their names, whatever order they were made in; a folder in memory (tmpfs,
/dev/shm) lists them in the order they were made. Made in path order, the copies give the
same index on every build, in memory or on disk. They go in memory when the machine has room
there: they live for a few seconds, and on disk each new file is an inode the filesystem has
to find among those the last build freed.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from .searched import searchable

__all__ = ["GLOB", "MEMORY", "Copies", "Pagefind", "folder_for", "searched"]

# What the search finds: the home page, the unit pages, the year and ranking pages, the method.
PATTERNS = ("index.html", "don-vi/*.html", "nam/*/*.html", "phuong-phap/*.html")
GLOB = "{" + ",".join(PATTERNS) + "}"  # as Pagefind is given them
_SEARCHED = re.compile("|".join(re.escape(p).replace(r"\*", "[^/]+") for p in PATTERNS))
MEMORY = Path("/dev/shm")
PREFIX = "cchc-tim-kiem-"
_SUFFIX = ".copies"
_NAME, _DATA = 4, 8  # a journal record: the name's length, the data's length (big-endian), name, data


def searched(dest: str) -> bool:
    """Whether the page written at ``dest`` (relative to the site) is searched."""
    return _SEARCHED.fullmatch(dest) is not None


def folder_for(size: int | None, fallback: Path) -> Path:
    """A new, empty folder for ``size`` bytes of copies: in memory if there is room for twice
    as much, else in ``fallback`` (there when ``size`` is None). Its name holds this process's
    id: what a build killed before it could remove its folder left in memory is removed here."""
    with contextlib.suppress(OSError):
        if size is not None and os.access(MEMORY, os.W_OK):
            _sweep()
            if shutil.disk_usage(MEMORY).free > 2 * size:
                return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=MEMORY))
    return Path(tempfile.mkdtemp(prefix=PREFIX, dir=fallback))


def _sweep() -> None:
    """Remove the folders in memory of builds whose process is gone."""
    for path in MEMORY.glob(PREFIX + "*"):
        pid = path.name[len(PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or no way to tell: kept
        return True
    return True


class Copies:
    """The searched copies of one build's pages: kept by any process (``keep``), laid out for
    Pagefind by the build's own process (``lay_out``). ``staging``: a folder of the build's own
    for the journals (and the copies, when memory has no room)."""

    def __init__(self, staging: Path) -> None:
        self.staging = staging
        self.folder: Path | None = None
        self._journals: dict[int, int] = {}  # process id → its journal's file descriptor

    def keep(self, dest: str, before: str, text: str, after: str) -> None:
        """Keep what Pagefind reads of the page written at ``dest`` (not searched: nothing)."""
        if not searched(dest):
            return
        name = dest.encode("utf-8")
        data = searchable(before + text + after).encode("utf-8", errors="xmlcharrefreplace")
        record = len(name).to_bytes(_NAME, "big") + len(data).to_bytes(_DATA, "big") + name + data
        view = memoryview(record)
        journal = self._journal()
        while view:
            view = view[os.write(journal, view) :]

    def _journal(self) -> int:
        """This process's journal (a forked worker opens its own: records never interleave)."""
        pid = os.getpid()
        if pid not in self._journals:
            path = self.staging / f"{pid}-{secrets.token_hex(4)}{_SUFFIX}"
            self._journals[pid] = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o600)
        return self._journals[pid]

    def kept(self) -> dict[str, bytes]:
        """Every copy the journals hold (a record cut short, by a worker that died, is left out:
        its pages were written again by another process)."""
        self._close()
        out: dict[str, bytes] = {}
        for path in sorted(self.staging.glob("*" + _SUFFIX)):
            out.update(_records(path.read_bytes()))
        return out

    def lay_out(self, others: Iterable[tuple[str, Path]] = ()) -> Path:
        """The folder Pagefind reads: the copies kept and ``others`` (a page's place in the
        site, its file: searched pages nobody kept a copy of), made in path order."""
        self.remove()  # laid out before (a search begun early, then stopped): made anew
        pages: dict[str, bytes | Path] = dict(self.kept())
        for dest, path in others:
            pages.setdefault(dest, path)
        size = sum(v.stat().st_size if isinstance(v, Path) else len(v) for v in pages.values())
        self.folder = folder_for(size, self.staging)
        try:
            _write(self.folder, pages)
        except OSError:
            if self.folder.parent != MEMORY:
                raise
            self.remove()  # memory filled up meanwhile: on disk
            self.folder = folder_for(None, self.staging)
            _write(self.folder, pages)
        return self.folder

    def remove(self) -> None:
        """Remove the laid-out copies (the journals go with the build's staging folder)."""
        self._close()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def _close(self) -> None:
        pid = os.getpid()
        fd = self._journals.pop(pid, None)
        if fd is not None:
            os.close(fd)


def _records(raw: bytes) -> Iterable[tuple[str, bytes]]:
    at = 0
    while at + _NAME + _DATA <= len(raw):
        name_size = int.from_bytes(raw[at : at + _NAME], "big")
        data_size = int.from_bytes(raw[at + _NAME : at + _NAME + _DATA], "big")
        start = at + _NAME + _DATA
        end = start + name_size + data_size
        if end > len(raw):
            return
        yield raw[start : start + name_size].decode("utf-8"), raw[start + name_size : end]
        at = end


def _write(folder: Path, pages: dict[str, bytes | Path]) -> None:
    for dest in sorted(pages):
        target = folder / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        value = pages[dest]
        if isinstance(value, Path):
            shutil.copyfile(value, target)
        else:
            target.write_bytes(value)


def site_pages(site_dir: Path) -> list[tuple[str, Path]]:
    """The searched pages written in the site (their place in it, their file)."""
    return [(p.relative_to(site_dir).as_posix(), p) for pattern in PATTERNS for p in site_dir.glob(pattern)]


class Pagefind:
    """Pagefind running on ``site``, its index written in ``site_dir``/pagefind; what it
    prints goes to a file (a pipe nobody reads yet could fill up and stop it)."""

    def __init__(self, site: Path, site_dir: Path) -> None:
        self.started = time.perf_counter()
        self._out = tempfile.TemporaryFile()  # noqa: SIM115 (read and closed by wait)
        command = [sys.executable, "-m", "pagefind", "--site", str(site), "--glob", GLOB]
        self._proc = subprocess.Popen(
            [*command, "--force-language", "vi", "--output-path", str(site_dir / "pagefind")],
            stdout=self._out,
            stderr=subprocess.STDOUT,
        )

    def wait(self) -> tuple[int, str]:
        """Its return code and the end of what it printed."""
        code = self._proc.wait()
        self._out.seek(0)
        printed = self._out.read()[-2000:].decode("utf-8", errors="replace")
        self._out.close()
        return code, printed

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self._proc.kill()
        self.wait()
