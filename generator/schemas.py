"""The JSON Schemas of the standards, compiled once and reused.

Schemas refer to each other by file name (`common.schema.json#/$defs/id`); the
registry holds every schema of the folder, so nothing is ever fetched.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from markdown_it import MarkdownIt
from referencing import Registry, Resource

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "standards" / "schemas"
KINDS = ("handbook", "charter", "framework", "policy", "artefact", "role", "glossary", "faq")

_markdown = MarkdownIt("commonmark")


def raw_html(text: str) -> str | None:
    """The first raw HTML tag in Markdown `text`, or None. Code spans and blocks are fine."""
    if "<" not in text:
        return None
    for token in _markdown.parse(text):
        if token.type == "html_block":
            return token.content.strip().splitlines()[0]
        for child in token.children or ():
            if child.type == "html_inline":
                return child.content
    return None


def _format_checker() -> FormatChecker:
    checker = FormatChecker(["date"])

    @checker.checks("markdown")
    def _no_raw_html(value: object) -> bool:
        return not isinstance(value, str) or raw_html(value) is None

    return checker


@cache
def compiled_validators(schema_dir: Path = SCHEMA_DIR) -> dict[str, Draft202012Validator]:
    """One compiled validator per kind, built once per process."""
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in schema_dir.glob("*.json")}
    registry: Registry = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in schemas.items()
    )
    checker = _format_checker()
    return {
        kind: Draft202012Validator(schemas[f"{kind}.schema.json"], registry=registry,
                                   format_checker=checker)
        for kind in KINDS
    }


@cache
def standard_fields(schema_dir: Path = SCHEMA_DIR) -> frozenset[str]:
    """The fields every kind of standard shares."""
    common = json.loads((schema_dir / "common.schema.json").read_text(encoding="utf-8"))
    return frozenset(common["$defs"]["standard"]["properties"])
