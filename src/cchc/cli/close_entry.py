"""`cchc close-entry`: after a self-assessment deadline, record who submitted (receipt tags),
who did not (chưa nộp), and what to tell each open pull request.

Run by the scheduled workflow with the forge's data fetched to files: the open pull requests
(``--pulls``) and, per pull request N, ``N/timeline.json`` and ``N/runs.json`` (``--forge-data``).
With ``--apply`` the receipts are signed with the close job's SSH key (``--key`` or
``$CCHC_RECEIPT_KEY``: the path of the private key file); without a key nothing is written.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import clock, vcs
from ..load import repository
from ..model.repository import Repository
from ..policy import close, notices
from ..vcs import GitError
from .common import fail


def add_parser(sub) -> None:
    p = sub.add_parser(
        "close-entry",
        help="khoá nhập liệu khi hết hạn: ghi nhận đã nộp / chưa nộp",
        description="Khoá nhập liệu của các đơn vị đã hết hạn tự đánh giá: tạo thẻ tiếp nhận "
        "(nop/<năm>/<đơn vị>) hoặc chưa nộp (chua-nop/<năm>/<đơn vị>) và soạn thông báo.",
    )
    p.add_argument(
        "--repo", type=Path, default=Path("."), help="kho Git, đang ở nhánh chính (mặc định: thư mục hiện tại)"
    )
    p.add_argument(
        "--year", type=int, action="append", default=None, help="năm cần khoá (mặc định: các năm đang nhập liệu)"
    )
    p.add_argument("--now", default=None, help="thời điểm hiện tại, ISO 8601 (mặc định: giờ máy)")
    p.add_argument("--pulls", type=Path, required=True, help="danh sách yêu cầu gộp đang mở (JSON của máy chủ Git)")
    p.add_argument(
        "--forge-data", type=Path, default=None, help="thư mục dữ liệu từng yêu cầu gộp (N/timeline.json, N/runs.json)"
    )
    p.add_argument(
        "--current-heads",
        action="store_true",
        help="máy chủ không lưu lịch sử kiểm tra (một số bản Gitea/Forgejo): lấy phiên bản hiện tại "
        "của yêu cầu gộp; khi đó phải chạy lệnh ngay lúc hết hạn",
    )
    p.add_argument("--apply", action="store_true", help="tạo thẻ tiếp nhận (có chữ ký) trong kho")
    p.add_argument(
        "--key",
        type=Path,
        default=None,
        help="tệp khoá riêng SSH dùng ký thẻ tiếp nhận (mặc định: biến môi trường CCHC_RECEIPT_KEY)",
    )
    p.add_argument("--push", default=None, metavar="REMOTE", help="đẩy thẻ lên máy chủ (kèm --apply)")
    p.add_argument("--out", type=Path, default=None, help="ghi các quyết định và thông báo (JSON) vào tệp này")
    p.add_argument(
        "--summary", type=Path, default=None, help="ghi biên bản (Markdown); mặc định: $GITHUB_STEP_SUMMARY nếu có"
    )


def signing_key(args) -> tuple[Path | None, str]:
    """The private key that signs receipts, or None and why (in Vietnamese)."""
    given = args.key or (Path(os.environ["CCHC_RECEIPT_KEY"]) if os.environ.get("CCHC_RECEIPT_KEY") else None)
    if given is None:
        return None, (
            "thiếu khoá ký thẻ tiếp nhận: ghi thẻ (--apply) cần khoá riêng SSH của quy trình Khoá nhập liệu "
            "(--key TỆP hoặc biến môi trường CCHC_RECEIPT_KEY); xem mục 'Khoá ký thẻ tiếp nhận' trong "
            "hướng dẫn quản trị. Chưa ghi thẻ nào"
        )
    if not given.is_file():
        return None, f"không tìm thấy tệp khoá ký '{given}'. Chưa ghi thẻ nào"
    if given.stat().st_mode & 0o077:
        return None, f"tệp khoá ký '{given}' để người khác đọc được; đặt quyền 600 (chmod 600). Chưa ghi thẻ nào"
    return given, ""


def _start(args) -> tuple[datetime, Path | None] | str:
    """The time the job runs at and the signing key (with --apply), or why it cannot start."""
    try:
        now = clock.parse_time(args.now) if args.now else clock.now()
    except ValueError:
        return f"thời điểm '{args.now}' không đúng dạng ISO 8601 có múi giờ."
    key, why = signing_key(args) if args.apply else (None, "")
    return why + "." if args.apply and key is None else (now, key)


def _load(args: argparse.Namespace) -> tuple[vcs.Git, str, Repository, list[close.Pull]] | str:
    """The repository on its main branch and the forge's pull requests, or why they cannot be read."""
    try:
        git = vcs.Git(args.repo)
        main = git.commit("HEAD")
        repo = repository.load(git.root, lambda folder: False)
        pulls = close.load_pulls(args.pulls, args.forge_data)
    except GitError as exc:
        return f"không đọc được kho Git: {exc}."
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return f"dữ liệu yêu cầu gộp không đọc được ({type(exc).__name__})."
    return git, main, repo, pulls


def _years(args: argparse.Namespace, repo: Repository, now: datetime) -> list[int]:
    """--year, else the years between their self-assessment deadline and publication."""
    if args.year:
        return list(args.year)
    return [
        y
        for y, p in sorted(repo.plans.items())
        if p.deadlines["self_assessment_closes"] < now <= p.deadlines["publication"]
    ]


def _record(
    args: argparse.Namespace, decisions: list[close.Decision], notes: list[dict[str, Any]], tags: list[str], tz: str
) -> None:
    """The decisions as JSON (--out), the record in Markdown (summary and standard output)."""
    doc = {
        "decisions": [
            {
                "year": d.year,
                "unit": d.unit,
                "received": d.received,
                "commit": d.commit,
                "pull": d.pull,
                "tag": d.tag,
                "deadline": d.deadline.isoformat(),
                "note": d.note,
                "replaced": d.replaced,
            }
            for d in decisions
        ],
        "comments": notes,
        "tags": tags,
    }
    if args.out:
        args.out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    text = notices.record(decisions, tz)
    summary = args.summary or (
        Path(os.environ["GITHUB_STEP_SUMMARY"]) if os.environ.get("GITHUB_STEP_SUMMARY") else None
    )
    if summary:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(text)
    sys.stdout.write(text)


def run(args: argparse.Namespace) -> int:
    start = _start(args)
    if isinstance(start, str):
        return fail(start)
    now, key = start
    loaded = _load(args)
    if isinstance(loaded, str):
        return fail(loaded)
    git, main, repo, pulls = loaded
    if repo.province is None:
        return fail("không đọc được province.yaml của nhánh chính.")
    tz = repo.province.timezone
    years = _years(args, repo, now)
    try:
        decisions = [d for y in years for d in close.decide(git, repo, y, now, pulls, main, args.current_heads)]
        notes = close.comments(decisions, pulls, git, main, tz)
    except GitError as exc:
        return fail(f"không đọc được kho Git: {exc}.", exc.detail)
    tags = []
    if args.apply:
        assert key is not None, "_start refuses --apply without a key"
        try:
            tags = close.apply(git, decisions, tz, key, args.push)
        except GitError as exc:
            return fail(f"không ghi được thẻ tiếp nhận: {exc}.", exc.detail)
    _record(args, decisions, notes, tags, tz)
    return 0
