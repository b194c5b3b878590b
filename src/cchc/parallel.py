"""Independent work on both cores: tasks run in forked worker processes.

A build's independent work (checking dossiers, rendering page bodies) reads large values the
parent has already made (the loaded repository, the results). Forked workers inherit them as
they are, at no cost: only the tasks (small keys) and the results travel between processes.
``work`` must therefore be a module-level function or a value set up before ``run`` is called.

Forking a process that runs other threads may leave a lock held forever in the child, so
``run`` works in the calling process instead whenever another thread is alive, when fork is
not available, or when one worker is asked for. A worker that dies (killed, out of memory)
does not fail the build: its tasks are done again in the calling process.

Objects alive at the fork are frozen (``gc.freeze``) while workers run, as Python's ``gc``
documentation advises for fork without exec: a worker's garbage collection would otherwise
write to the header of every object it inherited, copying the parent's memory page by page,
and go over the parent's whole heap each time, though nothing inherited is ever its garbage.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar, cast

__all__ = ["ENV", "chunks", "each", "run", "started", "workers"]

ENV = "CCHC_BUILD_WORKERS"

T = TypeVar("T")
R = TypeVar("R")

_work: list[Callable[[Any], Any]] = []  # what the forked workers run (inherited, never pickled)


def workers() -> int:
    """How many processes independent work may use: CCHC_BUILD_WORKERS, else the cores this
    process may run on."""
    given = os.environ.get(ENV, "").strip()
    if given.isdigit() and int(given) > 0:
        return int(given)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def chunks(items: Sequence[T], count: int) -> list[list[T]]:
    """``items`` in up to ``count`` consecutive slices of nearly equal size."""
    count = max(1, min(count, len(items)))
    size, extra = divmod(len(items), count)
    out, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        out.append(list(items[start:end]))
        start = end
    return [c for c in out if c]


def _call(task: Any) -> Any:
    return _work[-1](task)


@contextlib.contextmanager
def _frozen() -> Iterator[None]:
    """The objects alive now out of the collector's passes until the block ends (in a forked
    child, for good: it inherits the frozen generation). Frozen objects are still freed when
    no longer referenced; only a cycle among them waits for the unfreeze."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def run(
    work: Callable[[T], R], tasks: Sequence[T], processes: int, meanwhile: Callable[[], None] | None = None
) -> list[R]:
    """``[work(t) for t in tasks]``, in up to ``processes`` forked processes; results in task order.
    ``meanwhile()`` runs in this process once the others are working (first, without them)."""
    return list(each(work, tasks, processes, meanwhile))


def each(
    work: Callable[[T], R], tasks: Sequence[T], processes: int, meanwhile: Callable[[], None] | None = None
) -> Iterator[R]:
    """``run``'s results one by one, in task order, each as soon as it is done: the caller uses
    (and lets go of) one while the others are worked out."""
    return cast("Iterator[R]", _each(work, tasks, processes, meanwhile, pause=False))


def started(work: Callable[[T], R], tasks: Sequence[T], processes: int) -> Generator[R, None, None]:
    """``each``'s results, the workers given their tasks now: the caller goes on with other work
    and takes the results later (all of them; or closes the iterator, which waits for the
    workers). Meanwhile the pool's threads run here, so work that would fork runs in this
    process instead (start it before). In one process, each task is done as its result is taken."""
    running = _each(work, tasks, processes, None, pause=True)
    next(running)  # the pause: the tasks are handed out
    return cast("Generator[R, None, None]", running)


_PAUSE = object()  # what _each gives first when asked to pause once the workers have their tasks


def _each(
    work: Callable[[T], R], tasks: Sequence[T], processes: int, meanwhile: Callable[[], None] | None, pause: bool
) -> Generator[Any, None, None]:
    if processes <= 1 or len(tasks) <= 1 or not _can_fork():
        if pause:
            yield _PAUSE
        if meanwhile is not None:
            meanwhile()
        yield from (work(t) for t in tasks)
        return
    _work.append(work)
    given = 0  # the tasks whose results were handed out
    try:
        context = multiprocessing.get_context("fork")
        with _frozen(), ProcessPoolExecutor(max_workers=min(processes, len(tasks)), mp_context=context) as pool:
            futures: list[Any] = [pool.submit(_call, t) for t in tasks]
            if pause:
                yield _PAUSE
            if meanwhile is not None:
                meanwhile()
            for i in range(len(futures)):
                try:
                    done = futures[i].result()
                except BrokenProcessPool:
                    break  # a worker died: what is not done is done here, below
                futures[i] = None
                given += 1
                yield done
    except BrokenProcessPool:
        pass
    finally:
        _work.pop()
    yield from (work(t) for t in tasks[given:])


class Background:
    """``work()`` in a forked process from now on, its result collected by ``wait()`` (in this
    process instead, at ``wait()``, where forking is not safe or the process died).
    ``daemon=False`` lets ``work`` start processes of its own (a daemon may not); such a
    process is then waited for at exit, so call ``wait()`` whatever happens. ``instead``: what
    this process does in place of a process that died, when given (``work`` may hold values
    this process lets go of once the other has them, such as a whole repository's dossiers)."""

    def __init__(
        self,
        work: Callable[[], Any],
        fork: bool = True,
        daemon: bool = True,
        instead: Callable[[], Any] | None = None,
    ) -> None:
        self._work = work
        self._process: Any = None
        self._receive: Any = None
        if fork and _can_fork():
            context = multiprocessing.get_context("fork")
            self._receive, send = context.Pipe(duplex=False)
            self._process = context.Process(target=_background, args=(work, send), daemon=daemon)
            with _frozen():  # the child keeps its frozen generation; this process goes on as before
                self._process.start()
            send.close()
            if instead is not None:
                self._work = instead

    def wait(self) -> Any:
        if self._process is None:
            return self._work()
        try:
            status, value = self._receive.recv()
        except (EOFError, OSError):
            status, value = "died", None
        finally:
            self._receive.close()
            self._process.join()
            self._process = None
        if status == "ok":
            return value
        if status == "error":
            raise value
        return self._work()


def _background(work: Callable[[], Any], send: Any) -> None:
    try:
        send.send(("ok", work()))
    except BaseException as exc:  # handed to the parent, which raises it
        send.send(("error", exc))
    finally:
        send.close()
