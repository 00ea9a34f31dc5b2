"""Problems as GitHub workflow annotations: the fields and the escaping GitHub requires."""

from __future__ import annotations

from generator.commands.problem_report import github_annotation
from generator.errors import Problem


def test_a_located_problem_becomes_an_error_annotation_on_its_line() -> None:
    problem = Problem("standards/policies/risk.yaml", 6, 8, "owner", "'x' is not a known role")
    assert github_annotation(problem) == (
        "::error file=standards/policies/risk.yaml,line=6,col=8,title=owner::"
        "'x' is not a known role")


def test_properties_and_message_are_escaped() -> None:
    problem = Problem("a,b:c.yaml", 1, 2, "tiers[0]", "50% done\nsecond line")
    assert github_annotation(problem) == (
        "::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=tiers[0]::50%25 done%0Asecond line")


def test_a_problem_without_a_position_names_the_file_only() -> None:
    problem = Problem("standards/handbook.yaml", 0, 0, "", "file not found")
    assert github_annotation(problem) == "::error file=standards/handbook.yaml::file not found"
