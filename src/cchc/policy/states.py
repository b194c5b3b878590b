"""Submission states on the forge: draft (being prepared) or ready (*Gửi đi*).

Several ways to say it, all accepted: GitHub's draft flag ("Ready for review" / "Convert to
draft"), Gitea's work-in-progress title prefix, closing and reopening the pull request (a
closed pull request is not a submission; the web editor's open-authoring mode withdraws by
closing and sends by reopening), and the web editor's labels (Decap CMS's editorial workflow
marks a pull request ``decap-cms/draft``, ``decap-cms/pending_review`` when the unit sends it,
``decap-cms/pending_publish`` when a reviewer moves the card on to "ready").

Two questions use these: which state a timeline event moved a pull request to (``transition``,
for the close job's walk through its history), and whether one event is the act of sending or
withdrawing (``sent``, for the check of that event): a reviewer moving a card from "in review"
to "ready" moves it between two ready states; nobody sent anything then.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

WIP_PREFIXES = ("wip:", "[wip]", "draft:", "[draft]")
DRAFT_LABELS = frozenset({"decap-cms/draft"})
SEND_LABELS = frozenset({"decap-cms/pending_review"})
REVIEW_LABELS = frozenset({"decap-cms/pending_publish"})
READY_LABELS = SEND_LABELS | REVIEW_LABELS
READY, DRAFT = "ready_for_review", "converted_to_draft"


def is_wip(title: str | None) -> bool:
    return (title or "").strip().lower().startswith(WIP_PREFIXES)


def is_draft(flag: object, title: str, labels: Iterable[str]) -> bool:
    return bool(flag) or is_wip(title) or bool(DRAFT_LABELS & set(labels))


def transition(event: str | None, label: str | None = None) -> str | None:
    """READY or DRAFT when a forge event moved the pull request to that state (webhook action or timeline event)."""
    if event in ("ready_for_review", "reopened"):
        return READY
    if event in ("converted_to_draft", "convert_to_draft", "closed"):
        return DRAFT
    if event == "labeled":
        return READY if label in READY_LABELS else DRAFT if label in DRAFT_LABELS else None
    return None


def sent(event: str | None, label: str | None = None) -> str | None:
    """READY when the event itself sends the dossier (Gửi đi), DRAFT when it withdraws it, else None."""
    if event == "labeled" and label in REVIEW_LABELS:
        return None  # a reviewer's move between ready states
    if event == "unlabeled" and label in DRAFT_LABELS:
        return READY  # the editor may drop the draft label after adding the ready one
    return transition(event, label)


def edited(old_title: str | None, title: str | None) -> str | None:
    """Gitea's way: removing the work-in-progress prefix from the title sends, adding it withdraws."""
    if old_title is None or is_wip(old_title) == is_wip(title):
        return None
    return DRAFT if is_wip(title) else READY


def labels_of(obj: dict[str, Any]) -> list[str]:
    """The names of a pull request's labels (a forge's JSON: anything odd is left out)."""
    labels = obj.get("labels")
    found = [lb.get("name") for lb in labels if isinstance(lb, dict)] if isinstance(labels, list) else []
    return [name for name in found if isinstance(name, str) and name]
