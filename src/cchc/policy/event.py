"""The forge event that triggered a check: which commits, who, and the trusted time.

GitHub and Gitea/Forgejo Actions write the event payload to ``$GITHUB_EVENT_PATH`` in the
same shape. The time is the forge's own record of the event (``pull_request.updated_at``,
set by the server when the push, the opening or the "ready for review" happened; for a
merge queue, the time of the queue's commit, which the forge itself creates), never the
dates written in commits, which anyone can forge.

Who: only a push has a pusher. For ``synchronize`` the sender pushed the commits from
``before`` to the head; for every other event (opening, reopening, labels, Gửi đi or
withdrawal by whoever clicks it) the sender pushed nothing, and the content is judged by its
author, the account that opened the pull request (``Event.pusher``).

Re-runs: the forge re-runs a job with the original payload (``GITHUB_RUN_ATTEMPT`` > 1), so
an old run could be replayed after the pull request's state changed (a draft-stage run after
a late Gửi đi). A re-run keeps the payload's time as the time of what that event did, but is
judged at the runner's own clock (``Event.checked``): whether the self-assessment deadline has
passed is decided then, not at the original event (see ``phases.lock``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from ..model.registry import normalise_account
from . import payload as js
from . import states
from .payload import Payload

MAX_PAYLOAD = 25 * 1024 * 1024
# events that brought the head themselves (None: a check outside the forge, local or --base/--head)
PUSHES = (None, "opened", "synchronize")


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
    rerun: bool = False  # a re-run of an earlier run, with that run's payload
    checked: datetime | None = None  # when a re-run runs (the runner's clock); None: at ``time``

    @property
    def is_queue(self) -> bool:
        return self.name == "merge_group"

    @property
    def pusher(self) -> str | None:
        """Who pushed the commits of this event (None: the event pushed nothing)."""
        return self.sender if self.action in (None, "synchronize") else None

    def with_time(self, when: datetime | None, source: str) -> Event:
        return replace(self, time=when, time_source=source)


def read(path: Path) -> Payload:
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_PAYLOAD + 1)
    except OSError as exc:
        raise EventError(f"không tìm thấy hoặc không đọc được tệp sự kiện '{path}'") from exc
    if len(raw) > MAX_PAYLOAD:
        raise EventError(f"tệp sự kiện '{path}' quá lớn")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:  # RecursionError: [[[[…]]]]
        raise EventError(f"tệp sự kiện '{path}' không phải JSON hợp lệ") from exc
    if not isinstance(data, dict):
        raise EventError(f"tệp sự kiện '{path}' không đúng định dạng")
    return data


def _login(value: object) -> str | None:
    login = js.dig(value, "login")
    return normalise_account(login) if isinstance(login, str) and login else None


def _action(data: Payload, title: str, draft: bool) -> str | None:
    """The event's action, with sending and withdrawing said one way (states.READY / states.DRAFT)
    whichever way the forge or the web editor said it."""
    action = js.text(data.get("action")) or "unknown"
    if action == "synchronized":
        return "synchronize"  # Gitea spells it with a d
    if action == "edited":
        moved = states.edited(js.text(js.dig(data, "changes", "title", "from")), title)
    else:
        moved = states.sent(action, js.text(js.dig(data, "label", "name")))
    if moved == states.READY and draft:
        return action  # still a draft by another mark: nothing was sent
    return moved or action


def from_payload(data: Payload, name: str | None = None) -> Event:
    """Build an Event from a payload; ``name`` is ``$GITHUB_EVENT_NAME`` when known."""
    name = name or ("merge_group" if "merge_group" in data else "pull_request" if "pull_request" in data else "")
    if name == "merge_group":
        return _merge_group(data)
    if name in ("pull_request", "pull_request_target"):
        return _pull_request(data)
    raise EventError(
        f"sự kiện '{name or 'không rõ'}' không phải yêu cầu gộp (pull_request) hay hàng đợi gộp (merge_group)"
    )


def _merge_group(data: Payload) -> Event:
    """A merge queue's commit: its time is the queue commit's, which the forge itself creates."""
    mg = js.obj(data.get("merge_group"))
    base, head = js.text(mg.get("base_sha")), js.text(mg.get("head_sha"))
    if not (base and head):
        raise EventError("sự kiện merge_group thiếu base_sha/head_sha")
    return Event(
        "merge_group",
        base,
        head,
        action=data.get("action"),
        sender=_login(data.get("sender")),
        time=js.time(js.dig(mg, "head_commit", "timestamp")),
    )


def _pull_request(data: Payload) -> Event:
    pr = js.obj(data.get("pull_request"))
    base, head = js.text(js.dig(pr, "base", "sha")), js.text(js.dig(pr, "head", "sha"))
    if not (base and head):
        raise EventError("sự kiện pull_request thiếu base.sha/head.sha")
    title = pr.get("title") or ""
    draft = states.is_draft(pr.get("draft"), title, states.labels_of(pr))
    action = _action(data, title, draft)
    before = data.get("before") if action == "synchronize" else None
    return Event(
        "pull_request",
        base,
        head,
        action=action,
        number=pr.get("number"),
        before=before if isinstance(before, str) and before.strip("0") else None,
        author=_login(pr.get("user")),
        sender=_login(data.get("sender")),
        time=js.time(pr.get("updated_at")),
        draft=draft,
        title=title,
    )
