"""JSON Schema 2020-12 validation where a `pattern`'s `$` means the end of the string.

JSON Schema patterns are ECMA-262 regular expressions, in which `$` (without the m flag)
matches only at the end of the input. jsonschema checks them with Python's `re.search`,
where `$` also matches before a final newline: `^...$` then accepts `1.1.0\\n` as a
version, `risk\\n` as an id and a "one line" text ending in a newline. StrictValidator
is Draft202012Validator with the `pattern` keyword evaluated with every `$` outside a
character class read as `\\Z`, the end of the string. Every validator of the standards,
the release manifests, handbook exports and .pmo-kit.json files is one of these.

`patternProperties` would still use `re.search` (through jsonschema's additionalProperties
too), so no schema of ours uses it: a key's form is checked with `propertyNames` and a
`pattern`, which goes through this module (tests/unit/source/test_schemas.py checks it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators


def end_anchored(pattern: str) -> str:
    """`pattern` with each `$` that is an anchor (not escaped, not in [...]) written `\\Z`."""
    out: list[str] = []
    i, n, in_class = 0, len(pattern), False
    while i < n:
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            out.append(char)
            i += 1
            for literal in ("^", "]"):  # `[^]...]` and `[]...]`: that `]` is a member
                if i < n and pattern[i] == literal:
                    out.append(literal)
                    i += 1
            continue
        elif char == "$":
            char = r"\Z"
        out.append(char)
        i += 1
    return "".join(out)


@cache
def compiled_pattern(pattern: str) -> re.Pattern[str]:
    """The compiled, end-anchored form of a schema pattern (compiled once per process)."""
    return re.compile(end_anchored(pattern))


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not compiled_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


StrictValidator = validators.extend(Draft202012Validator, validators={"pattern": _pattern})
