"""Independent work in forked processes (cchc.parallel): results in order, errors raised in the
caller, a dead worker's tasks done again rather than lost, no fork while other threads run."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from cchc import parallel


def _fresh(code: str) -> str:
    """Run ``code`` in a new interpreter: forking needs a process with no other thread alive,
    which a test session (browsers, servers of earlier tests) does not promise."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    return done.stdout.strip()


def test_results_come_back_in_task_order_from_several_processes():
    code = (
        "import os\nfrom cchc import parallel\nparent = os.getpid()\n"
        "out = parallel.run(lambda t: (t * t, os.getpid() != parent), list(range(20)), 2)\n"
        "print([r for r, _ in out] == [t * t for t in range(20)], any(f for _, f in out))"
    )
    assert _fresh(code) == "True True"


# A task that waits (up to 30 s) for a file the caller writes: (task, the pid that did it, None if too late).
_WAITS_FOR_FLAG = (
    "import os, tempfile, time\nfrom cchc import parallel\nflag = tempfile.mktemp()\n"
    "def work(t):\n"
    "    for _ in range(600):\n"
    "        if os.path.exists(flag): return (t, os.getpid())\n"
    "        time.sleep(0.05)\n"
    "    return (t, None)\n"
)


def test_the_caller_works_meanwhile_while_the_workers_run():
    """``meanwhile`` runs in the caller once the workers are started: a worker waiting for a
    file the caller writes meanwhile finishes."""
    code = _WAITS_FOR_FLAG + (
        "seen = []\n"
        "out = parallel.run(work, [1, 2], 2, meanwhile=lambda: (seen.append(os.getpid()), open(flag, 'w').close()))\n"
        "print([t for t, _ in out], all(p not in (None, os.getpid()) for _, p in out), seen == [os.getpid()])"
    )
    assert _fresh(code) == "[1, 2] True True"


def test_each_result_is_handed_out_while_later_tasks_still_run():
    """``each``: the caller has the first result while the last task waits for a file the caller
    writes only once it has that result."""
    code = (
        "import os, tempfile, time\nfrom cchc import parallel\nflag = tempfile.mktemp()\n"
        "def work(t):\n"
        "    if t == 0: return 'first'\n"
        "    for _ in range(600):\n"
        "        if os.path.exists(flag): return 'last'\n"
        "        time.sleep(0.05)\n"
        "    return 'too late'\n"
        "out = []\n"
        "for got in parallel.each(work, [0, 1], 2):\n"
        "    out.append(got)\n"
        "    open(flag, 'w').close()\n"
        "print(out)"
    )
    assert _fresh(code) == "['first', 'last']"


def test_meanwhile_runs_first_in_one_process():
    order: list[str] = []
    out = parallel.run(lambda t: order.append(f"task {t}") or t, [1, 2], 1, meanwhile=lambda: order.append("meanwhile"))
    assert out == [1, 2] and order == ["meanwhile", "task 1", "task 2"]


def test_a_workers_error_is_raised_in_the_caller():
    def work(t: int) -> int:
        if t == 3:
            raise ValueError("hỏng")
        return t

    with pytest.raises(ValueError, match="hỏng"):
        parallel.run(work, [1, 2, 3, 4], 2)


def test_the_tasks_of_a_worker_that_died_are_done_in_the_caller():
    parent = os.getpid()

    def work(t: int) -> int:
        if os.getpid() != parent:
            os._exit(3)  # killed, out of memory…
        return t + 1

    assert parallel.run(work, [1, 2, 3], 2) == [2, 3, 4]


def test_no_fork_while_another_thread_runs():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert parallel.run(lambda t: os.getpid(), [1, 2, 3], 2) == [os.getpid()] * 3
    finally:
        stop.set()
        thread.join()


def test_chunks_keep_order_and_size():
    assert parallel.chunks(list(range(7)), 3) == [[0, 1, 2], [3, 4], [5, 6]]
    assert parallel.chunks([1], 4) == [[1]]
    assert parallel.chunks([], 2) == []


