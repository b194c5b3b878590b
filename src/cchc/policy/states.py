"""Submission states on the forge: draft (being prepared) or ready (*Gửi đi*).

Three ways to say it, all accepted: GitHub's draft flag ("Ready for review" / "Convert to
draft"), Gitea's work-in-progress title prefix, and the web editor's labels (Decap CMS's
editorial workflow marks a pull request ``decap-cms/draft`` or ``decap-cms/pending_review``).
"""

from __future__ import annotations

WIP_PREFIXES = ("wip:", "[wip]", "draft:", "[draft]")
DRAFT_LABELS = frozenset({"decap-cms/draft"})
READY_LABELS = frozenset({"decap-cms/pending_review", "decap-cms/pending_publish"})
READY, DRAFT = "ready_for_review", "converted_to_draft"


def is_draft(flag: bool, title: str, labels) -> bool:
    return bool(flag) or (title or "").strip().lower().startswith(WIP_PREFIXES) or bool(DRAFT_LABELS & set(labels))


def transition(event: str | None, label: str | None = None) -> str | None:
    """READY or DRAFT when a forge event changed the state (webhook action or timeline event)."""
    if event in ("ready_for_review",):
        return READY
    if event in ("converted_to_draft", "convert_to_draft"):
        return DRAFT
    if event == "labeled":
        return READY if label in READY_LABELS else DRAFT if label in DRAFT_LABELS else None
    return None


def labels_of(obj: dict) -> list[str]:
    return [lb.get("name") for lb in obj.get("labels") or () if isinstance(lb, dict) and lb.get("name")]
