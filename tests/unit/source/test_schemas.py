"""The compiled (inlined) schemas accept exactly what the schema files accept."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.source.files import load_documents
from generator.source.schemas import (
    compiled_validators,
    inline_refs,
    load_schemas,
    pattern_descriptions,
    source_validators,
)
from generator.source.strict_schema import compiled_pattern, end_anchored
from tests.support.examples import INVALID, lay_out_case
from tests.support.workspace import REPO


def _errors(validator, data) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return sorted(
        tuple(map(str, e.absolute_path)) + (e.validator.replace("unevaluated", "additional"),)
        for e in validator.iter_errors(data)
    )


def test_no_ref_is_left_after_inlining() -> None:
    schemas = load_schemas()
    for name in schemas:
        if name != "common.schema.json":
            assert "$ref" not in repr(inline_refs(schemas, name)), name


@pytest.mark.parametrize("case", [None, *INVALID], ids=lambda c: c.name if c else "shipped")
def test_compiled_and_source_schemas_agree(case: Path | None, tmp_path: Path) -> None:
    standards = REPO / "standards" if case is None else lay_out_case(case, tmp_path)
    documents, _ = load_documents(standards)
    compiled, source = compiled_validators(), source_validators()
    for document in documents:
        if document.data is None:
            continue
        assert _errors(compiled[document.kind], document.data) == _errors(
            source[document.kind], document.data
        ), document.display


def test_source_schemas_resolve_refs_locally_and_are_valid_2020_12() -> None:
    from jsonschema import Draft202012Validator

    for name, schema in load_schemas().items():
        Draft202012Validator.check_schema(schema)
        assert "http" not in "".join(
            str(v) for k, v in schema.items() if k == "$ref"
        ), name


@pytest.mark.parametrize(
    ("pattern", "anchored"),
    [
        ("^a$", r"^a\Z"),
        ("^a$|^b$", r"^a\Z|^b\Z"),
        (r"^\$$", r"^\$\Z"),
        ("^[$]$", r"^[$]\Z"),
        ("^[]$]$", r"^[]$]\Z"),
        ("^[^]$]$", r"^[^]$]\Z"),
        (r"^[\]$]$", r"^[\]$]\Z"),
        ("\\S", "\\S"),
    ],
)
def test_end_anchored_rewrites_only_the_anchor(pattern: str, anchored: str) -> None:
    assert end_anchored(pattern) == anchored


def _schema_patterns() -> set[str]:
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            assert "patternProperties" not in node, "use propertyNames: patternProperties " \
                "would match with re.search, where $ matches before a final newline"
            if isinstance(node.get("pattern"), str):
                found.add(node["pattern"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(load_schemas())
    return found


# One value each pattern of the schemas accepts: a new pattern needs an example here.
PATTERN_EXAMPLES = {
    "^https?://[^\\s<>\"'`]+/$": "https://pmo.example.org/",
    "^https?://[^\\s<>\"'`]+[^/\\s<>\"'`]$": "https://git.example.org/pmo",
    "^[A-Za-z0-9_.~%-]+(/[A-Za-z0-9_.~%-]+)*/$": "edit/main/",
    "^[A-Za-z0-9&]{2,12}$": "R&D",
    "^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$": "RISK",
    "^G[0-9]$": "G1",
    "^[a-z][a-z0-9]*(-[a-z0-9]+)*$": "pmo-lead",
    "^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-[1-9][0-9]*$": "RISK-12",
    "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$": "1.1.0",
    "^(?=[^\\n]*\\S)[^\\n]*$": "One line.",
    "\\S": "text",
    "^[a-z][a-z0-9_]*$": "project_name",
    "^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$": "data-engineering",
    "^[A-Z]{3}$": "EUR",
    "^[0-9]{4}-(0[1-9]|1[0-2])$": "2026-11",
    "^[a-z]{2,3}(-[A-Z]{2}|-[0-9]{3})?$": "en-GB",
}


def test_every_pattern_refuses_a_trailing_newline_in_both_validators() -> None:
    assert _schema_patterns() == set(PATTERN_EXAMPLES)
    source, compiled = source_validators(), compiled_validators()
    for pattern, example in PATTERN_EXAMPLES.items():
        schema = {"pattern": pattern}
        for validator in (source["role"], compiled["role"]):
            assert validator.evolve(schema=schema).is_valid(example), pattern
            ends = "$" in pattern
            assert validator.evolve(schema=schema).is_valid(example + "\n") is not ends, pattern


def test_versions_ids_and_one_line_texts_with_a_newline_are_refused_alike() -> None:
    data = load_documents(REPO / "standards")[0]
    risk = next(d for d in data if d.display == "standards/policies/risk-management.yaml")
    bad = {**risk.data, "id": risk.data["id"] + "\n", "version": "1.1.0\n",
           "title": risk.data["title"] + "\n"}
    for validators in (compiled_validators(), source_validators()):
        paths = sorted(str(e.absolute_path[0]) for e in validators["policy"].iter_errors(bad))
        assert paths == ["id", "title", "version"]


@pytest.mark.parametrize("unit", ["a", "A", "0", " ", "-", "a-", "A-1-", "1.", "http://x", "/",
                                  "x/", "\n"])
def test_no_pattern_takes_more_than_linear_time(unit: str) -> None:
    for pattern in _schema_patterns():
        compiled = compiled_pattern(pattern)
        for tail in ("", "\n", "\nx", " ", "!", "/"):
            text = unit * (100_000 // len(unit)) + tail
            started = time.perf_counter()
            compiled.search(text)
            assert time.perf_counter() - started < 0.25, (pattern, unit, tail)


def test_every_pattern_is_explained_in_words_the_message_can_use() -> None:
    """`'x' is not <phrase>`: every pattern has a phrase, none a field's capitalised
    sentence, so no author ever reads a regular expression."""
    phrases = pattern_descriptions()
    assert set(phrases) == _schema_patterns()
    for pattern, phrase in phrases.items():
        assert phrase[0].islower() or phrase[0].isdigit(), (pattern, phrase)
