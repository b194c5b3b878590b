"""Run a function on untrusted input in child processes with hard limits.

A pool of worker processes (pebble), forked from a clean fork server that has the PDF
libraries preloaded, so a worker starts in milliseconds and thousands of files share a
few workers. Each worker gets an address-space limit (RLIMIT_AS: a MemoryError, or
death), a CPU budget per job (RLIMIT_CPU, renewed before each job), no core files, no
file writes and no stdout/stderr (nothing a parser prints can reach a user). Each job
also has a wall-clock timeout: pebble kills the worker and starts a new one. A job that
times out or kills its worker yields a ``Failure`` value, never an exception.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

from pebble import ProcessExpired, ProcessPool

PRELOAD = ["cchc.evidence.worker", "cchc.evidence.signatures"]  # imported once, in the fork server


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


def _confine(memory_mb: int) -> None:
    """Worker initializer: silence output, then fix the limits for the worker's lifetime."""
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


def run(func, jobs: dict, limits: Limits) -> dict:
    """``jobs``: key -> args tuple for ``func`` (a module-level function). Returns key ->
    result, or key -> Failure for a job that timed out, crashed its worker or raised."""
    if not jobs:
        return {}
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    workers = min(limits.workers or os.cpu_count() or 1, len(jobs))
    cpu = max(1, int(limits.timeout) + 1)
    out: dict = {}
    with ProcessPool(max_workers=workers, initializer=_confine, initargs=(limits.memory_mb,), context=context) as pool:
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
