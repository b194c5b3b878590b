"""Receipts: what each unit had submitted when entry closed, recorded as signed Git tags.

When a unit's self-assessment deadline passes, the scheduled close job (``close``) tags the
commit the unit had submitted at that moment: ``nop/<year>/<unit>`` ("nộp", received), or
``chua-nop/<year>/<unit>`` on the main branch when nothing was submitted. Tags are durable
and need no server of ours. After the lock, a pull request's scores and evidence must equal
the receipt's; with no receipt yet, they must equal the base (the pull request changes none).

Anyone who may push a tag could write a tag with such a name, so a tag is a receipt only
when it can be verified (``verify``):
- it is an annotated tag whose object names itself (``tag nop/2025/so-a``): a receipt cannot
  be moved under another unit's or another year's name;
- it is signed with an SSH key (``git tag -s`` with ``gpg.format=ssh``) that the signers file
  ``.cchc/receipt-signers`` (OpenSSH ``allowed_signers`` format) lists, read from the commit
  the caller trusts: the pull request's **base** for ``check-pr`` (the file is outside
  ``submissions/``, so only administrators change it, and a pull request that adds its own
  key there is judged by the base's list), the main branch for the close job;
- its message records the commit (``Phiên bản: <sha>``), which must be the tag's object, and
  the deadline it was made for (``Hạn tự đánh giá: <ISO 8601>``).
A tag that fails any of these is never used as a receipt, and never silently ignored: the
check reports it (``receipt-unverified``) and judges as if there were no receipt; the close
job replaces it with a signed one. A verified receipt made for another deadline (an extension
moved it) is genuine but not the current one: it is simply not used.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..clock import parse_time
from ..findings import Finding, error
from ..vcs import GitError
from . import notices
from . import paths as P

if TYPE_CHECKING:
    from ..vcs import Git

RECEIVED, MISSING = "nop", "chua-nop"
KINDS = (RECEIVED, MISSING)
SIGNERS = ".cchc/receipt-signers"
ARMOR = "-----BEGIN SSH SIGNATURE-----"
MAX_TAG = 64 * 1024  # a receipt is a few lines; anything larger is not one of ours
_HEADER = re.compile(r"^(object|type|tag|tagger) (.*)$")


class Unverified(Exception):
    """A tag that is not a receipt; ``str()`` says why, in Vietnamese."""


@dataclass(frozen=True)
class Receipt:
    name: str
    kind: str  # RECEIVED or MISSING
    commit: str
    deadline: datetime


@dataclass
class Found:
    """The receipt tags of one dossier: the verified ones, and those that failed, with why."""

    receipts: list[Receipt] = field(default_factory=list)
    unverified: list[tuple[str, str]] = field(default_factory=list)

    def current(self, deadline: datetime) -> list[Receipt]:
        """The receipts made for ``deadline``: their existence proves that deadline has passed."""
        return [r for r in self.receipts if r.deadline == deadline]

    def received(self, deadline: datetime) -> Receipt | None:
        return next((r for r in self.current(deadline) if r.kind == RECEIVED), None)


def tag_name(kind: str, year: int, unit: str) -> str:
    return f"{kind}/{year}/{unit}"


def find(git: Git, year: int, unit: str, trusted: str) -> Found:
    """Both receipt tags of a dossier, each verified against the signers file of ``trusted``."""
    found = Found()
    names = [tag_name(kind, year, unit) for kind in KINDS]
    names = [n for n in names if git.tag_ref(n)]
    if not names:
        return found
    with tempfile.TemporaryDirectory(prefix="cchc-ky-") as tmp:
        signers = signers_file(git, trusted, Path(tmp))
        for name in names:
            try:
                found.receipts.append(verify(git, name, signers))
            except Unverified as exc:
                found.unverified.append((name, str(exc)))
    return found


def signers_file(git: Git, rev: str, folder: Path) -> Path | None:
    """The signers file of ``rev`` written into ``folder`` (Git reads it from disk), or None."""
    data = git.read(rev, SIGNERS)
    if data is None:
        return None
    path = folder / "receipt-signers"
    path.write_bytes(data)
    return path


def _parse(text: str) -> tuple[dict[str, str], str]:
    """A tag object's headers, and its message (signature included)."""
    head, _, message = text.partition("\n\n")
    fields: dict[str, str] = {}
    for line in head.splitlines():
        m = _HEADER.match(line)
        if m:
            fields.setdefault(m[1], m[2])
    return fields, message


