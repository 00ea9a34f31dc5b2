"""The few git operations a release needs: status, commit, tag, and a tagged tree."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tarfile
from collections.abc import Sequence
from pathlib import Path

from generator.errors import PmoError

TAG_PREFIX = "handbook-"
_FALLBACK_IDENTITY = {"GIT_AUTHOR_NAME": "PMO Handbook", "GIT_AUTHOR_EMAIL": "pmo@localhost",
                      "GIT_COMMITTER_NAME": "PMO Handbook",
                      "GIT_COMMITTER_EMAIL": "pmo@localhost"}


def release_tag(version: str) -> str:
    return f"{TAG_PREFIX}{version}"


def _git(args: Sequence[str], cwd: Path, *, env: dict[str, str] | None = None,
         text: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=text, env=env,
                          check=False)


def git_root(path: Path) -> Path | None:
    """The top folder of the git repository holding `path`, or None outside git."""
    if shutil.which("git") is None:
        return None
    result = _git(["rev-parse", "--show-toplevel"], path)
    return Path(result.stdout.strip()).resolve() if result.returncode == 0 else None


def uncommitted(path: Path, pathspecs: Sequence[str]) -> list[str]:
    """Changed or untracked files under `pathspecs` (relative to `path`), as git lists them."""
    result = _git(["status", "--porcelain", "--untracked-files=all", "--", *pathspecs], path)
    if result.returncode != 0:
        raise PmoError(f"git status failed: {result.stderr.strip()}")
    return [line[3:] for line in result.stdout.splitlines() if line.strip()]


def tag_exists(path: Path, tag: str) -> bool:
    return _git(["rev-parse", "--verify", "--quiet", f"refs/tags/{tag}"], path).returncode == 0


def commit_and_tag(path: Path, files: Sequence[str], message: str, tag: str) -> None:
    """Commit `files` (relative to `path`) and tag the commit; PmoError when git refuses."""
    env = dict(os.environ)
    if not _git(["config", "user.email"], path).stdout.strip():
        env.update(_FALLBACK_IDENTITY)
    for args in (["add", "--", *files], ["commit", "--quiet", "-m", message, "--", *files],
                 ["tag", tag]):
        result = _git(args, path, env=env)
        if result.returncode != 0:
            raise PmoError(f"git {args[0]} failed: {result.stderr.strip() or result.stdout}; "
                           f"the release files are written: commit them and run "
                           f"`git tag {tag}` yourself")


def export_tree(path: Path, tag: str, names: Sequence[str], target: Path) -> list[str]:
    """Write the files `names` (relative to `path`) as they are at `tag` into `target`."""
    if not tag_exists(path, tag):
        raise PmoError(f"git tag {tag} not found: the versioned site is rebuilt from release "
                       f"tags; fetch the tags (`git fetch --tags`) or tag the release commit")
    listed = _git(["ls-tree", "--name-only", tag, "--", *names], path)
    present = [n for n in listed.stdout.splitlines() if n]
    if not present:
        raise PmoError(f"tag {tag} holds none of {', '.join(names)}")
    archive = subprocess.run(["git", "archive", "--format=tar", tag, "--", *present], cwd=path,
                             capture_output=True, check=False)
    if archive.returncode != 0:
        raise PmoError(f"git archive {tag} failed: {archive.stderr.decode(errors='replace')}")
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return present
