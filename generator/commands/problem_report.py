"""How `pmo` reports problems in the standards: text for people, JSON for tools, and
GitHub workflow annotations, so a pull request that breaks a standard shows the error
on its line (as check-jsonschema's `--output-format github` does)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

from generator.errors import Problem

FORMATS = ("text", "json", "github")


def print_problems(problems: Sequence[Problem], output_format: str, *, writes: bool,
                   warnings: Sequence[Problem] = ()) -> None:
    """Every problem (and warning), in the chosen format, then (as text) what to do next."""
    if output_format == "json":
        print(json.dumps({"valid": False, "problems": [p.as_dict() for p in problems],
                          "warnings": [w.as_dict() for w in warnings]},
                         indent=2, ensure_ascii=False))
        return
    if output_format == "github":
        for problem in problems:
            print(github_annotation(problem))
        for warning in warnings:
            print(github_annotation(warning, "warning"))
    else:
        for problem in problems:
            print(problem, file=sys.stderr)
        print_warnings(warnings)
    files = len({p.file for p in problems})
    count = len(problems)
    print(f"{count} problem{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''};"
          " fix them and run `pmo validate` again."
          + (" Nothing was written; earlier outputs are unchanged." if writes else ""),
          file=sys.stderr)


def print_warnings(warnings: Sequence[Problem]) -> None:
    for warning in warnings:
        print(f"{warning} (warning)", file=sys.stderr)


def github_annotation(problem: Problem, level: str = "error") -> str:
    """`::error file=...,line=...,col=...,title=...::message`, escaped as GitHub requires."""
    properties = [f"file={_property(problem.file)}"]
    if problem.line:
        properties += [f"line={problem.line}", f"col={problem.column}"]
    if problem.field:
        properties.append(f"title={_property(problem.field)}")
    return f"::{level} {','.join(properties)}::{_data(problem.message)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
