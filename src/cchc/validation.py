"""The validation job as a library call: load → checks → a result object."""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import checks, parallel, vcs, verdicts
from .buildcache import Store
from .evidence.cache import cache_dir
from .findings import Finding
from .load import kept, repository, shared
from .load.source import FileSource
from .model.repository import Listing
from .vcs import GitError

# GitError: what changed_since raises
__all__ = ["SHARED", "Checking", "GitError", "Result", "changed_since", "scope", "start", "validate", "validate_cached"]

# Paths whose change can alter any dossier's verdict: a change there means a full run.
SHARED = ("province.yaml", "units/", "criteria/", "plans/", "history/", "schemas/", "src/", "pyproject.toml")


@dataclass
class Result:
    findings: list[Finding]
    checked: int  # dossiers checked
    repo: repository.Repository
    reloaded: int = 0  # dossiers taken as an earlier build loaded them (load.kept)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


def _under(path: str, prefixes: list[str]) -> bool:
    return any(p in ("", ".") or path == p or path.startswith(p.rstrip("/") + "/") for p in prefixes)


def _wanted(paths: list[str]) -> Callable[[str], bool]:
    """``folder`` → whether it is one of ``paths``, below one, or above one: what
    ``_under(folder, paths) or any(_under(p, [folder]) for p in paths)`` says, by set lookups (a
    national repository has 6,600 dossier folders to ask about)."""
    given = {p.rstrip("/") for p in paths}
    if given & {"", "."}:
        return lambda folder: True
    above = {"/".join(p.split("/")[:i]) for p in given for i in range(1, p.count("/") + 2)}

    def wanted(folder: str) -> bool:
        if folder in above:
            return True
        at = len(folder)
        while at > 0:  # the folder, then each folder above it
            if folder[:at] in given:
                return True
            at = folder.rfind("/", 0, at)
        return False

    return wanted


def _dossiers(paths: list[str]) -> frozenset[str] | None:
    """The dossier folders ``_wanted(paths)`` says yes to, when ``paths`` name nothing larger than
    a dossier's folder (they are then the folders of those below ``submissions/<year>/``); None
    otherwise."""
    out = set()
    for path in paths:
        parts = path.rstrip("/").split("/")
        if parts[0] == "submissions" and len(parts) >= 3 and all(parts[:3]):
            out.add("/".join(parts[:3]))
        elif parts[0] in ("", ".", "submissions"):
            return None  # the whole repository, submissions/ or a year's folder
    return frozenset(out)


def _checked(
    root: Path, paths: list[str] | None, surveys: bool, listing: Listing | None
) -> tuple[repository.Repository, list[Finding]]:
    """Load and check; a limited run reads the registry through the record of the shared files
    when one holds for them (``load.shared``), and any run that read them whole keeps one."""
    inputs = shared.inputs(FileSource(root))
    known = shared.recall(cache_dir(root), inputs) if inputs is not None and paths is not None else None
    indexed = known.registry if known is not None else None
    wanted = None if paths is None else _dossiers(paths) or _wanted(paths)
    repo = repository.load(root, wanted, surveys=surveys, scope=paths, listing=listing, registry=indexed)
    wide = list(known.findings) if known is not None else checks.registry_wide(repo)
    found = checks.run(repo, known=wide)
    if known is None:  # a full run (paths None) read the surveys whole too
        _keep_shared(root, inputs, repo, wide, surveys=paths is None)
    return repo, found


def validate(root: Path | str, paths: list[str] | None = None, listing: Listing | None = None) -> Result:
    """Validate the repository at ``root``; ``paths`` (repo-relative) limit what is reported;
    ``listing`` says what the dossier folders hold when the disk cannot (a Git tree's links
    and gitlinks, which an export turns into something else).

    The framework, plans and registry are always loaded (the dossiers need them); only
    dossiers under ``paths`` are checked, and only their findings are reported, plus
    blocking errors in the shared files, which affect every dossier. Survey points are
    loaded only when a survey file is among ``paths`` (or for a full run).
    """
    surveys = paths is None or any(_under(p, ["surveys"]) or _under("surveys", [p]) for p in paths)
    with vcs.snapshot():  # one look at the work tree for the whole run
        repo, found = _checked(Path(root), paths, surveys, listing)
    if paths is not None:
        found = [f for f in found if _under(f.file, paths) or (f.is_error and not f.file.startswith("submissions/"))]
    return Result(sorted(set(found)), len(repo.dossiers), repo)


def validate_cached(root: Path | str, store: Store, processes: int = 1) -> tuple[Result, verdicts.Outcome]:
    """What ``validate(root)`` finds, reusing the loaded dossiers and their verdicts ``store``
    keeps (and keeping this run's); the dossiers still to check are checked in up to
    ``processes`` processes."""
    return start(root, store, processes, elsewhere=False).wait()


