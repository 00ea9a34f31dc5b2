"""Child processes that never outlive the process that started them.

A child runs in its own process group, which is killed whole when the parent
stops waiting for it for any reason (an error, a timeout, Ctrl+C, SIGTERM turned
into an exception); and, on Linux, it asks the kernel to kill it when its parent
dies (PR_SET_PDEATHSIG), which covers SIGKILL, where the parent runs no code at
all. Processes the child forks (its page workers) do the same with `die_with_parent`.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

_PR_SET_PDEATHSIG = 1


def _load_prctl() -> Callable[..., int] | None:
    """libc's prctl, looked up once here: a child between fork and exec may call only it."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return prctl


_prctl = _load_prctl()


def die_with_parent(parent: int) -> None:
    """Have the kernel SIGKILL this process when its parent (pid `parent`) dies; if the
    parent is already gone, die now. A no-op where the kernel offers no such request."""
    if _prctl is None:
        return
    _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request was made
        os.kill(os.getpid(), signal.SIGKILL)


def run_child(command: Sequence[str], *, cwd: Path, env: Mapping[str, str],
              timeout: float) -> subprocess.CompletedProcess[str]:
    """Run `command` to completion, capturing its output as text, in its own process group
    that dies with this process. subprocess.TimeoutExpired after `timeout` seconds; the
    group is killed before any exception leaves."""
    parent = os.getpid()
    process = subprocess.Popen(
        command, cwd=cwd, env=dict(env), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, process_group=0,
        preexec_fn=(lambda: die_with_parent(parent)) if _prctl is not None else None)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except BaseException:
        kill_group(process)
        raise
    kill_group(process)  # whatever the child left running in its group
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def kill_group(process: subprocess.Popen[str]) -> None:
    """SIGKILL the process group led by `process` and reap `process`."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
