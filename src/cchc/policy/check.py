"""``check_pr``: the whole verdict on one pull request, as findings.

1. the changed paths, from Git objects (``base...head``);
2. the policy context (administrators, units and their accounts, plans, councils, what the
   council has already recorded) from the **base** commit, which the pull request cannot change;
3. who: the author, and the pusher of this update, may change each part (``owners``); an
   event that pushed nothing (a label, a reopening, Gửi đi clicked by someone else) has no
   pusher, so its sender is not judged as the author of the content (``Event.pusher``);
4. when: the phase rules by the trusted event time and the receipts, verified against the
   base's signers file (``phases``, ``receipts``);
5. what: the touched dossiers, read from the head commit, validated by the code that is
   running, itself checked to be the base's (``validator``); CODEOWNERS kept in step.
A merge queue (``merge_group``) re-validates what it is about to merge; who and when were
judged on each pull request's own events.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import validation, vcs
from ..clock import now
from ..evidence.cache import ENV as CACHE_ENV
from ..evidence.cache import cache_dir
from ..findings import Finding, error, warning
from ..load import repository, shared
from ..load.listing import GitTree
from ..load.source import FileSource
from ..vcs import GitError
from . import codeowners, owners, phases, published, receipts, summary, validator
from . import paths as P
from .event import Event

if TYPE_CHECKING:
    from ..model.repository import Dossier, Repository
    from ..model.submission import Round
    from ..vcs import Git

CONTEXT = ["province.yaml", "units", "criteria", "plans"]
REGISTRY = ("province.yaml", "units/", "plans/", *codeowners.TARGETS.values())


@dataclass
class PrResult:
    event: Event
    base: str
    head: str
    changed: list[P.Changed] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    dossier: tuple[int, str] | None = None
    summary: dict[str, Any] | None = None
    phase: str = ""
    roles: list[str] = field(default_factory=list)
    checked: int = 0
    tz: str = "+07:00"  # the province's time zone, for showing times

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]


@dataclass(frozen=True)
class _Sides:
    """The policy context and the touched dossiers as the base has them, the dossiers as the
    head has them, and the dossiers the pull request touches."""

    base: Repository
    head: Repository
    touched: list[tuple[int, str]]


def _dossier_yaml(folders: list[str]) -> list[str]:
    return [f"{folder}/{name}" for folder in folders for name in repository.DOSSIER_FILES]


def check_pr(repo_dir: Path | str, event: Event) -> PrResult:
    if event.time is None:
        event = event.with_time(now(), "clock")
    if event.rerun and event.checked is None:
        event = replace(event, checked=now())
    # one look at the checkout's work tree: whether it is at head, and what the validation reads
    with (
        vcs.Git(repo_dir) as git,
        tempfile.TemporaryDirectory(prefix="cchc-pr-") as tmp,
        vcs.snapshot(),
        _caches_outside(git, event.head, Path(tmp) / "cache"),
    ):
        res = _check(git, event, Path(tmp))
    res.findings = sorted(set(res.findings))
    return res


@contextlib.contextmanager
def _caches_outside(git: Git, head: str, spare: Path) -> Iterator[None]:
    """The caches this run reads (PDF facts, the record of the shared files) never come from
    the pull request: when the cache folder lies in the checkout and the head commit holds
    anything at its top folder there (a pull request that commits a cache, or a link in its
    place), the run keeps its caches in ``spare`` instead. CI keeps them outside the checkout
    anyway (CCHC_CACHE_DIR); this holds for any other way of running the check."""
    root = Path(git.root).resolve()
    folder = cache_dir(root).absolute()
    top = folder.relative_to(root).parts[0] if folder.is_relative_to(root) and folder != root else None
    try:
        held = top is not None and bool(git.tree_modes(git.commit(head), [top]))
    except GitError:  # no head commit: the check says so itself
        held = False
    if not held:
        yield
        return
    before = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(spare)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(CACHE_ENV, None)
        else:
            os.environ[CACHE_ENV] = before


def _check(git: Git, event: Event, tmp: Path) -> PrResult:
    base, head = git.commit(event.base), git.commit(event.head)
    changed = [P.classify(c.path, c.status) for c in git.changes(base, head, three_dot=True)]
    touched = P.dossiers(changed)
    folders = [f"submissions/{y}/{u}" for y, u in touched]
    res = PrResult(event, base, head, changed, dossier=touched[0] if len(touched) == 1 else None)
    # The head first: its validation keeps the record of the shared files (load.shared) that the
    # base's load then reads its registry entries through, when the pull request left them as they were.
    head_repo = _check_head(git, res, folders, tmp / "head")
    (tmp / "base").mkdir()
    git.export(base, CONTEXT + _dossier_yaml(folders), tmp / "base")
    base_repo = _load(tmp / "base", folders, git.root)
    if base_repo.province is not None:
        res.tz = base_repo.province.timezone
    res.findings += validator.check(git, base)
    res.findings += published.check(base_repo, res.changed)  # a published year is frozen (base's plan)
    if not event.is_queue:
        res.findings += _policy(git, res, _Sides(base_repo, head_repo, touched))
    return res


def _check_head(git: Git, res: PrResult, folders: list[str], dest: Path) -> Repository:
    """Validate what the head changed (the running code judges it), and load its dossiers."""
    scope = validation.scope([c.path for c in res.changed])  # None: everything; []: nothing validated changed
    head_root = _head_tree(git, res.head, res.changed, scope, dest)
    # The checkout at head, as checked: what is read from its disk is the head's, and every other
    # file (another unit's evidence, for the content it shares) counts as the head has it, by its
    # index entry; an untracked file is no part of the head.
    with vcs.as_committed(head_root) if head_root == git.root else contextlib.nullcontext():
        if scope != []:
            # the dossiers' entries as the head's tree records them: an export shows a gitlink
            # as an empty folder, and a checkout may hold what the commit does not
            listed = GitTree(git.tree_modes(res.head, ["submissions"] if scope is None else scope))
            result = validation.validate(head_root, scope, listed)
            res.findings += result.findings
            res.checked = result.checked
        head_repo = _load(head_root, folders, git.root)
    if any(c.path.startswith(REGISTRY) for c in res.changed):
        res.findings += codeowners.check(head_repo, head_root)
    if res.dossier is not None:
        res.summary = summary.dossier(head_repo, *res.dossier)
    return head_repo


def _load(root: Path, folders: list[str], checkout: Path) -> Repository:
    """The repository at ``root`` with the dossiers in ``folders``. Its registry entries and the
    survey points of those dossiers' units are read on their own when the checkout's cache folder
    keeps a record for exactly these files (``load.shared``); its survey points are those units'
    only then, which is all the pull request's summary reads."""
    source, cache = FileSource(root), cache_dir(checkout)
    found = shared.inputs(source)
    known = shared.recall(cache, found) if found is not None else None
    indexed = known.registry if known is not None else None
    surveys = shared.recall_surveys(cache, source, {folder.rsplit("/", 1)[-1] for folder in folders})
    repo = repository.load(root, frozenset(folders), registry=indexed, given_surveys=surveys)
    if surveys is None:
        shared.remember_surveys(cache, source, repo)
    return repo


