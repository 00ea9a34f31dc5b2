"""The schemas of the JSON files pmo reads back, each compiled once.

- a release manifest, `standards/releases/X.Y.Z.json` (written by `pmo release`);
- a handbook export, the `handbook.json` of a release bundle (`kit check --against`);
- a project's `.pmo-kit.json` (written by the project kit, read by `pmo kit check`).

No PMO edits these files, so their schemas live here, next to the code, not under
standards/schemas/. They require what the readers use (a diff, release notes, a kit
report) and leave other fields free. The shared forms (id, version, requirement id,
status, obligation words, PMO type) come from the standards' common.schema.json, so a
value a standard may hold is a value these files may hold.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import FormatChecker
from jsonschema.protocols import Validator

from generator.model import KINDS
from generator.source.schemas import load_schemas
from generator.source.strict_schema import StrictValidator

MANIFEST_FORMAT = 1
EXPORT_FORMAT = "pmo-handbook-export/1"

_SHARED = ("id", "requirement_id", "semver", "status", "pmo_type", "obligation_word",
           "obligation", "tier")


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _definitions() -> dict[str, Any]:
    common = load_schemas()["common.schema.json"]["$defs"]
    string = {"type": "string"}
    tiers = {"type": "array", "items": _ref("tier")}
    versions = {"type": "object", "propertyNames": _ref("id"),
                "additionalProperties": _ref("semver")}
    standard_fields = {
        "version": _ref("semver"), "content_hash": string, "kind": {"enum": list(KINDS.names)},
        "title": string, "status": _ref("status"), "source": string,
        "history": {"type": "array", "items": _ref("history")}, "tiers": tiers,
    }
    artefact_tiers = {"if": {"properties": {"kind": {"const": "artefact"}}, "required": ["kind"]},
                      "then": {"required": ["tiers"]}}
    return {
        **{name: common[name] for name in _SHARED},
        "date": {"type": "string", "format": "date", "description": "a date YYYY-MM-DD"},
        "history": {
            "type": "object", "required": ["version", "date", "summary"],
            "properties": {"version": _ref("semver"), "date": _ref("date"), "summary": string,
                           "change": {"enum": [None, "major", "minor", "patch"]}},
        },
        "requirement": {
            "type": "object", "required": ["text", "obligation", "tiers"],
            "properties": {"text": string, "obligation": _ref("obligation"), "tiers": tiers,
                           "scope": {"enum": ["project", "pmo"]}},
        },
        "snapshot": {
            "type": "object",
            "required": ["version", "content_hash", "kind", "title", "status", "source",
                         "requirements", "sections", "history"],
            "properties": {
                **standard_fields,
                "requirements": {"type": "object", "propertyNames": _ref("requirement_id"),
                                 "additionalProperties": _ref("requirement")},
                "sections": {"type": "array", "items": string},
            },
        },
        "manifest": {
            "type": "object", "required": ["format", "version", "date", "standards"],
            "properties": {
                "format": {"const": MANIFEST_FORMAT}, "version": _ref("semver"),
                "date": _ref("date"),
                "standards": {"type": "object", "propertyNames": _ref("id"),
                              "additionalProperties": _ref("snapshot")},
            },
        },
        "exported_standard": {
            "type": "object",
            "required": ["id", "version", "content_hash", "kind", "title", "status", "source",
                         "history"],
            "properties": {
                **standard_fields,
                "id": _ref("id"),
                "requirements": {"type": "array", "items": {
                    "allOf": [_ref("requirement"), {"required": ["id"],
                                                    "properties": {"id": _ref("requirement_id")}}],
                }},
                "sections": {"type": "array", "items": {
                    "type": "object", "required": ["title"], "properties": {"title": string},
                }},
            },
            **artefact_tiers,
        },
        "export": {
            "type": "object", "required": ["format", "version", "standards"],
            "properties": {
                "format": {"const": EXPORT_FORMAT}, "version": _ref("semver"),
                "standards": {"type": "array", "items": _ref("exported_standard")},
                "manifests": {"type": "object", "propertyNames": _ref("semver"),
                              "additionalProperties": _ref("manifest")},
            },
        },
        "kit_record": {
            "type": "object", "required": ["kit_version", "pmo_type", "tier", "standards"],
            "properties": {
                "kit_version": _ref("semver"), "pmo_type": _ref("pmo_type"),
                "tier": _ref("tier"), "standards": versions, "artefacts": versions,
            },
        },
    }


@cache
def json_validator(kind: str) -> Validator:
    """The validator of one kind of JSON file: `manifest`, `export` or `kit_record`."""
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$defs": _definitions(), **_ref(kind)}
    StrictValidator.check_schema(schema)
    validator: Validator = StrictValidator(schema, format_checker=FormatChecker(["date"]))
    return validator
