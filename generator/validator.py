"""Validate loaded standards: JSON Schema first, then cross-references and rules.

Every problem is collected with its file, line, column and field; nothing stops
at the first one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from jsonschema import ValidationError

from generator.errors import Problem
from generator.loader import Document, PathItem, field_name
from generator.schemas import compiled_validators, pattern_descriptions, raw_html

BUILTIN_ANSWERS = (
    "project_name",
    "project_slug",
    "project_manager",
    "sponsor",
    "start_date",
    "end_date",
    "tier",
)
_UNEXPECTED = re.compile(r"\((.+?) (?:was|were) unexpected\)")
_REQUIRED = re.compile(r"^'(.+)' is a required property$")


def check_schemas(documents: Sequence[Document]) -> list[tuple[Document, list[Problem]]]:
    """Each document with its schema problems (none checked for untrusted documents)."""
    validators = compiled_validators()
    return [
        (
            d,
            [_schema_problem(d, e) for e in validators[d.kind].iter_errors(d.data)]
            if d.trusted
            else [],
        )
        for d in documents
    ]


def check_references(checked: Sequence[tuple[Document, list[Problem]]]) -> list[Problem]:
    """Cross-reference problems; rules run on the documents that passed their schema."""
    documents = [d for d, _ in checked]
    valid = [d for d, found in checked if d.trusted and not found]
    return _References(documents, valid).check()


def _schema_problem(document: Document, error: ValidationError) -> Problem:
    path = list(error.absolute_path)
    message = error.message
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
                + _suggest(key, allowed)
                + (
                    f"; fields allowed here: {', '.join(allowed)}"
                    if not _suggest(key, allowed)
                    else ""
                )
            )
            line, column = document.locate(path, key=key)
            return Problem(document.display, line, column, field_name([*path, key]), message)
    elif error.validator == "format" and error.validator_value == "date":
        message = f"{error.instance!r} is not a real date; write YYYY-MM-DD"
    elif error.validator == "format" and error.validator_value == "markdown":
        message = (
            f"raw HTML {raw_html(error.instance)!r} is not allowed: text is published as Markdown; "
            "use Markdown syntax instead"
        )
    elif error.validator == "pattern":
        message = f"{error.instance!r} is not " + pattern_descriptions().get(
            error.validator_value, f"of the form {error.validator_value}"
        )
    elif error.validator == "enum":
        message += _suggest(str(error.instance), [str(v) for v in error.validator_value])
    line, column = document.locate(path)
    return Problem(
        document.display, line, column, field_name(path + ([key] if key else [])), message
    )


def _allowed_properties(schema: dict[str, Any]) -> set[str]:
    return set(schema.get("properties", {}))


def _suggest(value: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


@dataclass
class _References:
    """Cross-reference and consistency rules over all schema-valid documents."""

    documents: Sequence[Document]
    valid: Sequence[Document]
    problems: list[Problem] = field(default_factory=list)

    def check(self) -> list[Problem]:
        self.handbook = next((d.data for d in self.valid if d.kind == "handbook"), None)
        self.by_id: dict[str, Document] = {}
        for document in self.documents:
            if document.kind != "handbook":
                self._register(document)
        self.tiers = {t["id"] for t in self.handbook["tiers"]} if self.handbook else None
        self.answers = set(BUILTIN_ANSWERS) | {
            a["key"] for a in (self.handbook or {}).get("answers", [])
        }
        for document in self.valid:
            if document.kind == "handbook":
                self._check_handbook(document)
            else:
                self._check_standard(document)
        self._check_unique_requirements()
        self._check_terms_and_see()
        return self.problems

    def add(self, document: Document, path: Sequence[PathItem], message: str) -> None:
        line, column = document.locate(path)
        self.problems.append(Problem(document.display, line, column, field_name(path), message))

    def _register(self, document: Document) -> None:
        data = document.data if isinstance(document.data, dict) else {}
        ident = data.get("id", document.path.stem if not document.trusted else None)
        if not isinstance(ident, str):
            return
        if document.path.stem != ident:
            self.add(
                document,
                ["id"],
                f"{ident!r} does not match the file name "
                f"{document.path.name!r}; rename the file to {ident}.yaml or change the id",
            )
        first = self.by_id.get(ident)
        if first is not None:
            self.add(document, ["id"], f"duplicate id {ident!r}: already used by {first.display}")
        else:
            self.by_id[ident] = document

    def ref(
        self, document: Document, path: list[PathItem], value: Any, kind: str | None, what: str
    ) -> None:
        """Check that `value` names a standard (of `kind`, when given)."""
        target = self.by_id.get(value)
        if target is not None and (kind is None or target.kind == kind):
            if (
                (target.data or {}).get("status") == "retired"
                and document.data.get("status") != "retired"
                and kind == "artefact"
            ):
                self.add(
                    document,
                    path,
                    f"{value!r} is a retired artefact; name the artefact that replaces it",
                )
            return
        candidates = [i for i, d in self.by_id.items() if kind is None or d.kind == kind]
        self.add(document, path, f"{value!r} is not a known {what}{_suggest(value, candidates)}")

    def refs(
        self, document: Document, path: list[PathItem], values: Any, kind: str | None, what: str
    ) -> None:
        for i, value in enumerate(values or ()):
            self.ref(document, [*path, i], value, kind, what)

    def tier_refs(self, document: Document, path: list[PathItem], values: Any) -> None:
        if self.tiers is None:
            return
        for i, value in enumerate(values or ()):
            if value not in self.tiers:
                self.add(
                    document,
                    [*path, i],
                    f"tier {value} is not declared in handbook.yaml "
                    f"(tiers: {', '.join(map(str, sorted(self.tiers)))})",
                )

    def _check_handbook(self, document: Document) -> None:
        data = document.data
        self._unique(document, ["pmo_types"], [t["id"] for t in data["pmo_types"]], "PMO type")
        self._unique(document, ["tiers"], [t["id"] for t in data["tiers"]], "tier")
        keys = [a["key"] for a in data.get("answers", [])]
        self._unique(document, ["answers"], keys, "answer")
        for i, key in enumerate(keys):
            if key in BUILTIN_ANSWERS:
                self.add(
                    document,
                    ["answers", i, "key"],
                    f"{key!r} is a built-in answer; remove it from answers",
                )

    def _unique(
        self, document: Document, path: list[PathItem], values: list[Any], what: str
    ) -> None:
        seen: set[Any] = set()
        for i, value in enumerate(values):
            if value in seen:
                self.add(document, [*path, i], f"{what} {value!r} is declared twice")
            seen.add(value)

    def _check_standard(self, document: Document) -> None:
        data = document.data
        self._check_history(document)
        if data["review_by"] <= data["effective"]:
            self.add(
                document,
                ["review_by"],
                f"{data['review_by']} is not after effective date "
                f"{data['effective']}; set a later review date",
            )
        self.ref(document, ["owner"], data["owner"], "role", "role")
        if "pillar" in data:
            self.ref(document, ["pillar"], data["pillar"], "framework", "framework pillar")
        for i, value in enumerate(data.get("related", ())):
            if value == data["id"]:
                self.add(document, ["related", i], "a standard cannot be related to itself")
            else:
                self.ref(document, ["related", i], value, None, "standard")
        for i, row in enumerate(data.get("raci", ())):
            self._check_raci(document, ["raci", i], row)
        getattr(self, f"_check_{document.kind}", lambda _: None)(document)

    def _check_history(self, document: Document) -> None:
        history = document.data["history"]
        if history[0]["version"] != document.data["version"]:
            self.add(
                document,
                ["history", 0, "version"],
                f"newest history entry is {history[0]['version']} but version is "
                f"{document.data['version']}; add a history entry for "
                f"{document.data['version']} at the top",
            )
        for i, (newer, older) in enumerate(zip(history, history[1:], strict=False), start=1):
            if _semver(older["version"]) >= _semver(newer["version"]):
                self.add(
                    document,
                    ["history", i, "version"],
                    f"{older['version']} is listed below {newer['version']}: history runs "
                    "newest first with rising versions",
                )
            if older["date"] > newer["date"]:
                self.add(
                    document,
                    ["history", i, "date"],
                    f"{older['date']} is later than the newer entry's {newer['date']}",
                )

    def _check_raci(self, document: Document, path: list[PathItem], row: dict[str, Any]) -> None:
        self.ref(document, [*path, "accountable"], row["accountable"], "role", "role")
        for column in ("responsible", "consulted", "informed"):
            self.refs(document, [*path, column], row.get(column), "role", "role")

    def _check_policy(self, document: Document) -> None:
        data = document.data
        self.ref(document, ["approved_by"], data["approved_by"], "role", "role")
        for i, role in enumerate(data.get("roles", ())):
            self.ref(document, ["roles", i, "role"], role["role"], "role", "role")
        for i, requirement in enumerate(data["requirements"]):
            path: list[PathItem] = ["requirements", i]
            if not requirement["id"].startswith(data["code"] + "-"):
                self.add(
                    document,
                    [*path, "id"],
                    f"{requirement['id']!r} does not start with "
                    f"this policy's code {data['code'] + '-'!r}",
                )
            self.tier_refs(document, [*path, "tiers"], requirement.get("tiers"))
            self.refs(
                document, [*path, "artefacts"], requirement.get("artefacts"), "artefact", "artefact"
            )
        for i, gate in enumerate(data.get("gates", ())):
            self.ref(document, ["gates", i, "decision_body"], gate["decision_body"], "role", "role")
            self.tier_refs(document, ["gates", i, "tiers"], gate.get("tiers"))
            self.refs(
                document, ["gates", i, "artefacts"], gate.get("artefacts"), "artefact", "artefact"
            )

    def _check_artefact(self, document: Document) -> None:
        data = document.data
        self.tier_refs(document, ["tiers"], data.get("tiers", ()))
        if "responsible" in data:
            self.ref(document, ["responsible"], data["responsible"], "role", "role")
        for i, section in enumerate(data["sections"]):
            for j, fld in enumerate(section.get("fields", ())):
                answer = fld.get("answer")
                if answer is not None and answer not in self.answers:
                    self.add(
                        document,
                        ["sections", i, "fields", j, "answer"],
                        f"{answer!r} is not a kit answer{_suggest(answer, self.answers)}; "
                        "declare it under answers in handbook.yaml",
                    )
            table = section.get("table")
            if table:
                width = len(table["columns"])
                for r, row in enumerate(table.get("rows", ())):
                    if len(row) != width:
                        self.add(
                            document,
                            ["sections", i, "table", "rows", r],
                            f"row has {len(row)} cells but the table has {width} columns",
                        )

    def _check_role(self, document: Document) -> None:
        if "reports_to" in document.data:
            self.ref(document, ["reports_to"], document.data["reports_to"], "role", "role")

    def _check_charter(self, document: Document) -> None:
        if self.handbook and document.data["pmo_type"] != self.handbook["pmo_type"]:
            self.add(
                document,
                ["pmo_type"],
                f"{document.data['pmo_type']!r} differs from the PMO "
                f"type in force in handbook.yaml ({self.handbook['pmo_type']!r})",
            )

    def _check_terms_and_see(self) -> None:
        for kind, item_key, see in (("glossary", "terms", "see"), ("faq", "questions", "see")):
            for document in self._of_kind(kind):
                for i, item in enumerate(document.data[item_key]):
                    self.refs(document, [item_key, i, see], item.get(see), None, "standard")
        seen: dict[str, str] = {}
        for document in self._of_kind("glossary"):
            for i, term in enumerate(document.data["terms"]):
                for key in ("term", "abbreviation"):
                    value = term.get(key)
                    if value is None:
                        continue
                    where = f"{document.display}:{document.locate(['terms', i, key])[0]}"
                    if value.casefold() in seen:
                        self.add(
                            document,
                            ["terms", i, key],
                            f"{value!r} is already defined at {seen[value.casefold()]}",
                        )
                    else:
                        seen[value.casefold()] = where

    def _check_unique_requirements(self) -> None:
        seen: dict[str, str] = {}
        for document in self._of_kind("policy"):
            for i, requirement in enumerate(document.data["requirements"]):
                ident = requirement["id"]
                where = f"{document.display}:{document.locate(['requirements', i, 'id'])[0]}"
                if ident in seen:
                    self.add(
                        document,
                        ["requirements", i, "id"],
                        f"requirement id {ident!r} is already used at {seen[ident]}",
                    )
                else:
                    seen[ident] = where

    def _of_kind(self, kind: str) -> Iterator[Document]:
        return (d for d in self.valid if d.kind == kind)


def _semver(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))
