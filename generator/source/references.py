"""Cross-references and rules over schema-valid standards.

Every problem is collected with its file, line, column and field; nothing stops
at the first one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from generator.errors import Problem
from generator.model.answers import BUILTIN_KEYS
from generator.shared.semver import parse_semver
from generator.source.checker import Checker
from generator.source.loader import Document, PathItem
from generator.source.policy_data_rules import check_one_risk_scoring, check_weight_tables
from generator.source.policy_rules import check_policy
from generator.source.register_rules import check_scored_registers
from generator.source.schema_check import suggest
from generator.source.tier_rules import check_tier_criteria


def check_references(checked: Sequence[tuple[Document, list[Problem]]]) -> list[Problem]:
    """Cross-reference problems; rules run on the documents that passed their schema."""
    documents = [d for d, _ in checked]
    valid = [d for d, found in checked if d.trusted and not found]
    return References(documents, valid).check()



class References(Checker):
    """Cross-reference and consistency rules over all schema-valid documents."""

    def check(self) -> list[Problem]:
        self.handbook = next((d.data for d in self.valid if d.kind == "handbook"), None)
        for document in self.documents:
            if document.kind != "handbook":
                self.register(document)
        self.tiers = {t["id"] for t in self.handbook["tiers"]} if self.handbook else None
        self.gates = {g["id"]: g for d in self.valid if d.kind == "policy"
                      for g in d.data.get("gates", ())}
        self.answers = set(BUILTIN_KEYS) | {
            a["key"] for a in (self.handbook or {}).get("answers", [])
        } | {c["key"] for c in (self.handbook or {}).get("tier_criteria", {}).get("choices", [])}
        for document in self.valid:
            if document.kind == "handbook":
                self._check_handbook(document)
            else:
                self._check_standard(document)
        self._check_unique_requirements()
        check_weight_tables(self, self._of_kind("policy"), self._of_kind("artefact"))
        check_one_risk_scoring(self, self._of_kind("policy"))
        check_scored_registers(self, self._of_kind("policy"), self._of_kind("artefact"))
        self._check_terms_and_see()
        return self.problems

    def _check_handbook(self, document: Document) -> None:
        data = document.data
        self._unique(document, ["pmo_types"], [t["id"] for t in data["pmo_types"]], "PMO type")
        self._unique(document, ["tiers"], [t["id"] for t in data["tiers"]], "tier")
        keys = [a["key"] for a in data.get("answers", [])]
        self._unique(document, ["answers"], keys, "answer")
        for i, key in enumerate(keys):
            if key in BUILTIN_KEYS:
                self.add(
                    document,
                    ["answers", i, "key"],
                    f"{key!r} is a built-in answer; remove it from answers",
                )
        for word in ("should", "must"):
            self._check_deviations(document, word)
        check_tier_criteria(self, document)

    def _check_deviations(self, document: Document, word: str) -> None:
        """Each tier has one approver of departing from a `word`, with known roles and record."""
        rules = document.data["deviations"][word]
        for i, rule in enumerate(rules):
            path: list[PathItem] = ["deviations", word, i]
            self.ref(document, [*path, "approver"], rule["approver"], "role", "role")
            if "consult" in rule:
                self.ref(document, [*path, "consult"], rule["consult"], "role", "role")
            if "record" in rule:
                self.ref(document, [*path, "record"], rule["record"], "artefact", "artefact")
        seen = self.one_per_tier(document, ["deviations", word], rules, "approver")
        missing = sorted((self.tiers or set()) - seen)
        if missing:
            self.add(document, ["deviations", word],
                     f"no approver for departing from a {word} on tier "
                     f"{', '.join(map(str, missing))}; add the tier to one of the rules")

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
        self._check_approvals(document)
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

    def _check_approvals(self, document: Document) -> None:
        """Every approval is by the approving role, of a version in the history; an approved
        standard's current version has one."""
        data = document.data
        approver = data["approved_by"]
        self.ref(document, ["approved_by"], approver, "role", "role")
        versions = {h["version"] for h in data["history"]}
        for i, approval in enumerate(data.get("approvals", ())):
            if approval["by"] != approver:
                self.add(document, ["approvals", i, "by"],
                         f"{approval['by']!r} is not this standard's approver "
                         f"({approver!r}, its approved_by): only {approver!r} approves it")
            if approval["version"] not in versions:
                self.add(document, ["approvals", i, "version"],
                         f"approves version {approval['version']}, which is not in the history")
        if data["status"] == "approved" and not any(
                a["version"] == data["version"] and a["by"] == approver
                for a in data.get("approvals", ())):
            self.add(document, ["status"],
                     f"approved, but version {data['version']} has no approval by {approver!r}: "
                     f"add `approvals: [{{version: {data['version']}, by: {approver}, date: "
                     "YYYY-MM-DD}]` once it is approved, or set status: draft")

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
            if parse_semver(older["version"]) >= parse_semver(newer["version"]):
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
        check_policy(self, document, self.gates)

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
                        f"{answer!r} is not a kit answer{suggest(answer, self.answers)}; "
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
