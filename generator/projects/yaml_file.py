"""One project file (YAML, or JSON read as YAML) loaded with positions and checked against
its schema: the standards' loader and schema messages, worded for project files, and the
kit's `[placeholders]` reported as what is left to fill in."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.errors import Problem
from generator.source.loader import Document, PathItem, field_name, load_document
from generator.source.schema_check import schema_problem
from generator.source.schemas import file_validator

PLACEHOLDER = re.compile(r"^\s*\[[^\[\]]*\]\s*$", re.DOTALL)


def load_file(path: Path, display: str, kind: str, what: str
              ) -> tuple[Document | None, list[Problem]]:
    """Parse `path`; `what` names the file in messages (`a status file`). A .json file must
    be JSON; it is then read as YAML too, for the position of every value."""
    try:
        if path.suffix == ".json":
            data = _json(path, display)
            if isinstance(data, dict):  # positions are parsed only if a problem needs one
                return Document(path, display, kind, data, None), []
        document, problems = load_document(path, kind, display)
    except OSError as err:
        return None, [Problem(display, 0, 0, "", f"cannot be read ({err.strerror})")]
    except ValueError as err:
        return None, [Problem(display, *err.args)]
    return document, [_reworded(p, what) for p in problems]


def load_checked(path: Path, display: str, kind: str, what: str, schema: str
                 ) -> tuple[Document | None, list[Problem]]:
    """`load_file`, then `check_schema`: the document only when both found nothing."""
    document, problems = load_file(path, display, kind, what)
    if document is not None:
        problems += check_schema(document, schema)
    return (None if problems else document), problems


def _json(path: Path, display: str) -> Any:
    try:
        return json.loads(path.read_bytes())
    except json.JSONDecodeError as err:
        raise ValueError(err.lineno, err.colno, "", f"not valid JSON: {err.msg}") from err
    except (UnicodeDecodeError, ValueError) as err:
        raise ValueError(0, 0, "", f"not valid JSON: {err}") from err


def _reworded(problem: Problem, what: str) -> Problem:
    message = problem.message.replace("a standard", what)
    return Problem(problem.file, problem.line, problem.column, problem.field, message)


def check_schema(document: Document, schema: str) -> list[Problem]:
    """Schema problems of `document`; a value still holding a kit placeholder is reported
    as such, once, instead of the schema's complaint about it."""
    problems = []
    left = {tuple(path): value for path, value in placeholders(document.data)}
    for path, value in left.items():
        line, column = document.locate(list(path))
        problems.append(Problem(document.display, line, column, field_name(list(path)),
                                f"still holds the kit's placeholder {_short(value)!r}: "
                                "fill it in"))
    for error in file_validator(schema).iter_errors(document.data):
        if tuple(error.absolute_path) in left:
            continue
        problems.append(schema_problem(document, error))
    return problems


Located = tuple[tuple[PathItem, ...], str]


def placeholders(data: Any, path: tuple[PathItem, ...] = ()) -> Iterator[Located]:
    """Every string value that is still a kit placeholder such as `[Green, Amber or Red]`."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from placeholders(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from placeholders(value, (*path, index))
    elif isinstance(data, str) and PLACEHOLDER.match(data):
        yield path, data


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:57] + "...]"