def _head_tree(git: Git, head: str, changed: list[P.Changed], scope: list[str] | None, dest: Path) -> Path:
    """The head commit's files: the checkout itself when it is exactly at head, else an export
    of what the checks need (the shared context, the touched dossiers, CODEOWNERS)."""
    folders = sorted({c.folder for c in changed if c.folder})
    needed = None if scope is None else [*CONTEXT, "surveys", *codeowners.TARGETS.values(), *scope, *folders]
    # the checkout is read where it holds the head's files: all of them for a full run, else
    # what the checks read from the disk (and the past results that a load reads with the surveys)
    if git.head_is(head, None if needed is None else [*needed, "history"]):
        git.lfs_pull(folders)
        return git.root
    git.export(head, needed, dest)
    dest.mkdir(exist_ok=True)
    return dest


def _policy(git: Git, res: PrResult, sides: _Sides) -> list[Finding]:
    if sides.base.province is None:
        return [
            error(
                "policy-base-unreadable",
                "province.yaml",
                "Không đọc được thông tin tỉnh (province.yaml) của nhánh chính nên không xác định được quyền.",
                "Báo quản trị (Sở Nội vụ) sửa province.yaml trên nhánh chính.",
            )
        ]
    out = _many_dossiers(res.changed, sides.touched) + _who(git, res, sides)
    for year, unit in sides.touched:
        out += _timing(git, res, year, unit, sides)
    return out


