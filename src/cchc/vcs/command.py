"""The one place a ``git`` process is started, for what GitPython has no object API for.

Every call goes through GitPython's command runner (``git.cmd.Git.execute``): one executable
lookup, standard input closed unless given (no prompt can hang a job), Git's messages in
English (GitPython sets ``LC_ALL=C``) so that they can be matched, and literal pathspecs
(``--literal-pathspecs``: a file named ``a[1].pdf`` is that file, not a pattern). Paths are
read from ``-z`` output (NUL-separated), so Vietnamese names are never octal-quoted and
``core.quotepath`` does not matter. GitPython itself is imported on the first call: importing
it costs 0.1 s, which a command that never touches Git should not pay.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .errors import GitError

if TYPE_CHECKING:
    from git.cmd import Git as Runner

__all__ = ["Output", "check", "run", "runner", "start", "text"]
NOT_INSTALLED = "không chạy được lệnh git (máy chưa cài Git?)"


@dataclass(frozen=True)
class Output:
    status: int
    out: bytes
    err: str

    @property
    def ok(self) -> bool:
        return self.status == 0


def runner(folder: Path | str) -> Runner:
    """GitPython's command runner for ``folder`` (commands run there, as ``git -C folder``)."""
    from git.cmd import Git

    return Git(str(folder))


def _command(args: Sequence[str], config: Sequence[str]) -> list[str]:
    from git.cmd import Git

    executable = Git.GIT_PYTHON_GIT_EXECUTABLE or "git"
    settings = [part for setting in config for part in ("-c", setting)]
    return [executable, *settings, "--literal-pathspecs", *args]


def run(
    runner: Runner,
    *args: str,
    config: Sequence[str] = (),
    stdin: BinaryIO | None = None,
    timeout: float | None = None,
    env: Mapping[str, str] | None = None,
) -> Output:
    """``git <args>`` in the runner's folder; ``config`` are ``key=value`` settings for this call
    only, ``env`` environment variables added for it."""
    from git.exc import GitCommandNotFound

    try:
        done = runner.execute(
            _command(args, config),
            istream=stdin,
            with_extended_output=True,
            with_exceptions=False,
            stdout_as_string=False,
            strip_newline_in_stdout=False,
            kill_after_timeout=timeout,
            env=env,
        )
    except GitCommandNotFound as exc:
        raise GitError(NOT_INSTALLED, str(exc)) from exc
    status, out, err = done
    return Output(status, out, err)


def check(runner: Runner, *args: str, what: str, config: Sequence[str] = ()) -> bytes:
    """The output of ``git <args>``; ``GitError(what, Git's message)`` when it fails."""
    done = run(runner, *args, config=config)
    if not done.ok:
        raise GitError(what, done.err.strip())
    return done.out


def start(runner: Runner, *args: str) -> Runner.AutoInterrupt:
    """``git <args>`` as a running process whose output is read as it comes (``.proc.stdout``);
    its ``wait()`` raises GitPython's ``GitCommandError`` when Git failed."""
    from git.exc import GitCommandNotFound

    try:
        return runner.execute(_command(args, ()), as_process=True)
    except GitCommandNotFound as exc:
        raise GitError(NOT_INSTALLED, str(exc)) from exc


def text(data: bytes) -> str:
    """Git output as text: UTF-8, any other byte kept (surrogateescape) rather than lost."""
    return data.decode("utf-8", "surrogateescape")
