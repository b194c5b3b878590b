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

from ..evidence.paths import shown
from ..findings import Finding, error
from ..model import repository as L
from ..model.repository import Dossier, Repository


def entries(repo: Repository, folder: str) -> list[L.Entry]:
    """The entries of one dossier folder (none known for a repository built without ``load``)."""
    return repo.listing.entries(folder) if repo.listing is not None else []


def check(repo: Repository, dossier: Dossier) -> list[Finding]:
    listed = entries(repo, dossier.folder)
    return [f for e in listed if (f := not_a_file(e)) is not None] + _twins(listed)


def symlink(rel: str) -> Finding:
    return error("path-symlink", rel, f"'{rel}' là liên kết tượng trưng (symlink), không phải tệp thật; "
                 "hệ thống không đọc tệp qua liên kết.",
                 "Thay liên kết bằng chính tệp (sao chép tệp vào đúng chỗ), hoặc xoá liên kết.")


def not_a_file(entry: L.Entry) -> Finding | None:
    rel = shown(entry.path)
    if entry.kind == L.LINK:
        return symlink(rel)
    if entry.kind == L.GITLINK:
        return error("dossier-entry-not-file", rel,
                     f"'{rel}' là liên kết tới một kho Git khác (submodule), không phải thư mục hay tệp của hồ sơ: "
                     "nội dung của nó không được nộp cùng hồ sơ.",
                     f"Xoá liên kết này (git rm --cached \"{rel}\") và sao chép chính các tệp PDF vào thư mục "
                     "evidence/ của đơn vị.")
    if entry.kind == L.SPECIAL:
        return error("dossier-entry-not-file", rel,
                     f"'{rel}' là một tệp đặc biệt (FIFO, socket hoặc thiết bị), không phải tệp dữ liệu; hệ thống "
                     "không đọc mục này.",
                     "Xoá mục này khỏi thư mục hồ sơ; tài liệu kiểm chứng phải là tệp PDF thông thường.")
    return None


def look_alike(name: str) -> str:
    """What a person sees in a name: Unicode normal form, letter case and compatibility
    variants (full-width letters, ligatures) do not count."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())


def _difference(names: list[str]) -> str:
    if len({unicodedata.normalize("NFC", n) for n in names}) == 1:
        return ("chỉ khác nhau ở cách mã hoá chữ có dấu (Unicode NFC/NFD: một tên soạn trên macOS, "
                "một tên trên Windows)")
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
        out.append(error("dossier-name-twin", shown(first),
                         f"Trong hồ sơ có {len(members)} tên {_difference(names)}: "
                         + ", ".join(f"'{shown(m)}'" for m in [first, *others])
                         + ". Người xem không phân biệt được, máy Windows/macOS chỉ giữ được một, và không rõ tệp "
                         "nào là tài liệu đã nộp.",
                         "Giữ lại một tên, xoá hoặc đổi hẳn tên các mục còn lại. Tài liệu Hội đồng đã tiếp nhận "
                         "không được thay bằng tệp khác; tài liệu bổ sung phải mang tên mới (ví dụ thêm '-bo-sung')."))
    return out
