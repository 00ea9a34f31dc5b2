"""JSON Schema problems of loaded standards, located and worded for authors.

Each kind is checked against its compiled schema (generator.source.schemas); jsonschema's
errors become `file:line:column: field: message` problems that say what to write
instead: the missing field, the unknown field with a "did you mean", the real date.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import Any

from jsonschema import ValidationError

from generator.errors import Problem
from generator.shared.markup import dropped
from generator.source.loader import Document, field_name
from generator.source.schemas import compiled_validators, pattern_descriptions

_UNEXPECTED = re.compile(r"\((.+?) (?:was|were) unexpected\)")
_REQUIRED = re.compile(r"^'(.+)' is a required property$")


def check_schemas(documents: Sequence[Document]) -> list[tuple[Document, list[Problem]]]:
    """Each document with its schema problems (none checked for untrusted documents)."""
    validators = compiled_validators()
    return [
        (
            d,
            [schema_problem(d, e) for e in validators[d.kind].iter_errors(d.data)]
            if d.trusted
            else [],
        )
        for d in documents
    ]


def schema_problem(document: Document, error: ValidationError) -> Problem:
    """One jsonschema error as a located problem, worded for the person fixing the file."""
    path = list(error.absolute_path)
    message = _cut_instance(error)
    key = None
    if error.validator == "required":
        missing = _REQUIRED.match(message)
        if missing:
            key = missing.group(1)
            message = "required field is missing"
    elif error.validator in ("additionalProperties", "unevaluatedProperties"):
        extra = _UNEXPECTED.search(message)
        names = re.findall(r"'([^']*)'", extra.group(1)) if extra else []
        if names:
            key = names[0]
            allowed = sorted(_allowed_properties(error.schema))
            message = (
                "unknown field"
                + suggest(key, allowed)
                + (
                    f"; fields allowed here: {', '.join(allowed)}"
                    if not suggest(key, allowed)
                    else ""
                )
            )
            line, column = document.locate(path, key=key)
            return Problem(document.display, line, column, field_name([*path, key]), message)
    elif error.validator == "format" and error.validator_value == "date":
        message = f"{shown(error.instance)} is not a real date; write YYYY-MM-DD"
    elif error.validator == "format" and error.validator_value == "markdown":
        message = "; and ".join(dropped(error.instance))
    elif error.validator == "pattern":
        message = f"{shown(error.instance)} is not " + pattern_descriptions().get(
            error.validator_value, f"of the form {error.validator_value}"
        )
    elif error.validator == "enum":
        message += suggest(str(error.instance), [str(v) for v in error.validator_value])
    elif error.validator in ("maxLength", "maxItems"):
        message = _too_long(error)
    line, column = document.locate(path)
    return Problem(
        document.display, line, column, field_name(path + ([key] if key else [])), message
    )


def _too_long(error: ValidationError) -> str:
    """`is 312 characters long: at most 200 fit here (why); shorten it`, without the value."""
    why = error.schema.get("description") if isinstance(error.schema, dict) else None
    reason = f" ({why})" if why else ""
    if error.validator == "maxLength":
        return (f"is {len(error.instance)} characters long: at most {error.validator_value} "
                f"fit here{reason}; shorten it")
    return (f"has {len(error.instance)} entries: at most {error.validator_value} fit "
            f"here{reason}; remove some")


def shown(value: Any, limit: int = 80) -> str:
    """A value as a message shows it: its repr, cut short (a field may hold 0.5 MB)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _cut_instance(error: ValidationError) -> str:
    """jsonschema's message, with the value it starts with cut short."""
    whole = repr(error.instance)
    if error.message.startswith(whole):
        return shown(error.instance) + error.message[len(whole):]
    return error.message


def _allowed_properties(schema: dict[str, Any]) -> set[str]:
    return set(schema.get("properties", {}))


def suggest(value: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
