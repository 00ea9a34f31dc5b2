"""Standards that go stale: `pmo review` and the warnings of `pmo validate`, with the real CLI
on a copy of the minimal example whose review dates are set around a fixed PMO_TODAY."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline.workspace import Workspace
from tests.support.workspace import MINIMAL, REPO, copy_workspace

TODAY = "2026-06-01"


def pmo_on(day: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PMO_TODAY": day})


def set_review_by(workspace: Workspace, relative: str, day: str) -> int:
    """Set a standard's review date; return the line it is on."""
    path = workspace.standards / relative
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("review_by:"))
    lines[index] = f"review_by: {day}\n"
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1


@pytest.fixture
def stale(tmp_path: Path) -> tuple[Workspace, int]:
    """Risk management (owned by the PMO lead) overdue by 31 days, the RAID log (owned by the
    sponsor) due in 14; the rest in 2027."""
    workspace = copy_workspace(tmp_path / "handbook", MINIMAL)
    line = set_review_by(workspace, "policies/risk.yaml", "2026-05-01")
    set_review_by(workspace, "artefacts/raid-log.yaml", "2026-06-15")
    raid = workspace.standards / "artefacts/raid-log.yaml"
    raid.write_text(raid.read_text().replace("owner: pmo-lead", "owner: sponsor"))
    return workspace, line


def test_review_lists_overdue_and_due_soon_with_owners_and_fails(
        stale: tuple[Workspace, int]) -> None:
    workspace, _ = stale
    run = pmo_on(TODAY, "--root", str(workspace.root), "review")
    assert run.returncode == 1, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == ("Standards due for review on 2026-06-01 (overdue, or due within 30 "
                        "days): 2, 1 overdue")
    [overdue] = [line for line in lines if line.startswith("OVERDUE")]
    [due] = [line for line in lines if line.startswith("due ")]
    assert overdue.split() == ["OVERDUE", "Policy", "risk:", "Risk", "management", "PMO",
                               "lead", "2026-05-01", "31", "days", "overdue"]
    assert due.split() == ["due", "Artefact", "raid-log:", "RAID", "log", "Sponsor",
                           "2026-06-15", "14", "days", "left"]


def test_review_as_json(stale: tuple[Workspace, int]) -> None:
    workspace, _ = stale
    run = pmo_on(TODAY, "--root", str(workspace.root), "review", "--format", "json")
    assert run.returncode == 1
    report = json.loads(run.stdout)
    assert report["today"] == TODAY and report["within"] == 30
    assert [(s["id"], s["owner_title"], s["days_left"], s["overdue"])
            for s in report["standards"]] == [("risk", "PMO lead", -31, True),
                                              ("raid-log", "Sponsor", 14, False)]


def test_review_within_a_shorter_window_and_before_anything_is_due(
        stale: tuple[Workspace, int]) -> None:
    workspace, _ = stale
    shorter = pmo_on(TODAY, "--root", str(workspace.root), "review", "--within", "7")
    assert shorter.returncode == 1 and "raid-log" not in shorter.stdout
    before = pmo_on("2026-03-01", "--root", str(workspace.root), "review")
    assert before.returncode == 0, before.stdout
    assert before.stdout.strip() == ("No standard is due for review within 30 days of "
                                     "2026-03-01.")


def test_review_passes_without_overdue_or_due_standards() -> None:
    run = pmo_on(TODAY, "--root", str(MINIMAL.parent), "review")
    assert run.returncode == 0, run.stderr
    assert "No standard is due for review" in run.stdout


def test_review_passes_when_only_due_soon(stale: tuple[Workspace, int]) -> None:
    workspace, _ = stale
    set_review_by(workspace, "policies/risk.yaml", "2026-12-01")
    run = pmo_on(TODAY, "--root", str(workspace.root), "review")
    assert run.returncode == 0 and "raid-log" in run.stdout


def test_validate_warns_about_overdue_standards_and_still_passes(
        stale: tuple[Workspace, int]) -> None:
    workspace, line = stale
    run = pmo_on(TODAY, "validate", "--standards", str(workspace.standards))
    assert run.returncode == 0, run.stderr
    *warnings, summary = run.stderr.splitlines()
    assert warnings == [f"standards/policies/risk.yaml:{line}:12: review_by: review date "
                        "2026-05-01 passed 31 days ago: the owner (PMO lead) reviews it, then "
                        "sets a later review_by (a patch version with a history entry) "
                        "(warning)"]
    assert summary.endswith("; 1 warning")
    data = json.loads(pmo_on(TODAY, "validate", "--standards", str(workspace.standards),
                             "--format", "json").stdout)
    assert data["valid"] and [w["field"] for w in data["warnings"]] == ["review_by"]


def test_warnings_follow_the_problems_when_invalid(stale: tuple[Workspace, int]) -> None:
    workspace, _ = stale
    path = workspace.standards / "artefacts/raid-log.yaml"
    path.write_text(path.read_text().replace("owner: sponsor", "owner: pmo-led"))
    run = pmo_on(TODAY, "validate", "--standards", str(workspace.standards))
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    assert "owner: 'pmo-led' is not a known role" in lines[0]
    assert lines[1].endswith("(warning)") and "risk.yaml" in lines[1]
    assert lines[2].startswith("1 problem in 1 file")


def test_a_bad_pmo_today_is_refused() -> None:
    run = pmo_on("1 June", "--root", str(MINIMAL.parent), "review")
    assert run.returncode == 1
    assert "PMO_TODAY='1 June' is not a date; write it as YYYY-MM-DD" in run.stderr


def test_help_documents_pmo_today_and_the_commands() -> None:
    run = pmo_on(TODAY, "--help")
    assert "PMO_TODAY=YYYY-MM-DD" in run.stdout and "review" in run.stdout
    diff = pmo_on(TODAY, "diff", "--help")
    assert "--word DIR" in diff.stdout
