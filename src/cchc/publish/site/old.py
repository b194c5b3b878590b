"""The last build's files in the output folder, cleared while this build works.

mkdocs empties the output folder before it writes a page: a national site's 7,800 pages took
1.5 s. Here they are moved aside at once (one rename per top-level entry, in the same folder's
parent) and deleted by another process while the scores are worked out. What mkdocs keeps is
kept: entries whose name starts with a dot (a site published from its own Git repository).
An output folder that holds the data repository or the site's configuration (``--out .``) is
left to mkdocs, which refuses some of those: nothing is moved before it has had its say.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ... import parallel


class OldSite:
    """Clears ``site`` of the last build's files, in the background until ``wait()``; nothing
    when ``site`` is, or holds, one of the folders ``keep``."""

    def __init__(self, site: Path, keep: tuple[Path, ...] = ()) -> None:
        self._clearing: parallel.Background | None = None
        if not site.is_dir() or site.is_symlink() or any(_within(site, folder) for folder in keep):
            return
        try:
            entries = sorted(e for e in os.listdir(site) if not e.startswith("."))
            if not entries:
                return
            aside = Path(tempfile.mkdtemp(prefix=".cchc-trang-cu-", dir=site.parent))
        except OSError:
            return  # mkdocs clears the folder itself
        for name in entries:
            try:
                os.rename(site / name, aside / name)
            except OSError:
                break  # what is left there, mkdocs clears
        self._clearing = parallel.Background(lambda: shutil.rmtree(aside, ignore_errors=True))

    def wait(self) -> None:
        if self._clearing is not None:
            self._clearing.wait()
            self._clearing = None


def _within(site: Path, folder: Path) -> bool:
    """Whether ``folder`` is ``site`` or inside it."""
    site, folder = site.resolve(), folder.resolve()
    return folder == site or site in folder.parents