def _many_dossiers(changed: list[P.Changed], touched: list[tuple[int, str]]) -> list[Finding]:
    if len(touched) <= 1:
        return []
    first = next(c for c in changed if c.unit)
    return [
        error(
            "pr-many-dossiers",
            first.path,
            f"Yêu cầu gộp thay đổi hồ sơ của {len(touched)} đơn vị/năm: "
            + ", ".join(f"{u} ({y})" for y, u in touched)
            + ". Mỗi yêu cầu gộp chỉ được thay đổi "
            "hồ sơ của một đơn vị trong một năm.",
            "Tách thành các yêu cầu gộp riêng, mỗi đơn vị một yêu cầu.",
        )
    ]


def _who(git: Git, res: PrResult, sides: _Sides) -> list[Finding]:
    """The author may change what the pull request changes; the pusher, what this push changed."""
    event, changed = res.event, res.changed
    if not event.author:
        return [
            warning(
                "policy-author-unknown",
                changed[0].path if changed else "province.yaml",
                "Không rõ tài khoản người gửi nên chưa kiểm tra quyền sửa hồ sơ.",
                "Khai báo tài khoản bằng --author (hoặc 'git config cchc.account <tài khoản>').",
            )
        ]
    where: list[tuple[int | None, str | None]] = [*sides.touched] or [(None, None)]
    res.roles = sorted({r for y, u in where for r in owners.roles(sides.base, event.author, y, u)})
    out = owners.check(sides.base, changed, event.author, "Người gửi")
    if event.pusher and event.pusher != event.author:
        out += owners.check(sides.base, _pushed(git, event, res.head, changed), event.pusher, "Người đẩy commit")
    return out


def _pushed(git: Git, event: Event, head: str, changed: list[P.Changed]) -> list[P.Changed]:
    """The pull request's files this push changed (all of them when the previous head is unknown)."""
    if not event.before or not changed:
        return changed
    try:
        moved = {c.path for c in git.changes(git.commit(event.before), head, *[c.path for c in changed])}
    except GitError:  # the previous head is no longer in the repository (force push)
        return changed
    return [c for c in changed if c.path in moved]


def _rounds(dossier: Dossier | None) -> dict[int, Round] | None:
    if dossier is None or dossier.appraisal is None:
        return None if dossier is not None and "appraisal.yaml" in dossier.present else {}
    return {r.number: r for r in dossier.appraisal.rounds}


def _timing(git: Git, res: PrResult, year: int, unit: str, sides: _Sides) -> list[Finding]:
    event = res.event
    mine = [c for c in res.changed if c.year == year and c.unit == unit]
    province, when = sides.base.province, event.time
    if province is None or when is None:  # _policy checked the province; check_pr set the time
        return []
    plan = sides.base.plans.get(year)
    if plan is None:
        return [
            error(
                "policy-plan-missing",
                mine[0].path,
                f"Nhánh chính chưa có kế hoạch năm {year} (plans/{year}.yaml) nên chưa nhận hồ sơ năm này.",
                "Chờ Sở Nội vụ ban hành kế hoạch năm rồi gửi lại.",
            )
        ]
    found = receipts.find(git, year, unit, res.base)  # signers from the base: the pull request cannot add its own
    deadline = plan.deadline("self_assessment_closes", unit)
    received = found.received(deadline)
    ref = received.commit if received else git.merge_base(res.base, res.head)
    base_d = sides.base.dossiers.get((year, unit))
    head_d = sides.head.dossiers.get((year, unit))
    situation = phases.Situation(
        plan=plan,
        unit=unit,
        time=when,
        tz=province.timezone,
        base_rounds=_rounds(base_d) or {},
        head_rounds=_rounds(head_d),
        head_has_appraisal=head_d is not None and "appraisal.yaml" in head_d.present,
        locked_changes=receipts.locked_changes(git, ref, res.head, year, unit),
        receipt=received.name if received else None,
        action=event.action,
        closed=bool(found.current(deadline)),
        checked=event.checked if event.rerun else None,
        draft=event.draft,
    )
    if (year, unit) == res.dossier:
        res.phase = phases.describe(situation)
    return [receipts.finding(name, why, year, unit) for name, why in found.unverified] + phases.check(situation, mine)
