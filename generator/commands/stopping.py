"""SIGTERM and SIGHUP stop a command the way Ctrl+C does.

Python's default for SIGTERM ends the process on the spot, so `finally` blocks never
run: staging folders stay and child processes are not killed. While a command runs,
these signals raise `Stopped` instead, which unwinds the command like
KeyboardInterrupt (that is how Ctrl+C arrives) and `pmo` exits with 128 + the signal.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Stopped(BaseException):
    """A stopping signal arrived; not an Exception, so that no `except Exception` eats it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


def _stop(signum: int, _frame: object) -> None:
    raise Stopped(signum)


@contextmanager
def stopped_by_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into `Stopped` inside the block (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, _stop) for number in SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
