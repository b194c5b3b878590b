"""`cchc check-pr`: judge a pull request (who, what, when) and validate the dossier it touches.

In CI it reads the forge's event payload (``--event "$GITHUB_EVENT_PATH"``): base and head
commits, author, pusher and the server's time of the event. A re-run (``$GITHUB_RUN_ATTEMPT``
above 1) replays the original payload; it is judged at the runner's clock (or ``--now``). Locally (``--local``, e.g. from
the pre-push hook) it compares HEAD with the main branch, using the clock and the account in
``git config cchc.account``. Exit 0: accepted; 1: findings block it; 2: could not run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..policy import event as ev
from ..policy.check import check_pr
from ..policy.clock import show
from ..policy.gitrepo import GitFailure
from ..findings import warning
from ..policy import result as result_doc
from ..report import REPORTERS, github, markdown
from .common import fail

LOCAL_BASES = ("origin/HEAD", "origin/main", "main")


def add_parser(sub) -> None:
    p = sub.add_parser("check-pr", help="kiểm tra một yêu cầu gộp: quyền, thời hạn và hồ sơ",
                       description="Kiểm tra yêu cầu gộp (pull request): ai được sửa gì, còn trong thời hạn không "
                                   "(theo thời điểm của máy chủ, không theo ngày ghi trong commit), và hồ sơ bị thay "
                                   "đổi có hợp lệ không. Bộ kiểm tra là mã đang chạy (của nhánh gốc).")
    p.add_argument("--repo", type=Path, default=Path("."), help="kho Git chứa cả hai commit (mặc định: thư mục hiện tại)")
    p.add_argument("--event", type=Path, default=None,
                   help="tệp sự kiện của máy chủ Git (mặc định trong CI: $GITHUB_EVENT_PATH)")
    p.add_argument("--event-name", default=None,
                   help="loại sự kiện: pull_request_target, pull_request hoặc merge_group (mặc định: $GITHUB_EVENT_NAME)")
    p.add_argument("--base", default=None, help="commit gốc (nhánh chính) của yêu cầu gộp")
    p.add_argument("--head", default=None, help="commit mới nhất của yêu cầu gộp")
    p.add_argument("--author", default=None, help="tài khoản người mở yêu cầu gộp")
    p.add_argument("--sender", default=None, help="tài khoản người đẩy (push) lần này, nếu khác người mở")
    p.add_argument("--event-time", default=None, help="thời điểm sự kiện, ISO 8601 có múi giờ (vd 2025-12-31T10:00:00+07:00)")
    p.add_argument("--action", default=None, help="hành động: opened, synchronize, ready_for_review, converted_to_draft")
    p.add_argument("--draft", action="store_true", help="yêu cầu gộp đang là bản nháp")
    p.add_argument("--now", default=None,
                   help="giờ hiện tại, ISO 8601 có múi giờ (mặc định: giờ máy); dùng khi chạy lại một lần kiểm tra cũ")
    p.add_argument("--local", action="store_true",
                   help="kiểm tra trên máy: so HEAD với nhánh chính, dùng giờ máy và 'git config cchc.account'")
    p.add_argument("--format", choices=sorted(REPORTERS), default="text", help="định dạng kết quả")
    p.add_argument("--summary", type=Path, default=None,
                   help="ghi bảng tổng hợp Markdown vào tệp này (mặc định với --format github: $GITHUB_STEP_SUMMARY)")
    p.add_argument("--output", type=Path, default=None, help="ghi kết quả đầy đủ (JSON, cho bình luận) vào tệp này")


def _git_out(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    return proc.stdout.strip() if proc.returncode == 0 else ""


def build_event(args) -> ev.Event:
    path = args.event or (None if (args.base or args.head or args.local) else
                          (Path(os.environ["GITHUB_EVENT_PATH"]) if os.environ.get("GITHUB_EVENT_PATH") else None))
    if path is not None:
        base = ev.from_payload(ev.read(path), args.event_name or os.environ.get("GITHUB_EVENT_NAME"))
        base = _rerun(base, args.now)
    elif args.local:
        start = args.base or next((b for b in LOCAL_BASES if _git_out(args.repo, "rev-parse", "--verify", "-q", b)), None)
        if start is None:
            raise ev.EventError("không tìm thấy nhánh chính (origin/main hoặc main) để so sánh; dùng --base")
        base = ev.Event("local", start, args.head or "HEAD",
                        author=_git_out(args.repo, "config", "cchc.account").lower().lstrip("@") or None)
    elif args.base and args.head:
        base = ev.Event("pull_request", args.base, args.head)
    else:
        raise ev.EventError("cần --event (tệp sự kiện), hoặc --base và --head, hoặc --local")
    overrides = {k: v for k, v in (("author", args.author), ("sender", args.sender), ("action", args.action))
                 if v is not None}
    if overrides.get("author"):
        overrides["author"] = overrides["author"].lower().lstrip("@")
    if overrides.get("sender"):
        overrides["sender"] = overrides["sender"].lower().lstrip("@")
    base = replace(base, **overrides, draft=base.draft or args.draft)
    if args.event_time:
        try:
            return base.with_time(ev.parse_time(args.event_time), "option")
        except ValueError as exc:
            raise ev.EventError(f"thời điểm '{args.event_time}' không đúng dạng ISO 8601 có múi giờ") from exc
    if base.time is None:
        return base.with_time(ev.now(), "clock")
    return base


def _rerun(event: ev.Event, now: str | None) -> ev.Event:
    """A re-run replays the original payload: mark it, with the time it runs at."""
    attempt = os.environ.get("GITHUB_RUN_ATTEMPT", "")
    if not (attempt.isdigit() and int(attempt) > 1):
        return event
    try:
        return replace(event, rerun=True, checked=ev.parse_time(now) if now else ev.now())
    except ValueError as exc:
        raise ev.EventError(f"thời điểm '{now}' không đúng dạng ISO 8601 có múi giờ") from exc


def header(res, escape: Callable[[object], str] = str) -> str:
    """Who, what and when, one line; ``escape`` makes the data inert in Markdown."""
    e = res.event
    parts = [f"Yêu cầu gộp #{e.number}" if e.number else ("Kiểm tra trên máy" if e.name == "local" else "Yêu cầu gộp")]
    if res.dossier:
        parts.append(f"hồ sơ {res.dossier[1]} năm {res.dossier[0]}")
    if e.author:
        parts.append(f"người gửi {escape(e.author)}")
    source = {"payload": "theo máy chủ Git", "option": "theo tham số", "clock": "theo giờ máy"}[e.time_source]
    parts.append(f"thời điểm {show(e.time, res.tz)} ({source})")
    if e.rerun and e.checked:
        parts.append(f"chạy lại lúc {show(e.checked, res.tz)}")
    return " · ".join(parts) + "\n" + (escape(res.phase) + "\n" if res.phase else "") + "\n"


def run(args) -> int:
    try:
        event = build_event(args)
        res = check_pr(args.repo, event)
    except (ev.EventError, GitFailure) as exc:
        detail = f"\n{exc.detail}" if os.environ.get("CCHC_DEBUG") and getattr(exc, "detail", "") else ""
        return fail(f"không kiểm tra được yêu cầu gộp: {exc}.{detail}")
    if event.time_source == "clock" and event.name != "local":
        res.findings.append(warning("event-time-clock", ".github/workflows/validate.yml",
                                    "Tệp sự kiện không ghi thời điểm; đã dùng giờ của máy chạy kiểm tra.",
                                    "Chạy lệnh với --event \"$GITHUB_EVENT_PATH\" để dùng thời điểm của máy chủ Git."))
    if args.output:
        args.output.write_text(json.dumps(result_doc.document(res), ensure_ascii=False, indent=1) + "\n",
                               encoding="utf-8")
    if args.format == "text":
        sys.stdout.write(header(res))
    sys.stdout.write(REPORTERS[args.format](res.findings, checked=res.checked))
    summary = args.summary or (os.environ.get("GITHUB_STEP_SUMMARY") if args.format == "github" else None)
    if summary:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(f"# Kiểm tra yêu cầu gộp\n\n{header(res, markdown.text)}" + github.markdown(res.findings, checked=res.checked))
    return 1 if res.errors else 0
