"""The workspace lock: one build or release at a time, and a clean start after a killed one."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.pipeline.lock import LOCK_FILE, lock_timeout, remove_leftovers, workspace_lock
from generator.pipeline.workspace import Workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path / "hb")


@pytest.fixture
def held(workspace: Workspace) -> Iterator[Path]:
    """The workspace's lock, held by another open file (as another process would)."""
    workspace.root.mkdir(parents=True)
    path = workspace.root / LOCK_FILE
    with path.open("w") as other:
        other.write("4242\n")
        other.flush()
        fcntl.flock(other, fcntl.LOCK_EX)
        yield path


def test_the_lock_file_exists_only_while_held(workspace: Workspace) -> None:
    with workspace_lock(workspace, print):
        assert (workspace.root / LOCK_FILE).read_text() == f"{os.getpid()}\n"
    assert not (workspace.root / LOCK_FILE).exists()


def test_a_held_lock_is_waited_for_then_refused(workspace: Workspace, held: Path) -> None:
    said: list[str] = []
    with pytest.raises(BuildError) as refused, workspace_lock(workspace, said.append,
                                                               timeout=0.5):
        pytest.fail("the lock was taken twice")
    assert said == ["another pmo build is running in this folder (pid 4242); waiting up to "
                    "0.5 s for it to finish ..."]
    assert str(refused.value).startswith("another pmo build is still running in this folder "
                                         "(pid 4242); wait for it to finish or stop it")
    assert held.read_text() == "4242\n"  # the holder's file is left alone


def test_the_lock_is_reentrant_in_one_process(workspace: Workspace) -> None:
    with workspace_lock(workspace, print), workspace_lock(workspace, print, timeout=0):
        assert (workspace.root / LOCK_FILE).exists()
    assert not (workspace.root / LOCK_FILE).exists()


def test_a_lock_file_left_by_a_killed_build_is_taken_over(workspace: Workspace) -> None:
    workspace.root.mkdir(parents=True)
    (workspace.root / LOCK_FILE).write_text("999999\n")  # its holder died: nobody locks it
    with workspace_lock(workspace, pytest.fail, timeout=0):
        assert (workspace.root / LOCK_FILE).read_text() == f"{os.getpid()}\n"


def test_leftovers_of_a_killed_build_are_removed_and_nothing_else(workspace: Workspace) -> None:
    root, dist = workspace.root, workspace.dist
    leftovers = [root / ".pmo-build-abc/site/index.html", root / ".pmo-release-x/bundle/a",
                 root / ".pmo-versions-y/site/1.0.0/index.html", root / ".site.old/index.html",
                 dist / ".word.old/a.docx", dist / ".project-kit.old/cookiecutter.json",
                 dist / ".project-kit-1.0.0.zip.old", dist / "releases/.1.0.0.old/handbook.json"]
    kept = [root / ".github/workflows/ci.yml", root / ".gitignore", root / ".pmo-kit.json",
            root / "site/index.html", dist / "word/a.docx", dist / "releases/1.0.0/handbook.json",
            root / "docs/.old/x.md", root / ".word.old/x"]
    for path in leftovers + kept:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    with workspace_lock(workspace, print):
        assert all(p.exists() for p in kept)
        assert not any(p.exists() for p in leftovers)
        assert not list(dist.glob(".*.old"))
    assert remove_leftovers(workspace) == []


@pytest.mark.parametrize("value", ["soon", "-1", "nan"])
def test_a_bad_timeout_is_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("PMO_LOCK_TIMEOUT", value)
    with pytest.raises(BuildError, match=f"PMO_LOCK_TIMEOUT='{value}': set it to the seconds"):
        lock_timeout()


def test_the_timeout_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMO_LOCK_TIMEOUT", "2.5")
    assert lock_timeout() == 2.5
    monkeypatch.delenv("PMO_LOCK_TIMEOUT")
    assert lock_timeout() == 1800
