"""The few git operations a release needs: status, commit, tag, and a tagged tree."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from generator.errors import PmoError
from generator.shared.semver import is_semver, parse_semver

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


def release_tags(path: Path) -> list[str]:
    """The versions X.Y.Z that have a release tag `handbook-X.Y.Z` in the repository of `path`."""
    result = _git(["for-each-ref", "--format=%(refname:strip=2)", f"refs/tags/{TAG_PREFIX}*"],
                  path)
    if result.returncode != 0:
        raise PmoError(f"git for-each-ref failed: {result.stderr.strip()}")
    names = (line.removeprefix(TAG_PREFIX) for line in result.stdout.splitlines()
             if line.startswith(TAG_PREFIX))
    return sorted((v for v in names if is_semver(v)), key=parse_semver)


def files_at_tags(path: Path, wanted: Sequence[tuple[str, str]]) -> list[bytes | None]:
    """The content of each (tag, name) as tagged, None where the tag's tree holds no file
    of that name. `name` is relative to `path` (the working folder git runs in)."""
    if not wanted:
        return []
    lines = []
    for tag, name in wanted:
        if "\n" in tag or "\n" in name or name.startswith("/"):
            raise PmoError(f"cannot look up {name!r} at tag {tag!r}: not a plain relative name")
        lines.append(f"refs/tags/{tag}:./{name}\n")
    result = subprocess.run(["git", "cat-file", "--batch"], cwd=path, capture_output=True,
                            input="".join(lines).encode(), check=False)
    if result.returncode != 0:
        raise PmoError(f"git cat-file failed: {result.stderr.decode(errors='replace')}")
    found: list[bytes | None] = []
    out, at = result.stdout, 0
    for _ in wanted:
        end = out.index(b"\n", at)
        header = out[at:end].decode(errors="replace").split()
        at = end + 1
        if len(header) == 3 and header[2].isdigit():
            size = int(header[2])
            found.append(out[at:at + size] if header[1] == "blob" else None)
            at += size + 1
        else:  # "<object> missing" or "<object> ambiguous"
            found.append(None)
    return found


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
    """Write the files `names` (relative to `path`) as they are at `tag` into `target`.

    Only regular files are written, each inside `target`: an absolute name, a `..` or `.`
    part, a symbolic link or a submodule in the tagged tree is refused (PmoError) before
    anything is written.
    """
    if not tag_exists(path, tag):
        raise PmoError(f"git tag {tag} not found: the versioned site is rebuilt from release "
                       f"tags; fetch the tags (`git fetch --tags`) or tag the release commit")
    listed = _git(["ls-tree", "--name-only", tag, "--", *names], path)
    present = [n for n in listed.stdout.splitlines() if n]
    if not present:
        raise PmoError(f"tag {tag} holds none of {', '.join(names)}")
    tree = subprocess.run(["git", "ls-tree", "-r", "-z", tag, "--", *present], cwd=path,
                          capture_output=True, check=False)
    if tree.returncode != 0:
        raise PmoError(f"git ls-tree {tag} failed: {tree.stderr.decode(errors='replace')}")
    files: list[tuple[Path, int, str]] = []
    for entry in tree.stdout.split(b"\0"):
        if entry:
            meta, _, raw_name = entry.partition(b"\t")
            mode, kind, oid = meta.decode().split()
            name = os.fsdecode(raw_name)
            files.append((member_path(target, name, mode, kind), _FILE_MODES[mode], oid))
    blobs = _read_blobs(path, [oid for _, _, oid in files])
    target.mkdir(parents=True, exist_ok=True)
    for destination, permissions, oid in files:
        destination.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW,
                             permissions)
        with os.fdopen(descriptor, "wb") as out:
            out.write(blobs[oid])
        os.chmod(destination, permissions)
    return present


_FILE_MODES = {"100644": 0o644, "100755": 0o755}
_NOT_FILES = {"120000": "a symbolic link", "160000": "a submodule", "040000": "a folder"}


def member_path(target: Path, name: str, mode: str, kind: str = "blob") -> Path:
    """Where the tree entry `name` (a git mode and object type) is written under `target`.

    PmoError unless it is a regular file whose name stays inside `target`.
    """
    if mode not in _FILE_MODES or kind != "blob":
        what = _NOT_FILES.get(mode, f"of git mode {mode} ({kind})")
        raise PmoError(f"refusing to export {name!r}: it is {what}, not a regular file")
    parts = name.split("/")
    if not name or name.startswith("/") or "\0" in name \
            or any(part in ("", ".", "..") for part in parts):
        raise PmoError(f"refusing to export {name!r}: not a plain relative path")
    root = target.resolve()
    destination = root.joinpath(*parts)
    if not destination.resolve().is_relative_to(root):
        raise PmoError(f"refusing to export {name!r}: it leads outside {target}")
    return destination


def _read_blobs(path: Path, oids: Sequence[str]) -> dict[str, bytes]:
    """The content of each blob `oids`, read with one `git cat-file --batch`."""
    wanted = list(dict.fromkeys(oids))
    result = subprocess.run(["git", "cat-file", "--batch"], cwd=path, capture_output=True,
                            input="".join(f"{oid}\n" for oid in wanted).encode(), check=False)
    if result.returncode != 0:
        raise PmoError(f"git cat-file failed: {result.stderr.decode(errors='replace')}")
    blobs: dict[str, bytes] = {}
    out, at = result.stdout, 0
    for oid in wanted:
        end = out.index(b"\n", at)
        header = out[at:end].decode().split()
        if len(header) != 3 or header[0] != oid or header[1] != "blob":
            raise PmoError(f"git cat-file: unexpected answer {' '.join(header)!r} for {oid}")
        size = int(header[2])
        blobs[oid] = out[end + 1:end + 1 + size]
        at = end + 1 + size + 1
    return blobs