class Checking:
    """A loaded repository whose checks run, in another process, until ``wait()``."""

    def __init__(self, repo: repository.Repository, reloaded: int, running: parallel.Background) -> None:
        self.repo = repo
        self._count = len(repo.dossiers)
        self._reloaded = reloaded
        self._running = running
        self._asked = False  # whether wait() was called
        self._done: tuple[Result, verdicts.Outcome] | None = None

    def let_go_of_dossiers(self) -> repository.Repository:
        """The repository without its dossiers (the checking process has its own): what a
        build's pages read; a national roll-up's dossiers are half of its memory."""
        self.repo = dataclasses.replace(self.repo, dossiers={})
        return self.repo

    def settle(self) -> None:
        """Collect the checking process, whatever happened here: a run that failed before
        waiting for its findings would otherwise wait for that process at exit, for ever once
        the findings fill the pipe to a process that no longer reads them."""
        if not self._asked:
            with contextlib.suppress(Exception):
                self.wait()

    def wait(self) -> tuple[Result, verdicts.Outcome]:
        """What the checks found (waited for once)."""
        self._asked = True
        if self._done is None:
            outcome = self._running.wait()
            self._done = Result(outcome.findings, self._count, self.repo, self._reloaded), outcome
            del self._running  # and with it what the checks were given
        return self._done


def start(
    root: Path | str,
    store: Store,
    processes: int = 1,
    elsewhere: bool = True,
    meanwhile: Callable[[], None] | None = None,
) -> Checking:
    """Load the repository (as ``validate_cached``) and start checking it: in another process
    when ``elsewhere`` and the build may use more than one (``cchc build`` works out the scores
    and makes the pages meanwhile, and publishes them only once the checks found no error);
    here, at ``wait()``, otherwise."""
    root = Path(root)
    reuse = kept.Kept(store) if store.enabled else None
    inputs = shared.inputs(FileSource(root))
    repo = repository.load(root, processes=processes, reuse=reuse, meanwhile=meanwhile)
    if reuse is not None:
        reuse.keep_only_used()
    # Only the findings come back from the checking process: the verdicts, the evidence facts
    # and the records for pull requests are written to the caches there. Should it die, the
    # dossiers (which this process lets go of) are loaded again, from the build cache.
    elsewhere = elsewhere and processes > 1
    running = parallel.Background(
        lambda: _verdicts(root, store, processes, inputs, repo),
        fork=elsewhere,
        daemon=False,
        instead=lambda: _verdicts(root, store, processes, inputs, _reload(root, store, processes)),
    )
    checking = Checking(repo, reuse.hits if reuse else 0, running)
    if not elsewhere:
        checking.wait()  # checked now: the dossiers need not be kept for later
    return checking


def _reload(root: Path, store: Store, processes: int) -> repository.Repository:
    return repository.load(root, processes=processes, reuse=kept.Kept(store) if store.enabled else None)


def _verdicts(
    root: Path, store: Store, processes: int, inputs: shared.Inputs | None, repo: repository.Repository
) -> verdicts.Outcome:
    started = time.perf_counter()
    wide = checks.registry_wide(repo)
    outcome = verdicts.check(repo, store, processes, known=wide)
    _keep_shared(root, inputs, repo, wide, surveys=True)
    return dataclasses.replace(outcome, seconds=time.perf_counter() - started)


def _keep_shared(
    root: Path, inputs: shared.Inputs | None, repo: repository.Repository, wide: list[Finding], *, surveys: bool
) -> None:
    """The records a one-dossier check reads the registry and survey points by (``load.shared``),
    after a run that read them whole: ``cchc build`` in the publish workflow hands them, with the
    evidence facts, to the pull-request check."""
    folder = cache_dir(root)
    if inputs is not None:
        shared.remember(folder, inputs, repo, wide)
    if surveys:
        shared.remember_surveys(folder, FileSource(root), repo)


def changed_since(root: Path | str, base: str) -> list[str]:
    """Repo-relative paths that differ between ``base`` and the working tree (commits on top
    of it, uncommitted edits and new untracked files). Judged by content, not by dates.
    Raises GitError."""
    with vcs.Git(root) as git:
        return git.worktree_changes(base)


def scope(changed: list[str]) -> list[str] | None:
    """What to validate for a set of changed paths: None = everything; else dossier folders
    and survey files (an empty list: nothing that is validated changed)."""
    out: set[str] = set()
    for path in changed:
        if any(path == s or path.startswith(s) for s in SHARED):
            return None
        parts = path.split("/")
        if parts[0] == "submissions" and len(parts) >= 3:
            out.add("/".join(parts[:3]))
        elif parts[0] == "surveys":
            out.add(path)
    return sorted(out)
