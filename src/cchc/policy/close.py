"""Closing a year's entry: who submitted on time, recorded as receipt tags.

Run by the scheduled workflow after a self-assessment deadline (per unit: extensions move
it). For each unit whose deadline has passed and that has no receipt for that deadline yet:
- a pull request that was ready for review (*Gửi đi*) at the deadline is received: the tag
  ``nop/<year>/<unit>`` points at the commit it had **at the deadline** (known from the forge's
  own records of its check runs, never from commit dates);
- else a dossier already merged into the main branch is received as it stands there;
- else the unit is recorded as not submitted (``chua-nop/<year>/<unit>``), and its open drafts
  are told, in Vietnamese, that entry is locked.
A receipt counts as recorded only when it verifies (``receipts.verify``, against the main
branch's signers file): a tag someone else pushed under a receipt's name is decided again and
replaced, and the record names it.
The forge data (open pull requests, their timelines and check runs) is read from JSON files
the workflow fetched; the decisions are pure; applying them is ``git tag -s`` (an SSH signature
by the close job's key, each new tag verified before anything is pushed) and ``git push``.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..vcs import GitError
from . import notices, owners, receipts, states
from . import paths as P
from . import payload as js
from .payload import Payload

if TYPE_CHECKING:
    from ..model.registry import Unit
    from ..model.repository import Repository
    from ..vcs import Git


@dataclass
class Pull:
    number: int
    author: str
    draft: bool
    head: str
    created: datetime | None
    timeline: list[tuple[str, datetime]] = field(default_factory=list)  # (state moved to: READY/DRAFT, time)
    runs: list[tuple[str, datetime]] = field(default_factory=list)  # (head sha, time the check run was created)

    def ready_at(self, when: datetime) -> bool:
        """Was it ready for review at ``when``? The state its last move by then left it in; with no
        move by then, the state its first later move left (a move to ready was made from a draft);
        with no move at all, its state now. A move between two ready states (a reviewer moving
        the web editor's card on) leaves it ready."""
        moves = sorted(self.timeline, key=lambda x: x[1])
        done = [moved_to for moved_to, t in moves if t <= when]
        if done:
            return done[-1] == states.READY
        if moves:
            return moves[0][0] != states.READY
        return not self.draft

    def head_at(self, when: datetime) -> str | None:
        """The head the pull request had at ``when``: that of its last check run created by then."""
        before = sorted((t, sha) for sha, t in self.runs if t <= when)
        return before[-1][1] if before else None


@dataclass
class Decision:
    year: int
    unit: str
    name: str
    deadline: datetime
    received: bool
    commit: str
    pull: int | None = None
    note: str = ""
    replaced: list[str] = field(default_factory=list)  # tags that failed verification, replaced by this one

    @property
    def tag(self) -> str:
        return receipts.tag_name(receipts.RECEIVED if self.received else receipts.MISSING, self.year, self.unit)

    @property
    def other_tag(self) -> str:
        return receipts.tag_name(receipts.MISSING if self.received else receipts.RECEIVED, self.year, self.unit)


def _items(path: Path) -> list[Any]:
    """A JSON array, or one JSON value per line (what `gh api --paginate --jq '.[]'` prints).
    Raises ValueError when it is not JSON."""
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8").strip()
    try:
        if text.startswith("["):
            found = json.loads(text)
            return found if isinstance(found, list) else []
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    except RecursionError as exc:  # [[[[…]]]]
        raise ValueError(f"{path}: JSON lồng quá sâu") from exc


def _records(folder: Path | None, name: str) -> list[Payload]:
    """The JSON objects in one of a pull request's forge files (none without a folder)."""
    return [r for r in _items(folder / name) if isinstance(r, dict)] if folder else []


def load_pulls(pulls_file: Path, data_dir: Path | None) -> list[Pull]:
    """The open pull requests, each with its timeline and check runs. Raises ValueError, KeyError
    or TypeError on data that is not the forge's (the command says so)."""
    return [_pull(p, data_dir) for p in _items(pulls_file)]


def _pull(p: object, data_dir: Path | None) -> Pull:
    if not isinstance(p, dict):
        raise ValueError("một yêu cầu gộp không phải đối tượng JSON")
    n = int(p["number"])
    folder = Path(data_dir, str(n)) if data_dir else None
    moves = [
        (states.transition(js.text(e.get("event")), js.text(e.get("label"))), js.time(e.get("created_at")))
        for e in _records(folder, "timeline.json")
    ]
    runs = [(js.text(r.get("head_sha")), js.time(r.get("created_at"))) for r in _records(folder, "runs.json")]
    return Pull(
        n,
        (js.text(js.dig(p, "user", "login")) or "").lower(),
        states.is_draft(p.get("draft"), js.text(p.get("title")) or "", states.labels_of(p)),
        js.text(js.dig(p, "head", "sha")) or "",
        js.time(p.get("created_at")),
        [(moved, when) for moved, when in moves if moved and when],
        [(sha, when) for sha, when in runs if sha and when],
    )


def _dossier_of(git: Git, main: str, sha: str) -> tuple[int, str] | None:
    try:
        touched = P.dossiers([P.classify(c.path, c.status) for c in git.changes(main, git.commit(sha), three_dot=True)])
    except GitError:
        return None
    return touched[0] if len(touched) == 1 else None


def _recorded(git: Git, year: int, unit: str, main: str) -> receipts.Found:
    """The unit's receipts, verified against the main branch's signers: a tag that fails is not a
    record (the unit is decided again and the tag replaced by a signed one)."""
    return receipts.find(git, year, unit, main)


def decide(
    git: Git, repo: Repository, year: int, now: datetime, pulls: list[Pull], main: str, current_heads: bool = False
) -> list[Decision]:
    """``current_heads``: the forge keeps no history of check runs (some Gitea/Forgejo versions):
    take each pull request's head as it is now, so the job must run right at the deadline."""
    plan = repo.plans.get(year)
    if plan is None:
        return []
    by_unit: dict[str, list[Pull]] = {}
    for pull in pulls:
        d = _dossier_of(git, main, pull.head)
        if d is not None and d[0] == year:
            by_unit.setdefault(d[1], []).append(pull)
    out = []
    for unit in sorted(repo.units_in(year), key=lambda u: u.id):
        deadline = plan.deadline("self_assessment_closes", unit.id)
        if now <= deadline:
            continue
        found = _recorded(git, year, unit.id, main)
        if found.current(deadline):
            continue
        decision = _decide_unit(git, repo, year, unit, deadline, by_unit.get(unit.id, []), main, current_heads)
        decision.replaced = [name for name, _ in found.unverified]
        out.append(decision)
    return out


def _decide_unit(
    git: Git,
    repo: Repository,
    year: int,
    unit: Unit,
    deadline: datetime,
    pulls: list[Pull],
    main: str,
    current_heads: bool,
) -> Decision:
    sent = _submitted(repo, year, unit, deadline, pulls, current_heads)
    if sent is not None:
        pull, at = sent
        note = "" if at == pull.head else "các lần đẩy sau thời hạn không được tính"
        return Decision(year, unit.id, unit.name, deadline, True, at, pull.number, note)
    if git.exists(main, f"submissions/{year}/{unit.id}/self-assessment.yaml"):
        return Decision(year, unit.id, unit.name, deadline, True, main, None, "hồ sơ đã gộp vào nhánh chính")
    return Decision(year, unit.id, unit.name, deadline, False, main)


def _submitted(
    repo: Repository, year: int, unit: Unit, deadline: datetime, pulls: list[Pull], current_heads: bool
) -> tuple[Pull, str] | None:
    """The pull request the unit had sent (ready for review, by an account of the unit) at the
    deadline, and the commit it had then; the last checked one when there are several."""
    ready = []
    for pull in pulls:
        allowed = owners.roles(repo, pull.author, year, unit.id) & {"unit", "admin"}
        at = pull.head_at(deadline) or (pull.head if current_heads and not pull.runs else None)
        if allowed and pull.ready_at(deadline) and at and (pull.created is None or pull.created <= deadline):
            ready.append((max((t for _, t in pull.runs if t <= deadline), default=deadline), pull, at))
    if not ready:
        return None
    _, pull, at = max(ready, key=lambda x: (x[0], x[1].number))
    return pull, at


def comments(decisions: list[Decision], pulls: list[Pull], git: Git, main: str, tz: str) -> list[dict[str, Any]]:
    """What to tell each open pull request of a unit that was just closed."""
    closed = {(d.year, d.unit): d for d in decisions}
    out = []
    for pull in pulls:
        dossier = _dossier_of(git, main, pull.head)
        d = closed.get(dossier) if dossier else None
        if d is not None:
            out.append({"pull": pull.number, "body": notices.for_pull(d, pull, tz)})
    return out


def apply(git: Git, decisions: list[Decision], tz: str, key: Path, remote: str | None = None) -> list[str]:
    """Create (or replace) the receipt tags, signed with ``key``; check each against the main
    branch's signers file before anything is pushed; push them to ``remote`` when given."""
    main = git.commit("HEAD")
    for d in decisions:
        _sign(git, d, tz, key)
    _check_signed(git, decisions, main)
    for d in decisions:
        if git.tag_ref(d.other_tag):  # an extension changed the outcome (or a forged tag): the old record goes
            git.delete_tag(d.other_tag)
            if remote:
                with contextlib.suppress(GitError):  # not on the server: nothing to replace there
                    git.push(remote, f":refs/tags/{d.other_tag}")
    names = [d.tag for d in decisions]
    if remote and names:
        try:
            git.push(remote, *[f"refs/tags/{n}" for n in names], force=True)
        except GitError as exc:
            raise GitError("không đẩy được thẻ tiếp nhận", exc.detail) from exc
    return names


def _sign(git: Git, d: Decision, tz: str, key: Path) -> None:
    """An annotated tag signed with an SSH key (``git tag -s``, ``gpg.format=ssh``)."""
    git.sign_tag(d.tag, d.commit, notices.tag_message(d, tz), key)


def _check_signed(git: Git, decisions: list[Decision], main: str) -> None:
    """Every new tag verifies as a receipt for its deadline, or none is kept (nothing pushed)."""
    for d in decisions:
        found = receipts.find(git, d.year, d.unit, main)
        if any(r.name == d.tag for r in found.current(d.deadline)):
            continue
        why = next((reason for name, reason in found.unverified if name == d.tag), "không đọc lại được")
        for done in decisions:
            git.delete_tag(done.tag)
        raise GitError(
            f"thẻ {d.tag} vừa ký không xác thực được ({why}); khoá ký phải có khoá công khai trong "
            f"{receipts.SIGNERS} của nhánh chính. Chưa đẩy thẻ nào"
        )
