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


def run_once(cmd: list[str], cwd=None, env=None) -> Run:
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return Run(seconds, usage.ru_maxrss / 1024, proc.returncode, text)


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
        statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs), runs[0].returncode, runs[-1].output
    )
