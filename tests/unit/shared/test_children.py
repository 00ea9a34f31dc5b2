"""Child processes never outlive the process that started them (Linux)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.shared.children import run_child
from tests.support.workspace import REPO

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="PR_SET_PDEATHSIG and /proc are Linux's")

# A child that starts a grandchild in its process group, says its pid, then waits.
SPAWNS = ("import subprocess, sys, time\n"
          "grandchild = subprocess.Popen(['sleep', '120'])\n"
          "print(grandchild.pid, flush=True)\n"
          "open(sys.argv[1], 'w').write(str(grandchild.pid))\n"
          "time.sleep(120)\n")


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie waiting for its parent counts as dead)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def gone(pid: int, within: float = 3.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.05)
    return False


_started: list[int] = []


@pytest.fixture(autouse=True)
def _kill_what_survives() -> Iterator[None]:
    """Whatever a failing test leaves running is killed, by its pid."""
    yield
    while _started:
        pid = _started.pop()
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def read_pid(path: Path, within: float = 10.0) -> int:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if path.exists() and path.read_text().strip():
            pid = int(path.read_text())
            _started.append(pid)
            return pid
        time.sleep(0.05)
    pytest.fail(f"{path} was never written")


def test_output_and_exit_code_come_back(tmp_path: Path) -> None:
    result = run_child([sys.executable, "-c", "import sys; print('out'); "
                        "print('err', file=sys.stderr); sys.exit(3)"],
                       cwd=tmp_path, env=os.environ, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (3, "out\n", "err\n")


def test_a_timeout_kills_the_child_and_its_group(tmp_path: Path) -> None:
    pid_file = tmp_path / "grandchild"
    with pytest.raises(subprocess.TimeoutExpired):
        run_child([sys.executable, "-c", SPAWNS, str(pid_file)], cwd=tmp_path, env=os.environ,
                  timeout=3)
    assert gone(read_pid(pid_file))


class Boom(Exception):
    pass


def test_any_exception_while_waiting_kills_the_group(tmp_path: Path) -> None:
    pid_file = tmp_path / "grandchild"

    def interrupt(_signum: int, _frame: object) -> None:
        raise Boom

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 2.0)
    try:
        with pytest.raises(Boom):
            run_child([sys.executable, "-c", SPAWNS, str(pid_file)], cwd=tmp_path,
                      env=os.environ, timeout=120)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert gone(read_pid(pid_file))


def test_the_child_dies_when_its_parent_is_killed(tmp_path: Path) -> None:
    """SIGKILL runs no code in the parent: the kernel kills the child (PR_SET_PDEATHSIG)."""
    pid_file = tmp_path / "child"
    parent = subprocess.Popen(
        [sys.executable, "-c",
         "import os, sys\n"
         "from generator.shared.children import run_child\n"
         "run_child([sys.executable, '-c', 'import os, sys, time; "
         "open(sys.argv[1], \"w\").write(str(os.getpid())); time.sleep(120)', sys.argv[1]], "
         "cwd='.', env=os.environ, timeout=120)\n", str(pid_file)], cwd=REPO)
    child = read_pid(pid_file)
    assert alive(child)
    parent.kill()
    parent.wait()
    assert gone(child)


def test_a_forked_worker_dies_with_its_parent(tmp_path: Path) -> None:
    pid_file = tmp_path / "worker"
    parent = subprocess.Popen(
        [sys.executable, "-c",
         "import os, sys, time\n"
         "from generator.shared.children import die_with_parent\n"
         "parent = os.getpid()\n"
         "if os.fork() == 0:\n"
         "    die_with_parent(parent)\n"
         "    open(sys.argv[1], 'w').write(str(os.getpid()))\n"
         "    time.sleep(120)\n"
         "    os._exit(0)\n"
         "time.sleep(120)\n", str(pid_file)], cwd=REPO)
    worker = read_pid(pid_file)
    parent.kill()
    parent.wait()
    assert gone(worker)