def test_background_work_gives_its_result_or_its_error():
    code = "import os\nfrom cchc import parallel\nprint(parallel.Background(os.getpid).wait() != os.getpid())"
    assert _fresh(code) == "True"

    def fail() -> None:
        raise RuntimeError("không ghi được")

    with pytest.raises(RuntimeError, match="không ghi được"):
        parallel.Background(fail).wait()


def test_background_work_that_is_no_daemon_may_fork_workers_of_its_own():
    """A build's checks run in a background process that checks its dossiers in workers."""
    code = (
        "import os\nfrom cchc import parallel\nparent = os.getpid()\n"
        "def check():\n"
        "    here = os.getpid()\n"
        "    pids = parallel.run(lambda t: os.getpid(), [1, 2], 2)\n"
        "    return here != parent and all(p not in (here, parent) for p in pids)\n"
        "print(parallel.Background(check, daemon=False).wait())"
    )
    assert _fresh(code) == "True"


def test_background_work_that_died_is_replaced_by_what_the_caller_said():
    """``instead`` runs in the caller in place of a process that died (a build's checks then
    load the dossiers again, which the caller let go of); without a fork, the work itself runs."""
    code = (
        "import os\nfrom cchc import parallel\nparent = os.getpid()\n"
        "def work():\n"
        "    if os.getpid() != parent:\n"
        "        os._exit(9)\n"
        "    return 'the work itself'\n"
        "print(parallel.Background(work, instead=lambda: 'instead').wait())\n"
        "print(parallel.Background(work, fork=False, instead=lambda: 'instead').wait())"
    )
    assert _fresh(code).splitlines() == ["instead", "the work itself"]


def test_background_work_that_died_is_done_in_the_caller():
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            os._exit(9)
        return 42

    assert parallel.Background(work).wait() == 42


def test_workers_leave_what_they_inherited_out_of_their_collections():
    """Forked workers run with the parent's objects frozen (gc.freeze), so their collections do
    not write to (and copy) every inherited object; the parent's collector is as before afterwards."""
    code = (
        "import gc, os\nfrom cchc import parallel\nparent = os.getpid()\n"
        "kept = [[i] for i in range(50_000)]\n"
        "out = parallel.run(lambda t: (gc.get_freeze_count(), os.getpid() != parent), list(range(8)), 2)\n"
        "back = parallel.Background(lambda: gc.get_freeze_count()).wait()\n"
        "print(min(n for n, forked in out if forked) >= 50_000, back >= 50_000, gc.get_freeze_count())"
    )
    assert _fresh(code) == "True True 0"


def test_started_workers_work_while_the_caller_goes_on():
    """``started``: it returns once the workers have their tasks; a worker waiting for a file
    the caller writes only after that returns finishes, and the results come in task order."""
    code = _WAITS_FOR_FLAG + (
        "running = parallel.started(work, [1, 2, 3], 2)\n"
        "open(flag, 'w').close()\n"
        "out = list(running)\n"
        "print([t for t, _ in out], all(p not in (None, os.getpid()) for _, p in out))"
    )
    assert _fresh(code) == "[1, 2, 3] True"


def test_started_work_closed_before_its_results_leaves_no_worker_behind():
    code = (
        "import multiprocessing, time\nfrom cchc import parallel\n"
        "running = parallel.started(lambda t: time.sleep(0.2) or t, [1, 2, 3, 4], 2)\n"
        "running.close()\n"
        "print(multiprocessing.active_children())"
    )
    assert _fresh(code) == "[]"


def test_started_in_one_process_works_as_the_results_are_taken():
    done: list[int] = []
    running = parallel.started(lambda t: done.append(t) or t * 10, [1, 2], 1)
    assert done == []
    assert list(running) == [10, 20] and done == [1, 2]
