"""Split CPU-bound work over two processes when there is enough of it.

The second half runs in a forked child, which inherits the work in memory (nothing
is pickled on the way in); only its results come back. Forking a process that runs
other threads is unsafe, so then, and on small inputs, everything runs here.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

WORKERS_VARIABLE = "PMO_SITE_WORKERS"
# The site engine's pages from which it shares its work with a second process; set
# lower in tests, so that a small site goes the way a large one does.
SHARE_FROM_VARIABLE = "PMO_SITE_SHARE_FROM"
SITE_SHARE_FROM = 400
MAX_WORKERS = 8

T = TypeVar("T")
R = TypeVar("R")

_job: tuple[Callable[[Sequence[Any]], list[Any]], Sequence[Any]] | None = None


def can_fork() -> bool:
    return (
        (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
        and "fork" in mp.get_all_start_methods()
    )


def map_halves(fn: Callable[[Sequence[T]], list[R]], items: Sequence[T], minimum: int) -> list[R]:
    """`fn(items)`, computed as two halves on two processes when `len(items) >= minimum`
    (not with PMO_SITE_WORKERS=1)."""
    if len(items) < minimum or not can_fork() \
            or os.environ.get(WORKERS_VARIABLE, "").strip() == "1":
        return fn(items)
    global _job
    half = len(items) // 2
    _job = (fn, items[half:])
    gc.freeze()  # the child leaves the objects it inherits untouched by its collector
    try:
        with mp.get_context("fork").Pool(1) as pool:
            second = pool.apply_async(_run_job)
            first = fn(items[:half])
            return first + second.get()
    finally:
        _job = None
        gc.unfreeze()


def in_child(fn: Callable[[], R]) -> Callable[[], R] | None:
    """Start `fn()` in a forked child now and return what waits for its result (the
    child's exception is raised there); None when a child cannot be forked or
    PMO_SITE_WORKERS=1, and the caller does the work itself."""
    if not can_fork() or os.environ.get(WORKERS_VARIABLE, "").strip() == "1":
        return None
    global _single
    _single = fn
    gc.freeze()
    try:
        pool = mp.get_context("fork").Pool(1)
    finally:
        _single = None
        gc.unfreeze()
    pending = pool.apply_async(_run_single)

    def wait() -> R:
        try:
            return pending.get()  # type: ignore[no-any-return]
        finally:
            pool.close()
            pool.join()

    return wait


_single: Callable[[], Any] | None = None


def _run_single() -> Any:
    assert _single is not None
    return _single()


def _run_job() -> list[Any]:
    assert _job is not None
    fn, items = _job
    return fn(items)


def site_share_from() -> int:
    """How many pages the site engine needs before it shares its work (PMO_SITE_SHARE_FROM,
    else SITE_SHARE_FROM)."""
    value = os.environ.get(SHARE_FROM_VARIABLE, "").strip()
    return int(value) if value.isdigit() else SITE_SHARE_FROM


def worker_count() -> int:
    """How many processes may share the work of a large handbook (`map_halves`):
    PMO_SITE_WORKERS, else the usable cores; a bad value is refused before rendering."""
    configured = os.environ.get(WORKERS_VARIABLE, "").strip()
    if configured:
        if not configured.isdigit() or int(configured) < 1:
            raise ValueError(f"{WORKERS_VARIABLE}={configured!r}: set it to a whole number "
                             "of processes, 1 or more (1 builds on one core), or unset it")
        return int(configured)
    usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None  # Linux
    return min(len(usable) if usable else os.cpu_count() or 1, MAX_WORKERS)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic objects.

    Node trees kept for error positions are acyclic, so reference counting frees
    them; without the pause, collector passes over them take half the load time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
