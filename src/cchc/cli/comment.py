"""`cchc comment`: render the pull-request comment from a check-pr result (JSON).

Runs in the read-only check job of validate.yml: it reads only the check's JSON result and the
previous comment (for the change since the previous push), never a file of the pull request; the
report job posts what it writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..policy import result
from ..report import pr_comment
from .common import fail


def add_parser(sub) -> None:
    p = sub.add_parser(
        "comment",
        help="tạo nội dung bình luận kết quả kiểm tra cho yêu cầu gộp",
        description="Tạo bình luận tiếng Việt (Markdown) từ kết quả 'cchc check-pr --output'.",
    )
    p.add_argument("result", type=Path, metavar="KẾT_QUẢ", help="tệp JSON do 'cchc check-pr --output' ghi")
    p.add_argument("--previous", type=Path, default=None, help="nội dung bình luận trước (để so với lần đẩy trước)")
    p.add_argument("--out", type=Path, default=None, help="ghi vào tệp này (mặc định: in ra màn hình)")


def run(args) -> int:
    try:
        doc = result.load(args.result.read_bytes())
        previous = args.previous.read_text(encoding="utf-8", errors="replace") if args.previous else None
    except OSError as exc:
        return fail(f"không tìm thấy hoặc không đọc được tệp '{exc.filename}'.")
    except result.BadDocument as exc:
        return fail(f"{exc}: '{args.result}'.")
    body = pr_comment.render(doc, previous)
    if args.out:
        args.out.write_text(body, encoding="utf-8")
    else:
        sys.stdout.write(body)
    return 0
