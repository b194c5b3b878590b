"""What the close job says, in Vietnamese: the receipt tag's message (which also records the
deadline it was made for), the notice on each open pull request, and the record of the closing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..clock import show

if TYPE_CHECKING:
    from .close import Decision, Pull

_DEADLINE = re.compile(r"^Hạn tự đánh giá: (\S+)$", re.M)
_COMMIT = re.compile(r"^Phiên bản: ([0-9a-f]{40}|[0-9a-f]{64})$", re.M)


def recorded_deadline(message: str) -> str | None:
    m = _DEADLINE.search(message)
    return m.group(1) if m else None


def recorded_commit(message: str) -> str | None:
    m = _COMMIT.search(message)
    return m.group(1) if m else None


def tag_message(d: Decision, tz: str) -> str:
    if d.received:
        where = f"yêu cầu gộp #{d.pull}" if d.pull else "nhánh chính"
        first = (
            f"Tiếp nhận hồ sơ tự đánh giá năm {d.year} của {d.name} ({d.unit}): phiên bản {d.commit[:12]} "
            f"của {where} tại thời điểm khoá nhập liệu" + (f" ({d.note})" if d.note else "") + "."
        )
    else:
        first = f"Chưa nộp: {d.name} ({d.unit}) không có hồ sơ tự đánh giá năm {d.year} được Gửi đi trước thời hạn."
    # the last two lines are read back when the receipt is verified (see receipts.verify)
    return (
        f"{first}\nKhoá nhập liệu lúc {show(d.deadline, tz)}.\nHạn tự đánh giá: {d.deadline.isoformat()}\n"
        f"Phiên bản: {d.commit}\n"
    )


def for_pull(d: Decision, pull: Pull, tz: str) -> str:
    """The notice for one open pull request of a unit whose entry was just closed."""
    when = show(d.deadline, tz)
    if d.received and d.pull == pull.number:
        body = (
            f"Đã hết hạn tự đánh giá ({when}). Hồ sơ đã được **tiếp nhận**: phiên bản `{d.commit[:12]}` "
            "(bản đã Gửi đi tại thời điểm khoá). Từ nay không sửa được điểm tự chấm và tài liệu kiểm chứng; "
            "Hội đồng thẩm định sẽ xem xét hồ sơ này."
        )
        return body + (f" Lưu ý: {d.note}." if d.note else "")
    if pull.draft or not pull.ready_at(d.deadline):
        return (
            f"Đã hết hạn tự đánh giá ({when}) và **đã khoá nhập liệu**. Yêu cầu gộp này vẫn là bản nháp "
            "(chưa Gửi đi) nên không được tiếp nhận"
            + ("; đơn vị được ghi nhận là **chưa nộp**." if not d.received else ".")
            + " Nếu có lý do chính đáng, đề nghị Sở Nội vụ gia hạn bằng văn bản."
        )
    return (
        f"Đã hết hạn tự đánh giá ({when}). Yêu cầu gộp này không phải bản được tiếp nhận"
        + (f" (bản được tiếp nhận: yêu cầu gộp #{d.pull})." if d.pull else ".")
        + " Mọi thay đổi điểm, tài liệu kiểm chứng sau thời hạn đều bị từ chối."
    )


def record(decisions: list[Decision], tz: str) -> str:
    """The Markdown record of the closing (job summary), in Vietnamese."""
    lines = ["# Biên bản khoá nhập liệu", ""]
    if not decisions:
        return "\n".join([*lines, "Không có đơn vị nào đến hạn khoá trong lần chạy này.", ""])
    got = sum(d.received for d in decisions)
    lines += [
        f"Đã khoá {len(decisions)} đơn vị: {got} đã nộp, {len(decisions) - got} chưa nộp.",
        "",
        "| Năm | Đơn vị | Hạn tự đánh giá | Kết quả | Phiên bản tiếp nhận |",
        "|---|---|---|---|---|",
    ]
    for d in decisions:
        result = ("Đã nộp" + (f" (yêu cầu gộp #{d.pull})" if d.pull else " (đã gộp)")) if d.received else "**Chưa nộp**"
        lines.append(
            f"| {d.year} | {d.name} ({d.unit}) | {show(d.deadline, tz)} | {result} | "
            f"{d.commit[:12] if d.received else ''} |"
        )
    replaced = sorted(name for d in decisions for name in d.replaced)
    if replaced:
        lines += [
            "",
            "**Cảnh báo:** các thẻ sau không có chữ ký hợp lệ của quy trình Khoá nhập liệu và đã được thay "
            "bằng thẻ có chữ ký: "
            + ", ".join(f"`{n}`" for n in replaced)
            + ". Sở Nội vụ xem nhật ký máy chủ Git để biết ai đã đẩy các thẻ đó.",
        ]
    return "\n".join(lines) + "\n"
