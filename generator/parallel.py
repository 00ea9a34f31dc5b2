"""Split CPU-bound work over two processes when there is enough of it.

The second half runs in a forked child, which inherits the work in memory (nothing
is pickled on the way in); only its results come back. Forking a process that runs
other threads is unsafe, so then, and on small inputs, everything runs here.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

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
    """`fn(items)`, computed as two halves on two processes when `len(items) >= minimum`."""
    if len(items) < minimum or not can_fork():
        return fn(items)
    global _job
    half = len(items) // 2
    _job = (fn, items[half:])
    try:
        with mp.get_context("fork").Pool(1) as pool:
            second = pool.apply_async(_run_job)
            first = fn(items[:half])
            return first + second.get()
    finally:
        _job = None


def _run_job() -> list[Any]:
    assert _job is not None
    fn, items = _job
    return fn(items)
