"""`cchc close-entry`: after a self-assessment deadline, record who submitted (receipt tags),
who did not (chưa nộp), and what to tell each open pull request.

Run by the scheduled workflow with the forge's data fetched to files: the open pull requests
(``--pulls``) and, per pull request N, ``N/timeline.json`` and ``N/runs.json`` (``--forge-data``).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from ..load import repository
from ..policy import close, notices
from ..policy import event as ev
from ..policy.gitrepo import Git, GitFailure
from .common import fail


def add_parser(sub) -> None:
    p = sub.add_parser("close-entry", help="khoá nhập liệu khi hết hạn: ghi nhận đã nộp / chưa nộp",
                       description="Khoá nhập liệu của các đơn vị đã hết hạn tự đánh giá: tạo thẻ tiếp nhận "
                                   "(nop/<năm>/<đơn vị>) hoặc chưa nộp (chua-nop/<năm>/<đơn vị>) và soạn thông báo.")
    p.add_argument("--repo", type=Path, default=Path("."), help="kho Git, đang ở nhánh chính (mặc định: thư mục hiện tại)")
    p.add_argument("--year", type=int, action="append", default=None, help="năm cần khoá (mặc định: các năm đang nhập liệu)")
    p.add_argument("--now", default=None, help="thời điểm hiện tại, ISO 8601 (mặc định: giờ máy)")
    p.add_argument("--pulls", type=Path, required=True, help="danh sách yêu cầu gộp đang mở (JSON của máy chủ Git)")
    p.add_argument("--forge-data", type=Path, default=None, help="thư mục dữ liệu từng yêu cầu gộp (N/timeline.json, N/runs.json)")
    p.add_argument("--current-heads", action="store_true",
                   help="máy chủ không lưu lịch sử kiểm tra (một số bản Gitea/Forgejo): lấy phiên bản hiện tại "
                        "của yêu cầu gộp; khi đó phải chạy lệnh ngay lúc hết hạn")
    p.add_argument("--apply", action="store_true", help="tạo thẻ tiếp nhận trong kho")
    p.add_argument("--push", default=None, metavar="REMOTE", help="đẩy thẻ lên máy chủ (kèm --apply)")
    p.add_argument("--out", type=Path, default=None, help="ghi các quyết định và thông báo (JSON) vào tệp này")
    p.add_argument("--summary", type=Path, default=None, help="ghi biên bản (Markdown); mặc định: $GITHUB_STEP_SUMMARY nếu có")


def run(args) -> int:
    try:
        now = ev.parse_time(args.now) if args.now else ev.now()
    except ValueError:
        return fail(f"thời điểm '{args.now}' không đúng dạng ISO 8601 có múi giờ.")
    try:
        git = Git(args.repo)
        main = git.commit("HEAD")
        repo = repository.load(git.root, lambda folder: False)
        pulls = close.load_pulls(args.pulls, args.forge_data)
    except GitFailure as exc:
        return fail(f"không đọc được kho Git: {exc}.")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return fail(f"dữ liệu yêu cầu gộp không đọc được ({type(exc).__name__}).")
    if repo.province is None:
        return fail("không đọc được province.yaml của nhánh chính.")
    tz = repo.province.timezone
    years = args.year or [y for y, p in sorted(repo.plans.items())
                          if p.deadlines["self_assessment_closes"] < now <= p.deadlines["publication"]]
    decisions = [d for y in years for d in close.decide(git, repo, y, now, pulls, main, args.current_heads)]
    notes = close.comments(decisions, pulls, git, main, tz)
    tags = []
    if args.apply:
        try:
            tags = close.apply(git, decisions, tz, args.push)
        except GitFailure as exc:
            return fail(f"không ghi được thẻ tiếp nhận: {exc}.")
    doc = {"decisions": [{"year": d.year, "unit": d.unit, "received": d.received, "commit": d.commit,
                          "pull": d.pull, "tag": d.tag, "deadline": d.deadline.isoformat(), "note": d.note}
                         for d in decisions], "comments": notes, "tags": tags}
    if args.out:
        args.out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    text = notices.record(decisions, tz)
    summary = args.summary or (Path(os.environ["GITHUB_STEP_SUMMARY"]) if os.environ.get("GITHUB_STEP_SUMMARY") else None)
    if summary:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(text)
    sys.stdout.write(text)
    return 0
