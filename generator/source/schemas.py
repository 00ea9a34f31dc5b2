"""The JSON Schemas of the standards, compiled once and reused.

The schema files share definitions through `$ref` to `common.schema.json`, which
editors follow. For validation each kind's schema is compiled once: every local
`$ref` is inlined and the shared standard fields are merged into the kind's own,
so `unevaluatedProperties` becomes `additionalProperties`. The result accepts
exactly what the source schemas accept (a unit test checks both on every example)
and validates about 2.5x faster. Nothing is ever fetched over the network. Both are
StrictValidators: a pattern's `$` is the end of the string, as JSON Schema means it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import FormatChecker
from jsonschema.protocols import Validator
from referencing import Registry, Resource

from generator.model.kinds import KINDS as REGISTRY
from generator.model.registry import SCHEMAS_DIR as SCHEMA_DIR
from generator.shared.markup import dropped
from generator.source.strict_schema import StrictValidator

KINDS = ("handbook", *REGISTRY.names)  # handbook.yaml has a schema of its own


def _format_checker() -> FormatChecker:
    checker = FormatChecker(["date"])

    @checker.checks("markdown")
    def _published_whole(value: object) -> bool:
        """Markdown the site publishes without dropping anything (generator.shared.markup)."""
        return not isinstance(value, str) or not dropped(value)

    return checker


@cache
def load_schemas(schema_dir: Path = SCHEMA_DIR) -> dict[str, dict[str, Any]]:
    """The schema files by file name, as written."""
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in schema_dir.glob("*.json")}


@cache
def compiled_validators(schema_dir: Path = SCHEMA_DIR) -> dict[str, Validator]:
    """One compiled (inlined) validator per kind, built once per process."""
    schemas = load_schemas(schema_dir)
    checker = _format_checker()
    return {
        kind: StrictValidator(
            inline_refs(schemas, f"{kind}.schema.json"), format_checker=checker
        )
        for kind in KINDS
    }


@cache
def file_validator(name: str, schema_dir: Path = SCHEMA_DIR) -> Validator:
    """The compiled validator of one schema file that is not a kind's, e.g. the project
    files' `status.schema.json`."""
    return StrictValidator(inline_refs(load_schemas(schema_dir), name),
                                format_checker=_format_checker())


@cache
def source_validators(schema_dir: Path = SCHEMA_DIR) -> dict[str, Validator]:
    """Validators of the schema files as written, `$ref`s resolved through a local registry."""
    schemas = load_schemas(schema_dir)
    registry: Registry = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in schemas.items()
    )
    checker = _format_checker()
    return {
        kind: StrictValidator(
            schemas[f"{kind}.schema.json"], registry=registry, format_checker=checker
        )
        for kind in KINDS
    }


def inline_refs(schemas: dict[str, dict[str, Any]], name: str) -> dict[str, Any]:
    """Schema `name` with every `$ref` replaced by its target."""
    result: dict[str, Any] = _inline(schemas[name], name, schemas)
    return result


def _inline(node: Any, base: str, schemas: dict[str, dict[str, Any]]) -> Any:
    if isinstance(node, list):
        return [_inline(item, base, schemas) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" not in node:
        return {k: _inline(v, base, schemas) for k, v in node.items() if k != "$defs"}
    file_name, _, pointer = node["$ref"].partition("#")
    file_name = file_name or base
    target: Any = schemas[file_name]
    for part in filter(None, pointer.split("/")):
        target = target[part]
    resolved = _inline(target, file_name, schemas)
    own = _inline({k: v for k, v in node.items() if k != "$ref"}, base, schemas)
    if not own:
        return resolved
    merged = dict(resolved)
    for key, value in own.items():
        if key == "properties":
            merged["properties"] = {**merged.get("properties", {}), **value}
        elif key == "required":
            merged["required"] = [
                *merged.get("required", []),
                *(v for v in value if v not in merged.get("required", [])),
            ]
        elif key == "unevaluatedProperties":
            merged["additionalProperties"] = value
        else:
            merged[key] = value
    return merged


@cache
def pattern_descriptions(schema_dir: Path = SCHEMA_DIR) -> dict[str, str]:
    """What each pattern means, for error messages: `'1.0' is not a semantic version`.
    Taken from every schema node with a pattern: its `patternErrorMessage` (the key editors
    such as VS Code's YAML extension show too), else its description."""
    found: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            says = node.get("patternErrorMessage", node.get("description"))
            if isinstance(node.get("pattern"), str) and isinstance(says, str):
                found.setdefault(node["pattern"], says)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(load_schemas(schema_dir))
    return found