def _tag_object(git: Git, name: str) -> str:
    oid = git.tag_ref(name)
    if oid is None:
        raise Unverified("không còn thẻ này")
    kind, size = git.object_info(oid)
    if kind != "tag":
        raise Unverified("đây là thẻ thường (không có nội dung, không có chữ ký), không phải thẻ tiếp nhận")
    if size > MAX_TAG:
        raise Unverified("thẻ quá lớn, không phải thẻ tiếp nhận")
    return oid


def _check_signature(git: Git, oid: str, message: str, signers: Path | None) -> None:
    if ARMOR not in message:
        raise Unverified("thẻ không có chữ ký SSH")
    if signers is None:
        raise Unverified(f"nhánh chính chưa có danh sách khoá ký thẻ tiếp nhận ({SIGNERS})")
    try:  # the signature must be good and made by a key the list names (namespace "git")
        git.verify_tag(oid, signers)
    except GitError as exc:
        if "cannot run" in exc.detail:
            raise Unverified(
                "máy kiểm tra không có ssh-keygen (gói openssh-client) nên không kiểm tra được chữ ký"
            ) from exc
        raise Unverified(f"chữ ký không hợp lệ hoặc không phải của khoá nào trong {SIGNERS} của nhánh chính") from exc


def verify(git: Git, name: str, signers: Path | None) -> Receipt:
    """The receipt ``name`` records, or ``Unverified`` saying why it is not one."""
    try:
        oid = _tag_object(git, name)
        fields, message = _parse(git.object_bytes(oid).decode("utf-8", "surrogateescape"))
    except (GitError, ValueError) as exc:
        raise Unverified("không đọc được thẻ") from exc
    if fields.get("tag") != name:
        raise Unverified(f"nội dung thẻ ghi tên '{fields.get('tag', '')}', không phải '{name}' (thẻ bị chuyển tên)")
    if fields.get("type") != "commit":
        raise Unverified("thẻ không trỏ tới một commit")
    _check_signature(git, oid, message, signers)
    text = message.split(ARMOR, 1)[0]  # everything before the signature is what was signed
    commit, deadline = notices.recorded_commit(text), notices.recorded_deadline(text)
    if commit is None or deadline is None:
        raise Unverified("nội dung thẻ không ghi phiên bản và hạn tự đánh giá")
    if commit != fields.get("object"):
        raise Unverified("thẻ trỏ tới commit khác với phiên bản ghi trong thẻ")
    try:
        when = parse_time(deadline)
    except ValueError as exc:
        raise Unverified("hạn tự đánh giá ghi trong thẻ không đúng định dạng") from exc
    return Receipt(name, name.split("/", 1)[0], commit, when)


def finding(name: str, reason: str, year: int, unit: str) -> Finding:
    return error(
        "receipt-unverified",
        f"submissions/{year}/{unit}/self-assessment.yaml",
        f"Thẻ '{name}' không phải thẻ tiếp nhận hợp lệ: {reason}. Thẻ này không được dùng; hồ sơ được "
        "kiểm tra như chưa có bản tiếp nhận.",
        "Chỉ quy trình Khoá nhập liệu của Sở Nội vụ ghi thẻ tiếp nhận (có chữ ký). Không tự tạo, sửa hay "
        "xoá thẻ nop/… và chua-nop/…; báo ngay Sở Nội vụ để xoá thẻ này, lần khoá nhập liệu kế tiếp sẽ "
        "ghi lại thẻ đúng.",
    )


def locked_changes(git: Git, ref: str, head: str, year: int, unit: str) -> list[P.Changed]:
    """The unit's scores and evidence that differ between ``ref`` and ``head``."""
    folder = f"submissions/{year}/{unit}"
    found = git.changes(ref, head, f"{folder}/self-assessment.yaml", f"{folder}/evidence")
    return [P.classify(c.path, c.status) for c in found]
