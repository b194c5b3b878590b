"""Whole-process measurement: wall time and peak resident memory of a command.

Peak memory is the child's own maximum RSS (os.wait4 rusage), so each figure belongs
to one command; grandchildren (e.g. the Pagefind binary) are measured separately
where it matters.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass


@dataclass
class Run:
    seconds: float
    peak_mb: float
    returncode: int
    output: str = ""
    cpu: float = 0.0  # user + system seconds of the command and the children it waited for


def run_once(cmd: list[str], cwd=None, env=None) -> Run:
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return Run(seconds, usage.ru_maxrss / 1024, proc.returncode, text, usage.ru_utime + usage.ru_stime)


def median_run(cmd: list[str], repeat: int = 3, cwd=None, env=None, before=None) -> Run:
    runs = []
    for _ in range(repeat):
        if before:
            before()
        runs.append(run_once(cmd, cwd=cwd, env=env))
    bad = [r for r in runs if r.returncode not in (0, 1)]
    if bad:
        raise RuntimeError(f"{' '.join(cmd)} exited {bad[0].returncode}")
    return Run(
        statistics.median(r.seconds for r in runs),
        max(r.peak_mb for r in runs),
        runs[0].returncode,
        runs[-1].output,
        cpu=statistics.median(r.cpu for r in runs),
    )


@dataclass
class Pair:
    a: Run  # median wall time, largest peak of command A
    b: Run
    ratio: float  # median of the pairs' A ÷ B
    low: float  # smallest and largest pair ratio: the spread says how noisy the machine was
    high: float


def paired(cmd_a: list[str], cmd_b: list[str], repeat: int = 3, before_a=None, before_b=None, env=None) -> Pair:
    """A and B in turn (A B A B …), the ratio taken pair by pair: a machine whose speed drifts
    during the measurement moves both commands of a pair alike."""
    runs_a, runs_b = [], []
    for _ in range(repeat):
        for cmd, before, runs in ((cmd_a, before_a, runs_a), (cmd_b, before_b, runs_b)):
            if before:
                before()
            runs.append(run_once(cmd, env=env))
    bad = [r for r in runs_a + runs_b if r.returncode != 0]
    if bad:
        raise RuntimeError(f"exited {bad[0].returncode}: {bad[0].output[-2000:]}")
    ratios = [a.seconds / b.seconds for a, b in zip(runs_a, runs_b, strict=True)]

    def summary(runs: list[Run]) -> Run:
        return Run(
            statistics.median(r.seconds for r in runs),
            max(r.peak_mb for r in runs),
            0,
            runs[-1].output,
            cpu=statistics.median(r.cpu for r in runs),
        )

    return Pair(summary(runs_a), summary(runs_b), statistics.median(ratios), min(ratios), max(ratios))
