"""Builds in one folder at once, and killed builds (real `pmo build`, real mkdocs; Linux).

Before: two builds raced on dist/.word.old (22 of 120 parallel runs crashed), and a
killed build left its mkdocs processes running and its .pmo-build-* folder behind.
Now builds take turns on the workspace's lock, the mkdocs process and its page workers
die with the build, and the next build clears what a killed one left.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.pipeline.workspace import Workspace
from tests.support.workspace import MINIMAL, REPO, copy_workspace

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(),
                                reason="finds a build's processes through /proc (Linux)")

BUILDS = 8


def start_build(root: Path, **environment: str) -> subprocess.Popen[str]:
    """`pmo build` as a terminal starts it: Ctrl+C (SIGINT) interrupts it even when the
    tests themselves run in the background, where SIGINT is ignored and children
    inherit that."""
    return subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "build"],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **environment}, preexec_fn=_terminal_signals)


def _terminal_signals() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def assert_complete(workspace: Workspace) -> None:
    """Every output of a build of the workspace is in place, and nothing else is left."""
    standards = {p.stem for p in workspace.standards.glob("*/*.yaml")}
    assert standards <= {p.parent.name for p in workspace.site.glob("*/*/index.html")}
    assert (workspace.site / "index.html").is_file()
    artefacts = {p.stem for p in (workspace.standards / "artefacts").glob("*.yaml")
                 if "status: retired" not in p.read_text()}
    assert artefacts <= {p.stem for p in (workspace.dist / "word").rglob("*.docx")}
    [kit] = workspace.dist.glob("project-kit-*.zip")
    with zipfile.ZipFile(kit) as archive:
        assert archive.testzip() is None
    assert (workspace.dist / "project-kit" / "cookiecutter.json").is_file()
    leftovers = [*workspace.root.glob(".pmo*"), *workspace.root.glob(".*.old"),
                 *workspace.dist.glob(".*.old")]
    assert leftovers == []


def test_parallel_builds_take_turns_and_all_succeed(tmp_path: Path) -> None:
    workspace = copy_workspace(tmp_path / "handbook", MINIMAL)
    builds = [start_build(workspace.root) for _ in range(BUILDS)]
    results = [(b.wait(timeout=900), *b.communicate()) for b in builds]
    for code, _out, err in results:
        assert code == 0, err
        assert "Built word, kit, site" in err
    waited = [err for _, _, err in results if "another pmo build is running in this folder (pid "
              in err]
    assert waited, "no build waited for another: the builds did not overlap"
    assert all("; waiting up to 1800 s for it to finish ..." in err for err in waited)
    assert_complete(workspace)


def test_a_build_gives_up_after_the_timeout(tmp_path: Path) -> None:
    workspace = copy_workspace(tmp_path / "handbook", MINIMAL)
    with (workspace.root / ".pmo.lock").open("w") as held:
        held.write(f"{os.getpid()}\n")
        held.flush()
        fcntl.flock(held, fcntl.LOCK_EX)
        build = start_build(workspace.root, PMO_LOCK_TIMEOUT="1")
        _, err = build.communicate(timeout=120)
    assert build.returncode == 1, err
    assert err.splitlines() == [
        f"another pmo build is running in this folder (pid {os.getpid()}); waiting up to 1 s "
        "for it to finish ...",
        f"pmo: error: another pmo build is still running in this folder (pid {os.getpid()}); "
        "wait for it to finish or stop it, then run again (set PMO_LOCK_TIMEOUT to the seconds "
        "to wait)"]
    assert not workspace.site.exists() and not workspace.dist.exists()


@dataclass
class KilledBuild:
    workspace: Workspace
    code: int
    stderr: str
    seen: list[tuple[int, str]]       # the build's mkdocs processes seen before the kill
    survivors: list[tuple[int, str]]  # its processes still running a little after


def processes_with(marker: str) -> list[tuple[int, str]]:
    """(pid, command line) of every running process whose environment holds `marker`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if marker.encode() not in (entry / "environ").read_bytes():
                continue
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z":
            found.append((int(entry.name), command))
    return found


