"""A PMO's handbook repository runs `pmo validate` on every commit through pre-commit.

`pre-commit try-repo` installs this repository as a pre-commit hook repository (as a
PMO's `.pre-commit-config.yaml` would name it) and runs its `pmo-validate` hook on a
copy of the example handbook: it passes, then fails with the located error once a
standard is broken.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.workspace import REPO

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=PMO", "-c", "user.email=pmo@localhost", *args],
                   cwd=root, check=True, capture_output=True)


def try_repo(handbook: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(PRE_COMMIT), "try-repo", str(REPO), "pmo-validate",
                           "--all-files"], cwd=handbook, capture_output=True, text=True,
                          timeout=900, env={**os.environ, "PRE_COMMIT_HOME": str(home)})


def test_the_hook_passes_then_names_the_broken_line(tmp_path: Path) -> None:
    handbook = tmp_path / "handbook"
    handbook.mkdir()
    shutil.copytree(REPO / "standards", handbook / "standards",
                    ignore=shutil.ignore_patterns("releases"))
    git(handbook, "init", "-q")
    git(handbook, "add", "-A")
    git(handbook, "commit", "-q", "-m", "handbook")
    passed = try_repo(handbook, tmp_path / "pre-commit")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Validate the PMO standards" in passed.stdout and "Passed" in passed.stdout

    policy = handbook / "standards" / "policies" / "risk-management.yaml"
    text = policy.read_text(encoding="utf-8")
    line = text.splitlines().index("owner: pmo-lead") + 1
    policy.write_text(text.replace("owner: pmo-lead", "owner: pmo-led", 1), encoding="utf-8")
    failed = try_repo(handbook, tmp_path / "pre-commit")
    assert failed.returncode == 1
    assert (f"standards/policies/risk-management.yaml:{line}:8: owner: 'pmo-led' is not a "
            "known role (did you mean 'pmo-lead'?)") in failed.stdout
