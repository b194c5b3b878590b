"""The forge event that triggered a check: which commits, who, and the trusted time.

GitHub and Gitea/Forgejo Actions write the event payload to ``$GITHUB_EVENT_PATH`` in the
same shape. The time is the forge's own record of the event (``pull_request.updated_at``,
set by the server when the push, the opening or the "ready for review" happened; for a
merge queue, the time of the queue's commit, which the forge itself creates), never the
dates written in commits, which anyone can forge.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from ..model.registry import normalise_account
from . import states

MAX_PAYLOAD = 25 * 1024 * 1024


class EventError(Exception):
    """The payload cannot be used; ``str()`` says why, in Vietnamese."""


@dataclass(frozen=True)
class Event:
    name: str  # "pull_request", "merge_group" or "local"
    base: str
    head: str
    action: str | None = None  # opened, synchronize, ready_for_review, converted_to_draft, …
    number: int | None = None
    before: str | None = None  # the previous head, for a push to the pull request
    author: str | None = None  # who opened the pull request
    sender: str | None = None  # who caused this event (e.g. who pushed)
    time: datetime | None = None
    time_source: str = "payload"  # "payload", "option" or "clock"
    draft: bool = False
    title: str = ""

    @property
    def is_queue(self) -> bool:
        return self.name == "merge_group"

    def with_time(self, when: datetime | None, source: str) -> "Event":
        return replace(self, time=when, time_source=source)


def parse_time(text: str) -> datetime:
    """ISO 8601 with an offset or Z; a time without an offset is refused (its zone is unknown)."""
    when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if when.tzinfo is None:
        raise ValueError(text)
    return when


def read(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_PAYLOAD + 1)
    except OSError as exc:
        raise EventError(f"không tìm thấy hoặc không đọc được tệp sự kiện '{path}'") from exc
    if len(raw) > MAX_PAYLOAD:
        raise EventError(f"tệp sự kiện '{path}' quá lớn")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EventError(f"tệp sự kiện '{path}' không phải JSON hợp lệ") from exc
    if not isinstance(data, dict):
        raise EventError(f"tệp sự kiện '{path}' không đúng định dạng")
    return data


def _login(obj) -> str | None:
    login = (obj or {}).get("login") if isinstance(obj, dict) else None
    return normalise_account(login) if isinstance(login, str) and login else None


def _time(text) -> datetime | None:
    try:
        return parse_time(text) if isinstance(text, str) else None
    except ValueError:
        return None


def from_payload(data: dict, name: str | None = None) -> Event:
    """Build an Event from a payload; ``name`` is ``$GITHUB_EVENT_NAME`` when known."""
    name = name or ("merge_group" if "merge_group" in data else "pull_request" if "pull_request" in data else "")
    if name == "merge_group":
        mg = data.get("merge_group") or {}
        if not (mg.get("base_sha") and mg.get("head_sha")):
            raise EventError("sự kiện merge_group thiếu base_sha/head_sha")
        return Event("merge_group", mg["base_sha"], mg["head_sha"], action=data.get("action"),
                     sender=_login(data.get("sender")), time=_time((mg.get("head_commit") or {}).get("timestamp")))
    if name in ("pull_request", "pull_request_target"):
        pr = data.get("pull_request") or {}
        base, head = (pr.get("base") or {}).get("sha"), (pr.get("head") or {}).get("sha")
        if not (base and head):
            raise EventError("sự kiện pull_request thiếu base.sha/head.sha")
        action = data.get("action")
        action = "synchronize" if action == "synchronized" else action  # Gitea spells it with a d
        # a web-editor label is the editor's way of sending or withdrawing
        action = states.transition(action, (data.get("label") or {}).get("name")) or action
        title = pr.get("title") or ""
        before = data.get("before") if action == "synchronize" else None
        return Event("pull_request", base, head, action=action, number=pr.get("number"),
                     before=before if isinstance(before, str) and before.strip("0") else None,
                     author=_login(pr.get("user")), sender=_login(data.get("sender")),
                     time=_time(pr.get("updated_at")),
                     draft=states.is_draft(pr.get("draft"), title, states.labels_of(pr)), title=title)
    raise EventError(f"sự kiện '{name or 'không rõ'}' không phải yêu cầu gộp (pull_request) hay hàng đợi gộp (merge_group)")


def now() -> datetime:
    return datetime.now(timezone.utc)
