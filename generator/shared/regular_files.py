"""Reading an input file that anyone may have put there, without hanging or following it.

Standards, release manifests and a project's .pmo-kit.json are edited by many hands. A
FIFO, a device, a folder or a symbolic link saved under a name we read must be refused,
not opened: opening a FIFO blocks until a writer comes, /dev/zero never ends, and a link
can point anywhere on the machine. So the entry is checked with lstat before it is
opened, opened with O_NONBLOCK and O_NOFOLLOW (a FIFO or link swapped in between cannot
block or redirect the read) and checked again on the open descriptor; at most `limit`
bytes are read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.errors import PmoError

_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CHUNK = 1 << 16


class UnreadableFile(PmoError):
    """An input file that is not read: `reason` says why, without the file's name."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def entry_type(mode: int) -> str:
    """What a file system entry is, in words: `a folder`, `a symbolic link`, ..."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def not_regular_reason(mode: int) -> str:
    """Why an entry that is not a regular file is not read, and what to do instead."""
    if stat.S_ISLNK(mode):
        return (
            "not a regular file (a symbolic link): only ordinary files are read here; "
            "replace the link with the file itself, or remove it"
        )
    return f"not a regular file ({entry_type(mode)}): only ordinary files are read here; remove it"


def is_present(path: Path) -> bool:
    """True when anything has this name (a dangling symbolic link included)."""
    return os.path.lexists(path)


def read_regular_file(path: Path, limit: int, *, follow_links: bool = False) -> bytes:
    """The bytes of the regular file `path`; UnreadableFile for anything else or more.

    A symbolic link is refused even when it points at a regular file: its target is not
    part of the tree (git records the link, not what it points at), so what was checked
    and released could differ from what a later checkout reads. `follow_links` is for a
    file named on the command line, where a link is the user's own choice.
    """
    try:
        before = os.stat(path) if follow_links else os.lstat(path)
    except FileNotFoundError as err:
        raise UnreadableFile(path, "file not found") from err
    except OSError as err:
        raise UnreadableFile(path, f"cannot read it ({err.strerror})") from err
    if not stat.S_ISREG(before.st_mode):
        raise UnreadableFile(path, not_regular_reason(before.st_mode))
    if before.st_size > limit:
        raise UnreadableFile(path, _too_large(before.st_size, limit))
    try:
        fd = os.open(path, _OPEN_FLAGS if follow_links else _OPEN_FLAGS | _NOFOLLOW)
    except OSError as err:  # replaced by a link (ELOOP) or removed since lstat
        raise UnreadableFile(path, f"cannot read it ({err.strerror}); try again") from err
    try:
        now = os.fstat(fd)
        if not stat.S_ISREG(now.st_mode):
            raise UnreadableFile(path, not_regular_reason(now.st_mode))
        if (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino):
            raise UnreadableFile(path, "the file was replaced while it was read; try again")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise UnreadableFile(path, _too_large(size, limit))
        return b"".join(chunks)
    except OSError as err:
        raise UnreadableFile(path, f"cannot read it ({err.strerror})") from err
    finally:
        os.close(fd)


def _too_large(size: int, limit: int) -> str:
    return (
        f"the file is too large ({_megabytes(size)}; at most {_megabytes(limit)}): "
        "split it or remove what does not belong in it"
    )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size} bytes"
