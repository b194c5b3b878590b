"""Run a function on untrusted input in child processes with hard limits.

A pool of worker processes (pebble), forked from a clean fork server that has the PDF
reader preloaded, so a worker starts in milliseconds and thousands of files share a
few workers; a pool that needs more (pyHanko, for signatures) has its workers import it
before their limits are set and before their first job's clock starts. The fork server
is started with its output sent to /dev/null, like the workers'. pebble (which brings
asyncio and multiprocessing) is imported only when a file must be parsed.

Each worker gets an address-space limit (RLIMIT_AS: a MemoryError, or death), a CPU
budget per job (RLIMIT_CPU, renewed before each job), no core files, no
file writes and no stdout/stderr (nothing a parser prints can reach a user). Each job
also has a wall-clock timeout: pebble kills the worker and starts a new one. A job that
times out or kills its worker yields a ``Failure`` value, never an exception.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import resource
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.context import ForkServerContext

PRELOAD = ["cchc.evidence.worker"]  # imported once, in the fork server


@dataclass(frozen=True)
class Limits:
    timeout: float = 30.0  # wall-clock seconds per job
    memory_mb: int = 1024  # address space a worker may add to what it starts with
    workers: int = 0  # 0: one per CPU

    @classmethod
    def from_env(cls, env=os.environ) -> Limits:
        """CCHC_EVIDENCE_TIMEOUT (s), CCHC_EVIDENCE_MEMORY_MB, CCHC_EVIDENCE_WORKERS override the defaults."""

        def num(name, default, kind):
            try:
                value = kind(env.get(name, default))
                return value if value >= 0 else default
            except ValueError:
                return default

        return cls(
            num("CCHC_EVIDENCE_TIMEOUT", cls.timeout, float),
            num("CCHC_EVIDENCE_MEMORY_MB", cls.memory_mb, int),
            num("CCHC_EVIDENCE_WORKERS", cls.workers, int),
        )


@dataclass(frozen=True)
class Failure:
    reason: str  # "timeout" | "crash" | "error"


def _vm_size() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _start(memory_mb: int, imports: tuple[str, ...]) -> None:
    """Worker initializer: import what the jobs need, then confine the worker."""
    for name in imports:
        importlib.import_module(name)
    _confine(memory_mb)


def _confine(memory_mb: int) -> None:
    """Silence output, then fix the limits for the worker's lifetime."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    budget = _vm_size() + memory_mb * 1024 * 1024
    for limit, value in ((resource.RLIMIT_AS, budget), (resource.RLIMIT_CORE, 0), (resource.RLIMIT_FSIZE, 0)):
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(limit, (value, value))


def _job(func, args: tuple, cpu_seconds: int):
    """Give this job its own CPU budget on top of what the worker has used so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = int(usage.ru_utime + usage.ru_stime) + 1
    try:
        hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        resource.setrlimit(resource.RLIMIT_CPU, (used + cpu_seconds, hard))
    except (ValueError, OSError):
        pass
    return func(*args)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Standard output and error on /dev/null for what starts meanwhile (and inherits them)."""
    saved = [os.dup(1), os.dup(2)]
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, devnull):
            os.close(fd)


def _forget_fork_server() -> None:
    """In a child forked from a process that started the fork server: the server is not this
    process's child, so multiprocessing's check that it still runs (a wait for it) fails here.
    The child forgets it and starts its own if it needs one (a build checks dossiers in a
    forked process)."""
    forkserver = sys.modules.get("multiprocessing.forkserver")  # not imported: none started
    server: Any = getattr(forkserver, "_forkserver", None)  # the module's one server: no public way to reset it
    if getattr(server, "_forkserver_pid", None) is None:
        return
    with contextlib.suppress(OSError, TypeError):
        os.close(server._forkserver_alive_fd)
    server._forkserver_pid = server._forkserver_address = server._forkserver_alive_fd = None


os.register_at_fork(after_in_child=_forget_fork_server)


def _fork_server() -> ForkServerContext:
    """The fork server's context, the server started with no output: what a worker prints before
    its initializer runs (a worker that lost the race against a pool that is closing prints a
    traceback) must not reach the user either."""
    import multiprocessing
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    with _quiet():
        forkserver.ensure_running()
    return context


def run(func, jobs: dict, limits: Limits, imports: tuple[str, ...] = ()) -> dict:
    """``jobs``: key -> args tuple for ``func`` (a module-level function); ``imports``: modules
    each worker imports before its first job. Returns key -> result, or key -> Failure for a
    job that timed out, crashed its worker or raised."""
    if not jobs:
        return {}
    from concurrent.futures import TimeoutError as FutureTimeout

    from pebble import ProcessExpired, ProcessPool

    context = _fork_server()
    workers = min(limits.workers or os.cpu_count() or 1, len(jobs))
    cpu = max(1, int(limits.timeout) + 1)
    out: dict = {}
    start = (limits.memory_mb, tuple(imports))
    with ProcessPool(max_workers=workers, initializer=_start, initargs=start, context=context) as pool:
        futures = {
            key: pool.schedule(_job, args=(func, args, cpu), timeout=limits.timeout) for key, args in jobs.items()
        }
        for key, future in futures.items():
            try:
                out[key] = future.result()
            except FutureTimeout:
                out[key] = Failure("timeout")
            except ProcessExpired:
                out[key] = Failure("crash")
            except MemoryError:
                out[key] = Failure("crash")
            except Exception:  # raised inside the job: still a value here
                out[key] = Failure("error")
    return out
