"""A throw-away handbook repository under git, as the release commands expect one."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                          text=True).stdout


def commit_all(root: Path, ignore: str = "site/\ndist/\n") -> None:
    """Make `root` a git repository on main with everything committed (outputs ignored)."""
    (root / ".gitignore").write_text(ignore)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "PMO Tester")
    git(root, "config", "user.email", "pmo@example.test")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Handbook")


def tree_hashes(root: Path) -> dict[str, str]:
    """Every file of the repository (not .git's internals) with its hash, plus tags and HEAD."""
    files = {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.parts}
    files["<tags>"] = git(root, "tag")
    files["<HEAD>"] = git(root, "rev-parse", "HEAD")
    return files


def tighten_risk_2(root: Path) -> None:
    path = root / "standards/policies/risk.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("      controlling: should\n") == 1
    path.write_text(text.replace("      controlling: should\n", "      controlling: must\n"),
                    encoding="utf-8")
