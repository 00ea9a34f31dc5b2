"""Exporting a tagged tree writes only regular files, each inside the target folder."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from generator.errors import PmoError
from generator.release.git import export_tree, member_path

IDENTITY = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@localhost",
            "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@localhost"}


def git(repo: Path, *args: str, stdin: str | None = None) -> str:
    return subprocess.run(["git", *args], cwd=repo, input=stdin, capture_output=True, text=True,
                          check=True, env={**os.environ, **IDENTITY}).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "standards" / "policies").mkdir(parents=True)
    (root / "standards" / "policies" / "risk.yaml").write_text("id: risk\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: T\n", encoding="utf-8")
    (root / "tool.sh").write_text("#!/bin/sh\n", encoding="utf-8")
    (root / "tool.sh").chmod(0o755)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "one")
    git(root, "tag", "handbook-1.0.0")
    return root


def tag_tree(repo: Path, tag: str, tree: str) -> None:
    """Tag a commit of `tree`, a tree object that `git add` could never have made."""
    commit = git(repo, "commit-tree", tree, "-m", "crafted")
    git(repo, "tag", tag, commit)


def test_exports_the_named_regular_files(repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "out"
    present = export_tree(repo, "handbook-1.0.0", ["standards", "docs", "mkdocs.yml", "tool.sh"],
                          target)
    assert present == ["mkdocs.yml", "standards", "tool.sh"]
    assert (target / "standards/policies/risk.yaml").read_text() == "id: risk\n"
    assert (target / "mkdocs.yml").read_text() == "site_name: T\n"
    assert os.access(target / "tool.sh", os.X_OK)
    assert not os.access(target / "mkdocs.yml", os.X_OK)


@pytest.mark.parametrize("name", ["/etc/passwd", "../evil", "standards/../../evil", "./a",
                                  "a//b", "", "standards/.."])
def test_refuses_a_name_that_is_not_a_plain_relative_path(tmp_path: Path, name: str) -> None:
    with pytest.raises(PmoError, match="not a plain relative path"):
        member_path(tmp_path, name, "100644")


@pytest.mark.parametrize(("mode", "kind", "what"), [
    ("120000", "blob", "a symbolic link"), ("160000", "commit", "a submodule"),
    ("020000", "blob", "git mode 020000")])
def test_refuses_what_is_not_a_regular_file(tmp_path: Path, mode: str, kind: str,
                                            what: str) -> None:
    with pytest.raises(PmoError, match=what):
        member_path(tmp_path, "standards/x.yaml", mode, kind)


def test_refuses_a_path_through_a_link_already_in_the_target(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "standards").symlink_to(tmp_path)
    with pytest.raises(PmoError, match="outside"):
        member_path(target, "standards/x.yaml", "100644")


def test_a_tagged_symbolic_link_is_refused_and_nothing_is_written(repo: Path,
                                                                  tmp_path: Path) -> None:
    (repo / "standards" / "link.yaml").symlink_to("/etc/passwd")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "link")
    git(repo, "tag", "handbook-1.1.0")
    target = tmp_path / "out"
    with pytest.raises(PmoError, match="symbolic link"):
        export_tree(repo, "handbook-1.1.0", ["standards", "mkdocs.yml"], target)
    assert not target.exists() or not any(target.iterdir())


def test_a_tagged_dot_dot_folder_is_refused_and_nothing_is_written(repo: Path,
                                                                   tmp_path: Path) -> None:
    blob = git(repo, "hash-object", "-w", "--stdin", stdin="evil\n")
    evil = git(repo, "mktree", stdin=f"100644 blob {blob}\tevil.yaml\n")
    up = git(repo, "mktree", stdin=f"040000 tree {evil}\t..\n")
    top = git(repo, "mktree", stdin=f"040000 tree {up}\tstandards\n")
    tag_tree(repo, "handbook-6.6.6", top)
    target = tmp_path / "deep" / "out"
    with pytest.raises(PmoError, match="not a plain relative path"):
        export_tree(repo, "handbook-6.6.6", ["standards"], target)
    assert not (tmp_path / "deep" / "evil.yaml").exists()
    assert not target.exists() or not any(target.iterdir())
