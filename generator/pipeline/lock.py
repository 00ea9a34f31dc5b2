"""One writer at a time per workspace: the lock every build and release holds.

`pmo build`, `pmo build --release/--versioned` and `pmo release` stage their outputs
inside the workspace and then move them into place; two of them at once would
race on the same folders. Each holds an exclusive `flock` on `.pmo.lock` in the
workspace for its whole run (the file holds its pid, and exists only while a
build runs); a second one waits, saying which process it waits for, and gives
up after PMO_LOCK_TIMEOUT seconds. The kernel drops the lock when its holder
dies, however it dies, so a killed build never leaves the folder locked; and
since only the holder can be writing, it removes what a killed build left:
staging folders and the `.<name>.old` copies of outputs being replaced.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import BuildError
from generator.pipeline.workspace import Progress, Workspace

LOCK_FILE = ".pmo.lock"
TIMEOUT_VARIABLE = "PMO_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = 1800.0  # seconds; as long as the longest site build may take
STAGING_PREFIXES = (".pmo-build-", ".pmo-release-", ".pmo-versions-")
_POLL = 0.2

_held: dict[Path, int] = {}  # lock files this process holds, and how many times


def lock_timeout() -> float:
    """PMO_LOCK_TIMEOUT in seconds, else the default; BuildError for a bad value."""
    configured = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    if not configured:
        return DEFAULT_TIMEOUT
    try:
        value = float(configured)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise BuildError(f"{TIMEOUT_VARIABLE}={configured!r}: set it to the seconds to wait for "
                         "another pmo build in the same folder (0 not to wait), or unset it")
    return value


@contextmanager
def workspace_lock(workspace: Workspace, progress: Progress,
                   timeout: float | None = None) -> Iterator[None]:
    """Hold the workspace's lock (waiting up to `timeout` seconds, default PMO_LOCK_TIMEOUT),
    then clear what a killed build left behind. Re-entrant within one process."""
    wait = lock_timeout() if timeout is None else timeout
    workspace.root.mkdir(parents=True, exist_ok=True)
    path = (workspace.root / LOCK_FILE).resolve()
    if path in _held:
        _held[path] += 1
        try:
            yield
        finally:
            _held[path] -= 1
        return
    descriptor = _lock(path, wait, progress)
    try:
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        _held[path] = 1
        try:
            remove_leftovers(workspace)
            yield
        finally:
            del _held[path]
            path.unlink(missing_ok=True)  # while still locked: see _lock
    finally:
        os.close(descriptor)  # releases the lock


def _lock(path: Path, wait: float, progress: Progress) -> int:
    """A descriptor of the lock file `path`, locked. The holder removes the file before it
    lets go, so a lock taken on a file that is no longer at `path` is let go and taken
    again on the file there now."""
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW,
                                 0o644)
        except OSError as err:
            raise BuildError(f"cannot open the lock file {path} ({err.strerror}); it must be a "
                             "plain file the build may write: delete it and run again") from err
        try:
            told = _wait_for(descriptor, wait, deadline, progress, told)
            locked = os.fstat(descriptor)
            try:
                current = os.stat(path, follow_symlinks=False)
            except FileNotFoundError:
                current = None
        except BaseException:
            os.close(descriptor)
            raise
        if current is not None and (current.st_dev, current.st_ino) == (locked.st_dev,
                                                                        locked.st_ino):
            return descriptor
        os.close(descriptor)


def _wait_for(descriptor: int, wait: float, deadline: float, progress: Progress,
              told: bool) -> bool:
    """Lock `descriptor`, waiting until `deadline` (BuildError after it); return whether
    the user was told about the wait."""
    if _try_lock(descriptor):
        return told
    if not told:
        progress(f"another pmo build is running in this folder ({_holder(descriptor)}); "
                 f"waiting up to {wait:g} s for it to finish ...")
    while time.monotonic() < deadline:
        time.sleep(_POLL)
        if _try_lock(descriptor):
            progress("the other pmo build has finished; going on")
            return True
    raise BuildError(f"another pmo build is still running in this folder ({_holder(descriptor)})"
                     "; wait for it to finish or stop it, then run again (set "
                     f"{TIMEOUT_VARIABLE} to the seconds to wait)")


def _try_lock(descriptor: int) -> bool:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(descriptor: int) -> str:
    """'pid N' of the process holding the lock, as it wrote it."""
    text = os.pread(descriptor, 32, 0).decode(errors="replace").strip()
    return f"pid {text}" if text.isdigit() else "pid not known yet"


def remove_leftovers(workspace: Workspace) -> list[Path]:
    """Remove the staging folders and `.<name>.old` copies a killed build left; return them.
    Only the lock's holder may call this: nobody else is then writing them."""
    root, dist = workspace.root, workspace.dist
    found = [p for p in root.glob(".pmo-*") if p.name.startswith(STAGING_PREFIXES)]
    found += [root / f".{workspace.site.name}.old"]
    found += [p for folder in (dist, dist / "releases") for p in folder.glob(".*.old")]
    removed = []
    for path in found:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists() or path.is_symlink():
            path.unlink(missing_ok=True)
        else:
            continue
        removed.append(path)
    return removed
