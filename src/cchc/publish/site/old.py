"""The last build's files in the output folder: aside while this build works, then deleted or
put back.

mkdocs empties the output folder before it writes a page: a national site's 7,800 pages took
1.5 s. Here they are moved aside at once (one rename per top-level entry, into a folder beside
the output folder) and kept there while the new site is made, since the dossiers are still
being checked meanwhile: if the checks find an error, or the site cannot be made, the new
files are removed and the old ones put back (``restore``); otherwise another process deletes
them while the search index is made (``release``). What mkdocs keeps is kept: entries whose
name starts with a dot (a site published from its own Git repository).

An output folder that holds the data repository or the site's configuration (``--out .``) is
left to mkdocs, which refuses some of those: nothing is moved or removed there, and the build
writes nothing in it before the checks have passed (``safe`` is False).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from ... import parallel


class OldSite:
    """The last build's files in ``site``, moved aside until ``release()`` or ``restore()``."""

    def __init__(self, site: Path, keep: tuple[Path, ...] = ()) -> None:
        self.site = site
        self._existed = site.is_dir()
        self._aside: Path | None = None
        self._clearing: parallel.Background | None = None
        self._released = False
        # Whether what this build writes in ``site`` may be removed again (restore).
        self.safe = not site.is_symlink() and not any(holds(site, folder) for folder in keep)
        if self.safe and self._existed:
            self._move_aside()

    def _move_aside(self) -> None:
        try:
            entries = sorted(e for e in os.listdir(self.site) if not e.startswith("."))
            if not entries:
                return
            self._aside = Path(tempfile.mkdtemp(prefix=".cchc-trang-cu-", dir=self.site.parent))
        except OSError:
            self.safe = False  # mkdocs clears the folder itself
            return
        for name in entries:
            try:
                os.rename(self.site / name, self._aside / name)
            except OSError:
                self.safe = False  # what is left there, mkdocs clears
                break

    def release(self) -> None:
        """The old files deleted, by another process until ``wait()``."""
        aside, self._aside = self._aside, None
        self._released = True
        if aside is not None:
            self._clearing = parallel.Background(lambda: shutil.rmtree(aside, ignore_errors=True))

    def restore(self) -> None:
        """Put the old files back (after a build that must not publish): this build's files
        go first, where they may (``safe``). Nothing once the old files are released: this
        build's stay as they are."""
        if self._released:
            return
        if self.safe:
            self._remove_new()
        aside, self._aside = self._aside, None
        if aside is None:
            return
        for name in sorted(os.listdir(aside)):
            with contextlib.suppress(OSError):
                os.rename(aside / name, self.site / name)
        shutil.rmtree(aside, ignore_errors=True)

    def _remove_new(self) -> None:
        if not self._existed:  # made by this build
            shutil.rmtree(self.site, ignore_errors=True)
            return
        with contextlib.suppress(OSError):
            for name in os.listdir(self.site):
                path = self.site / name
                if name.startswith("."):
                    continue
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)

    def wait(self) -> None:
        if self._clearing is not None:
            self._clearing.wait()
            self._clearing = None


def holds(site: Path, folder: Path) -> bool:
    """Whether ``folder`` is ``site`` or inside it."""
    site, folder = site.resolve(), folder.resolve()
    return folder == site or site in folder.parents
