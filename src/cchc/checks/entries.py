"""What a dossier folder holds: regular files and folders only, and no two look-alike names.

Every symbolic link, gitlink (a submodule) or other non-regular entry in a dossier is an
error by its own path, cited or not, dot-named or not: the validator never reads through
one, and what it stands for is not what the council would receive.

Two names in one folder of a dossier that are equal once Unicode-normalised and
case-folded (``Quyết định.pdf`` in NFD as macOS writes it and in NFC as Windows does;
``Ke-hoach.pdf`` and ``ke-hoach.pdf``; ``Evidence/`` and ``evidence/``) are an error: a
person cannot tell them apart, a case-insensitive disk keeps only one of them, and a new
twin of a received document would silently take over its references. Twin folders are
reported once, not again for each pair of files inside them.

The entries come from ``repo.listing``: the disk, or a Git tree for a pull request (load sets it).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from .. import codes
from ..evidence.paths import shown
from ..findings import Finding
from ..model import repository as L
from ..model.repository import Dossier
from .memo import Run


def entries(run: Run, folder: str) -> list[L.Entry]:
    """The entries of one dossier folder (none known for a repository built without ``load``)."""
    listing = run.repo.listing
    return listing.entries(folder) if listing is not None else []


def check(run: Run, dossier: Dossier) -> list[Finding]:
    listed = entries(run, dossier.folder)
    return [f for e in listed if (f := not_a_file(e)) is not None] + _twins(listed)


def symlink(rel: str) -> Finding:
    return codes.PATH_SYMLINK.at(rel)


def not_a_file(entry: L.Entry) -> Finding | None:
    if entry.kind == L.LINK:
        return symlink(shown(entry.path))
    if entry.kind == L.GITLINK:
        return codes.DOSSIER_ENTRY_NOT_FILE.at(shown(entry.path))
    if entry.kind == L.SPECIAL:
        return codes.DOSSIER_ENTRY_SPECIAL.at(shown(entry.path))
    return None


def look_alike(name: str) -> str:
    """What a person sees in a name: Unicode normal form, letter case and compatibility
    variants (full-width letters, ligatures) do not count."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())


def _difference(names: list[str]) -> str:
    if len({unicodedata.normalize("NFC", n) for n in names}) == 1:
        return "chỉ khác nhau ở cách mã hoá chữ có dấu (Unicode NFC/NFD: một tên soạn trên macOS, một tên trên Windows)"
    if len({unicodedata.normalize("NFC", n).casefold() for n in names}) == 1:
        return "chỉ khác nhau ở chữ hoa, chữ thường"
    return "trông như nhau (chỉ khác nhau ở dạng ký tự Unicode)"


def _twins(listed: list[L.Entry]) -> list[Finding]:
    """One finding per group of look-alike names in one folder."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for e in listed:
        parent, _, name = e.path.rpartition("/")
        groups[(parent, look_alike(name))].append(e.path)
    out = []
    for members in groups.values():
        first, *others = sorted(members)
        if not others:
            continue
        names = [m.rpartition("/")[2] for m in members]
        out.append(
            codes.DOSSIER_NAME_TWIN.at(
                shown(first),
                count=len(members),
                difference=_difference(names),
                names=", ".join(f"'{shown(m)}'" for m in [first, *others]),
            )
        )
    return out
