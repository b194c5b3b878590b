"""`cchc check-pr`: judge a pull request (who, what, when) and validate the dossier it touches.

In CI it reads the forge's event payload (``--event "$GITHUB_EVENT_PATH"``): base and head
commits, author, pusher and the server's time of the event. A re-run (``$GITHUB_RUN_ATTEMPT``
above 1) replays the original payload; it is judged at the runner's clock (or ``--now``).
Locally (``--local``, e.g. from the pre-push hook) it compares HEAD with the main branch, using
the clock and the account in ``git config cchc.account``. Exit 0: accepted; 1: findings block it; 2: could not run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from .. import clock, vcs
from ..findings import warning
from ..policy import event as ev
from ..policy import result as result_doc
from ..policy.check import PrResult, check_pr
from ..report import REPORTERS, github, markdown
from ..vcs import GitError
from .common import fail

LOCAL_BASES = ("origin/HEAD", "origin/main", "main")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check-pr",
        help="kiểm tra một yêu cầu gộp: quyền, thời hạn và hồ sơ",
        description="Kiểm tra yêu cầu gộp (pull request): ai được sửa gì, còn trong thời hạn không "
        "(theo thời điểm của máy chủ, không theo ngày ghi trong commit), và hồ sơ bị thay "
        "đổi có hợp lệ không. Bộ kiểm tra là mã đang chạy (của nhánh gốc).",
    )
    p.add_argument(
        "--repo", type=Path, default=Path("."), help="kho Git chứa cả hai commit (mặc định: thư mục hiện tại)"
    )
    p.add_argument(
        "--event", type=Path, default=None, help="tệp sự kiện của máy chủ Git (mặc định trong CI: $GITHUB_EVENT_PATH)"
    )
    p.add_argument(
        "--event-name",
        default=None,
        help="loại sự kiện: pull_request_target, pull_request hoặc merge_group (mặc định: $GITHUB_EVENT_NAME)",
    )
    p.add_argument("--base", default=None, help="commit gốc (nhánh chính) của yêu cầu gộp")
    p.add_argument("--head", default=None, help="commit mới nhất của yêu cầu gộp")
    p.add_argument("--author", default=None, help="tài khoản người mở yêu cầu gộp")
    p.add_argument("--sender", default=None, help="tài khoản người đẩy (push) lần này, nếu khác người mở")
    p.add_argument(
        "--event-time", default=None, help="thời điểm sự kiện, ISO 8601 có múi giờ (vd 2025-12-31T10:00:00+07:00)"
    )
    p.add_argument(
        "--action", default=None, help="hành động: opened, synchronize, ready_for_review, converted_to_draft"
    )
    p.add_argument("--draft", action="store_true", help="yêu cầu gộp đang là bản nháp")
    p.add_argument(
        "--now",
        default=None,
        help="giờ hiện tại, ISO 8601 có múi giờ (mặc định: giờ máy); dùng khi chạy lại một lần kiểm tra cũ",
    )
    p.add_argument(
        "--local",
        action="store_true",
        help="kiểm tra trên máy: so HEAD với nhánh chính, dùng giờ máy và 'git config cchc.account'",
    )
    p.add_argument("--format", choices=sorted(REPORTERS), default="text", help="định dạng kết quả")
    p.add_argument(
        "--summary",
        type=Path,
        default=None,
        help="ghi bảng tổng hợp Markdown vào tệp này (mặc định với --format github: $GITHUB_STEP_SUMMARY)",
    )
    p.add_argument("--output", type=Path, default=None, help="ghi kết quả đầy đủ (JSON, cho bình luận) vào tệp này")


def build_event(args: argparse.Namespace) -> ev.Event:
    """The event to judge: from the forge's payload, the options, or the local repository;
    then the options that override it, and its time."""
    event = _with_options(_source_event(args), args)
    if args.event_time:
        return event.with_time(_time_option(args.event_time), "option")
    if event.time is None:
        return event.with_time(clock.now(), "clock")
    return event


def _event_path(args: argparse.Namespace) -> Path | None:
    if args.event:
        return Path(args.event)
    if args.base or args.head or args.local:
        return None
    given = os.environ.get("GITHUB_EVENT_PATH")
    return Path(given) if given else None


def _source_event(args: argparse.Namespace) -> ev.Event:
    path = _event_path(args)
    if path is not None:
        event = ev.from_payload(ev.read(path), args.event_name or os.environ.get("GITHUB_EVENT_NAME"))
        return _rerun(event, args.now)
    if args.local:
        return _local_event(args)
    if args.base and args.head:
        return ev.Event("pull_request", args.base, args.head)
    raise ev.EventError("cần --event (tệp sự kiện), hoặc --base và --head, hoặc --local")


def _local_event(args: argparse.Namespace) -> ev.Event:
    """HEAD (or --head) against the main branch, by the account in ``git config cchc.account``."""
    with vcs.Git(args.repo) as git:
        start = args.base or next((b for b in LOCAL_BASES if git.has_commit(b)), None)
        account = _account(git.setting("cchc.account")) or None
    if start is None:
        raise ev.EventError("không tìm thấy nhánh chính (origin/main hoặc main) để so sánh; dùng --base")
    return ev.Event("local", start, args.head or "HEAD", author=account)


def _account(text: str) -> str:
    """An account as the registry writes it: lower case, without a leading '@'."""
    return text.lower().lstrip("@")


def _with_options(event: ev.Event, args: argparse.Namespace) -> ev.Event:
    """--author, --sender, --action and --draft, where given, over what the event says."""
    return replace(
        event,
        author=event.author if args.author is None else _account(args.author),
        sender=event.sender if args.sender is None else _account(args.sender),
        action=event.action if args.action is None else args.action,
        draft=event.draft or args.draft,
    )


def _time_option(text: str) -> datetime:
    try:
        return clock.parse_time(text)
    except ValueError as exc:
        raise ev.EventError(f"thời điểm '{text}' không đúng dạng ISO 8601 có múi giờ") from exc


def _rerun(event: ev.Event, now: str | None) -> ev.Event:
    """A re-run replays the original payload: mark it, with the time it runs at."""
    attempt = os.environ.get("GITHUB_RUN_ATTEMPT", "")
    if not (attempt.isdigit() and int(attempt) > 1):
        return event
    return replace(event, rerun=True, checked=_time_option(now) if now else clock.now())


def header(res: PrResult, escape: Callable[[object], str] = str) -> str:
    """Who, what and when, one line; ``escape`` makes the data inert in Markdown."""
    e = res.event
    parts = [f"Yêu cầu gộp #{e.number}" if e.number else ("Kiểm tra trên máy" if e.name == "local" else "Yêu cầu gộp")]
    if res.dossier:
        parts.append(f"hồ sơ {res.dossier[1]} năm {res.dossier[0]}")
    if e.author:
        parts.append(f"người gửi {escape(e.author)}")
    source = {"payload": "theo máy chủ Git", "option": "theo tham số", "clock": "theo giờ máy"}[e.time_source]
    if e.time is not None:
        parts.append(f"thời điểm {clock.show(e.time, res.tz)} ({source})")
    if e.rerun and e.checked:
        parts.append(f"chạy lại lúc {clock.show(e.checked, res.tz)}")
    return " · ".join(parts) + "\n" + (escape(res.phase) + "\n" if res.phase else "") + "\n"


def run(args: argparse.Namespace) -> int:
    try:
        event = build_event(args)
        res = check_pr(args.repo, event)
    except ev.EventError as exc:
        return fail(f"không kiểm tra được yêu cầu gộp: {exc}.")
    except GitError as exc:
        return fail(f"không kiểm tra được yêu cầu gộp: {exc}.", exc.detail)
    if event.time_source == "clock" and event.name != "local":
        res.findings.append(
            warning(
                "event-time-clock",
                ".github/workflows/validate.yml",
                "Tệp sự kiện không ghi thời điểm; đã dùng giờ của máy chạy kiểm tra.",
                'Chạy lệnh với --event "$GITHUB_EVENT_PATH" để dùng thời điểm của máy chủ Git.',
            )
        )
    if args.output:
        args.output.write_text(
            json.dumps(result_doc.document(res), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    if args.format == "text":
        sys.stdout.write(header(res))
    sys.stdout.write(REPORTERS[args.format](res.findings, checked=res.checked))
    summary = args.summary or (os.environ.get("GITHUB_STEP_SUMMARY") if args.format == "github" else None)
    if summary:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(
                f"# Kiểm tra yêu cầu gộp\n\n{header(res, markdown.text)}"
                + github.markdown(res.findings, checked=res.checked)
            )
    return 1 if res.errors else 0
