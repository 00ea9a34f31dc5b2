"""`pmo validate` on every example tree: exact located errors, exit codes, JSON output.

Each case under tests/examples/invalid/<case>/ is the minimal valid tree with the
case's files laid over it (and the files named in delete.txt removed); the
expected error lines sit beside it in expected.txt.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.examples import INVALID, VALID, lay_out_case
from tests.support.workspace import EXAMPLES, MINIMAL, REPO, pmo


def test_at_least_fifteen_invalid_cases() -> None:
    assert len(INVALID) >= 15


@pytest.mark.parametrize("standards", [REPO / "standards", *VALID], ids=lambda p: p.parent.name)
def test_valid_trees_pass(standards: Path) -> None:
    result = pmo("validate", "--standards", str(standards))
    assert result.returncode == 0, result.stderr
    assert "files valid" in result.stderr


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_case_reports_exactly_the_expected_lines(case: Path, tmp_path: Path) -> None:
    standards = lay_out_case(case, tmp_path)
    result = pmo("validate", "--standards", str(standards))
    assert result.returncode == 1
    *lines, summary = result.stderr.splitlines()
    assert lines == (case / "expected.txt").read_text().splitlines()
    assert summary.startswith(f"{len(lines)} problem")
    assert "Traceback" not in result.stderr


def test_json_format_lists_the_same_problems(tmp_path: Path) -> None:
    case = EXAMPLES / "invalid" / "many-errors-reported-together"
    standards = lay_out_case(case, tmp_path)
    result = pmo("validate", "--standards", str(standards), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False
    text = [
        f"{p['file']}:{p['line']}:{p['column']}: {p['field']}: {p['message']}"
        for p in report["problems"]
    ]
    assert text == (case / "expected.txt").read_text().splitlines()


def test_json_format_when_valid() -> None:
    result = pmo("validate", "--standards", str(MINIMAL), "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {"valid": True, "problems": [], "files": 10,
                                         "warnings": []}


def test_traceback_flag_shows_the_stack_only_when_asked(tmp_path: Path) -> None:
    standards = lay_out_case(EXAMPLES / "invalid" / "unknown-owner-role", tmp_path)
    plain = pmo("validate", "--standards", str(standards))
    traced = pmo("--traceback", "validate", "--standards", str(standards))
    assert "Traceback" not in plain.stderr
    assert "Traceback" in traced.stderr and "StandardsError" in traced.stderr


def test_every_standard_file_points_editors_at_its_schema() -> None:
    for path in (REPO / "standards").rglob("*.yaml"):
        if "releases" in path.parts:
            continue
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert schema.is_file(), f"{path}: {schema} does not exist"
        assert schema.parent == REPO / "standards" / "schemas"
