"""The compiled (inlined) schemas accept exactly what the schema files accept."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.source.files import load_documents
from generator.source.schemas import compiled_validators, inline_refs, load_schemas
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
    from generator.source.schemas import source_validators

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