def kill_mid_site_build(root: Path, signum: int, tmp: Path) -> KilledBuild:
    """Start `pmo build`, send `signum` once mkdocs runs."""
    marker = f"PMO_TEST_BUILD={uuid.uuid4().hex}"
    tmp.mkdir()
    build = start_build(root, PMO_TEST_BUILD=marker.split("=")[1], PMO_SITE_WORKERS="2",
                        TMPDIR=str(tmp), **{SLOW_SITE: "60"})
    assert build.stderr is not None
    for line in build.stderr:
        if "Building the site" in line:
            break
    seen: list[tuple[int, str]] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not seen and build.poll() is None:
        seen = [p for p in processes_with(marker) if "-m mkdocs build" in p[1]]
        time.sleep(0.02)
    build.send_signal(signum)
    _, rest = build.communicate(timeout=60)
    survivors = processes_with(marker)
    settle = time.monotonic() + 3
    while survivors and time.monotonic() < settle:
        time.sleep(0.1)
        survivors = processes_with(marker)
    for pid, _command in survivors:  # do not leave them running for the other tests
        os.kill(pid, signal.SIGKILL)
    return KilledBuild(Workspace(root), build.returncode, rest, seen, survivors)


SLOW_SITE = "PMO_TEST_SLOW_SITE"  # seconds the site build of `repository` waits at its end
SLOW_HOOK = f"""import os, time


def on_post_build(config, **kwargs):
    time.sleep(float(os.environ.get("{SLOW_SITE}", "0")))
"""


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped handbook, whose site build (a mkdocs hook) waits at its end when
    SLOW_SITE says so: long enough to be stopped while mkdocs runs, however fast it is."""
    root = tmp_path_factory.mktemp("kill")
    workspace = copy_workspace(root / "handbook")
    hook = root / "slow_hook.py"
    hook.write_text(SLOW_HOOK, encoding="utf-8")
    with workspace.mkdocs_yml.open("a", encoding="utf-8") as config:
        config.write(f"\nhooks:\n  - {hook}\n")
    return workspace.root


@pytest.fixture
def killed(repository: Path, tmp_path: Path) -> Iterator[KilledBuild]:
    result = kill_mid_site_build(repository, signal.SIGKILL, tmp_path / "tmp")
    yield result


def test_sigkill_leaves_no_mkdocs_process_running(killed: KilledBuild) -> None:
    assert killed.code == -signal.SIGKILL
    assert killed.seen, "the build was killed before mkdocs started"
    assert killed.survivors == []


def test_the_next_build_removes_what_a_killed_build_left(killed: KilledBuild) -> None:
    workspace = killed.workspace
    assert list(workspace.root.glob(".pmo-build-*"))  # left by the kill
    workspace.dist.mkdir(exist_ok=True)
    (workspace.dist / ".word.old").mkdir(exist_ok=True)  # as a kill during publishing leaves
    (workspace.root / ".site.old").mkdir(exist_ok=True)
    build = start_build(workspace.root)
    _, err = build.communicate(timeout=900)
    assert build.returncode == 0, err
    assert_complete(workspace)


@pytest.mark.parametrize(("signum", "code", "said"), [
    (signal.SIGTERM, 128 + signal.SIGTERM, "pmo: stopped by SIGTERM"),
    (signal.SIGINT, 130, "pmo: interrupted"),
])
def test_sigterm_and_sigint_leave_nothing_behind(repository: Path, tmp_path: Path, signum: int,
                                                  code: int, said: str) -> None:
    result = kill_mid_site_build(repository, signum, tmp_path / "tmp")
    assert result.seen, "the build was stopped before mkdocs started"
    assert result.code == code, result.stderr
    assert said in result.stderr
    assert result.survivors == []
    assert [p.name for p in repository.glob(".pmo*")] == []
    assert list((tmp_path / "tmp").iterdir()) == []  # the site's temporary tree too
