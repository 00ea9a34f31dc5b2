"""Reading a JSON input file: a regular file, bounded, parsed, then checked against its schema.

Release manifests, handbook.json exports and a project's .pmo-kit.json are written by pmo
and the kit, then kept where anyone can edit them. Nothing of such a file is used before
it passed its schema, so a list instead of an object, a missing key or a wrong type is a
problem naming the file and the field, never a KeyError deep in a diff. Every string is
also checked for the characters a standard may not hold (control characters, lone
surrogates: generator.source.loader.UNHOLDABLE), since reports print them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jsonschema import ValidationError
from jsonschema.protocols import Validator

from generator.errors import PmoError, Problem
from generator.shared.regular_files import UnreadableFile, read_regular_file
from generator.source.loader import UNHOLDABLE, PathItem, field_name
from generator.source.schema_check import shown

# A manifest is some kilobytes per standard; an export holds every manifest of a handbook.
MAX_JSON_BYTES = 64_000_000
SHOWN_PROBLEMS = 5

_REQUIRED = re.compile(r"^'(.+)' is a required property$")

_JSON_TYPES = {dict: "an object", list: "a list", str: "a string", bool: "true or false",
               int: "a number", float: "a number", type(None): "null"}
_EXPECTED = {"object": "an object", "array": "a list", "string": "a string",
             "integer": "a whole number", "number": "a number", "boolean": "true or false",
             "null": "null"}


def read_json_input(
    path: Path, display: str, validator: Validator, *, follow_links: bool = False,
    check_text: bool = True,
) -> tuple[Any, list[Problem]]:
    """The data of a JSON file that passed `validator`, or None and the problems found.
    `check_text=False` leaves strings unchecked where the schema constrains every one that
    is used."""
    try:
        raw = read_regular_file(path, MAX_JSON_BYTES, follow_links=follow_links)
    except UnreadableFile as err:
        return None, [Problem(display, 0, 0, "", err.reason)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        message = f"not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start})"
        return None, [Problem(display, 0, 0, "", message)]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        return None, [Problem(display, err.lineno, err.colno, "", f"not valid JSON: {err.msg}")]
    except RecursionError:
        return None, [Problem(display, 0, 0, "", "not valid JSON: nested too deeply")]
    except ValueError as err:  # e.g. a number with more digits than Python converts
        return None, [Problem(display, 0, 0, "", f"not valid JSON: {err}")]
    problems = _unsafe_text(data, display) if check_text else []
    if not problems:
        errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.path])
        problems = [_schema_problem(display, error, data) for error in errors]
    return (None if problems else data), problems


def input_error(problems: Sequence[Problem], what_to_do: str) -> PmoError:
    """One error for a command line: the first problems, how many more, what to do."""
    lines = [str(p) for p in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        lines.append(f"... and {len(problems) - SHOWN_PROBLEMS} more problems")
    return PmoError("\n".join([*lines, what_to_do]))


def _unsafe_text(data: Any, display: str) -> list[Problem]:
    """Strings (keys included) with a control character or a lone surrogate."""
    problems: list[Problem] = []
    stack: list[tuple[list[PathItem], Any]] = [([], data)]
    while stack:
        path, value = stack.pop()
        items: list[tuple[PathItem, Any]] = []
        if isinstance(value, dict):
            items = list(value.items())
            texts = [(k, [*path, k]) for k in value]
        elif isinstance(value, list):
            items = list(enumerate(value))
            texts = []
        elif isinstance(value, str):
            texts = [(value, path)]
        else:
            texts = []
        for text, where in texts:
            bad = UNHOLDABLE.search(text)
            if bad:
                message = (f"contains the character U+{ord(bad.group()):04X}, which is not "
                           "allowed in this file")
                problems.append(Problem(display, 0, 0, field_name(where), message))
        stack.extend(([*path, key], item) for key, item in items)
    return sorted(problems)


def _names_a_key(error: ValidationError, data: Any) -> bool:
    """True when `error` is about a key of the object at its path (from propertyNames)."""
    value = data
    for part in error.absolute_path:
        value = value[part]
    return isinstance(value, dict) and isinstance(error.instance, str) and error.instance in value


def _schema_problem(display: str, error: ValidationError, data: Any) -> Problem:
    path = list(error.absolute_path)
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    what = f"{description}" if description else None
    if error.validator == "required":
        named = _REQUIRED.match(error.message)
        missing = named.group(1) if named else str(error.validator_value)
        return Problem(display, 0, 0, field_name([*path, missing]), "required field is missing")
    if error.validator == "type":
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        message = (f"expected {' or '.join(_EXPECTED.get(n, n) for n in names)}, found "
                   f"{_JSON_TYPES.get(type(error.instance), 'something else')}")
    elif _names_a_key(error, data):
        message = f"key {shown(error.instance)} is not {what or 'allowed here'}"
    elif error.validator in ("pattern", "format") and what:
        message = f"{shown(error.instance)} is not {what}"
    elif error.validator == "format":
        message = f"{shown(error.instance)} is not a {error.validator_value}"
    elif error.validator == "enum":
        message = (f"{shown(error.instance)} is not one of "
                   f"{', '.join(shown(v) for v in error.validator_value)}")
    elif error.validator == "const":
        message = f"expected {shown(error.validator_value)}, found {shown(error.instance)}"
    else:
        message = error.message if len(error.message) <= 200 else error.message[:197] + "..."
    return Problem(display, 0, 0, field_name(path), message)
