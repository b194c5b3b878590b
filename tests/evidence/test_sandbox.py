"""The sandbox: hard limits in real child processes, failures as values."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cchc.evidence import sandbox
from evidence import jobs

FAST = sandbox.Limits(timeout=1.0, memory_mb=256, workers=2)


def test_results_come_back_by_key():
    out = sandbox.run(jobs.echo, {k: (k * 2,) for k in range(5)}, FAST)
    assert out == {k: k * 2 for k in range(5)}


def test_a_hang_becomes_a_timeout_and_the_pool_goes_on():
    out = sandbox.run(jobs.spin, {"spin": ()}, FAST) | sandbox.run(jobs.sleep, {"sleep": ()}, FAST)
    assert out == {"spin": sandbox.Failure("timeout"), "sleep": sandbox.Failure("timeout")}
    mixed = {"a": (jobs.spin, ()), "b": (jobs.echo, ("ok",))}
    got = {k: sandbox.run(f, {k: args}, FAST)[k] for k, (f, args) in mixed.items()}
    assert got == {"a": sandbox.Failure("timeout"), "b": "ok"}


def test_memory_is_capped():
    assert sandbox.run(jobs.allocate, {"big": (2048,)}, FAST) == {"big": "memory"}
    assert sandbox.run(jobs.allocate, {"small": (16,)}, FAST) == {"small": 16 * 1024 * 1024}


def test_a_killed_worker_is_a_crash_and_an_exception_an_error():
    assert sandbox.run(jobs.die, {"x": ()}, FAST) == {"x": sandbox.Failure("crash")}
    assert sandbox.run(jobs.boom, {"x": ()}, FAST) == {"x": sandbox.Failure("error")}


def test_workers_cannot_write_files(tmp_path):
    target = tmp_path / "written.txt"
    out = sandbox.run(jobs.write_file, {"w": (str(target),)}, FAST)
    assert isinstance(out["w"], sandbox.Failure)  # Python ignores SIGXFSZ: the write fails (EFBIG)
    assert not target.exists() or target.stat().st_size == 0


def test_nothing_a_worker_prints_reaches_the_user():
    code = (
        "from cchc.evidence import sandbox\nfrom evidence import jobs\n"
        "if __name__ == '__main__':\n"
        "    print(sandbox.run(jobs.chatter, {1: ()}, sandbox.Limits(timeout=5))[1])\n"
        "    print(sandbox.run(jobs.boom, {1: ()}, sandbox.Limits(timeout=5))[1])\n"
    )
    assert _script(code) == ("said nothing\nFailure(reason='error')\n", "")


def test_a_forked_child_of_a_process_that_used_the_sandbox_can_use_it_too():
    """A build checks its dossiers in a forked process; this process may have started the fork
    server already (a test run, several builds in one process): the child starts its own."""
    code = (
        "from cchc import parallel\nfrom cchc.evidence import sandbox\nfrom evidence import jobs\n"
        "if __name__ == '__main__':\n"
        "    limits = sandbox.Limits(timeout=5, workers=1)\n"
        "    print(sandbox.run(jobs.echo, {1: ('here',)}, limits)[1])\n"
        "    there = parallel.Background(lambda: sandbox.run(jobs.echo, {1: ('there',)}, limits)[1], daemon=False)\n"
        "    print(there.wait())\n"
        "    print(sandbox.run(jobs.echo, {1: ('here again',)}, limits)[1])\n"
    )
    assert _script(code) == ("here\nthere\nhere again\n", "")


def _script(code: str) -> tuple[str, str]:
    """What ``code`` prints (standard output, standard error), run by a new interpreter."""
    tests = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tests,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(tests), "PATH": "/usr/bin:/bin"},
    )
    return done.stdout, done.stderr


def test_limits_from_the_environment():
    limits = sandbox.Limits.from_env(
        {"CCHC_EVIDENCE_TIMEOUT": "7.5", "CCHC_EVIDENCE_MEMORY_MB": "300", "CCHC_EVIDENCE_WORKERS": "nope"}
    )
    assert (limits.timeout, limits.memory_mb, limits.workers) == (7.5, 300, sandbox.Limits.workers)
