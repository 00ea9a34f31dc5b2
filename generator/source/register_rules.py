"""Rules of registers scored by the risk policy (a table's columns with `scoring:`).

- a scored table has exactly one probability, one impact and one score column, and at most
  one RAG column;
- a policy in force keeps the risk scoring (`risk_scoring:`) to score it with;
- the probability and impact columns offer the scores of the policy's scales (or leave
  `choices` out), the RAG column its bands' names.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator.source.checker import Checker
from generator.source.loader import Document, PathItem

NEEDED = ("probability", "impact", "score")


def check_scored_registers(checker: Checker, policies: Iterable[Document],
                           artefacts: Iterable[Document]) -> None:
    scoring = next((p.data["risk_scoring"] for p in policies
                    if p.data.get("status") != "retired" and "risk_scoring" in p.data), None)
    for document in artefacts:
        for i, section in enumerate(document.data["sections"]):
            columns = (section.get("table") or {}).get("columns", ())
            if any("scoring" in c for c in columns):
                _check_table(checker, document, ["sections", i, "table", "columns"], columns,
                             scoring)


def _check_table(checker: Checker, document: Document, path: list[PathItem],
                 columns: list[dict[str, Any]], scoring: dict[str, Any] | None) -> None:
    roles = [c.get("scoring") for c in columns]
    for role in (*NEEDED, "rag"):
        count = roles.count(role)
        if count > 1 or (count == 0 and role in NEEDED):
            said = f"{count} columns have" if count else "no column has"
            checker.add(document, path,
                        f"{said} scoring: {role}: a scored register has one probability, one "
                        "impact and one score column (the score is their product), and at "
                        "most one rag column")
    if scoring is None:
        checker.add(document, path,
                    "the table is scored by the risk policy, but no policy in force keeps "
                    "risk_scoring: add it to the risk policy, or remove scoring from the "
                    "columns")
        return
    wanted = {"probability": [str(s["score"]) for s in scoring["probability"]],
              "impact": [str(s["score"]) for s in scoring["impact"]],
              "rag": [b["rag"].capitalize() for b in scoring["bands"]]}
    for j, column in enumerate(columns):
        kind = column.get("scoring")
        if (kind in wanted and "choices" in column
                and sorted(column["choices"]) != sorted(wanted[kind])):
            checker.add(document, [*path, j, "choices"],
                        f"the choices are {', '.join(column['choices'])}, but the risk "
                        f"policy's {kind} {'bands' if kind == 'rag' else 'scale'} gives "
                        f"{', '.join(wanted[kind])}: list those, or leave choices out")
        if kind == "score" and "choices" in column:
            checker.add(document, [*path, j, "choices"],
                        "the score is worked out (probability x impact): leave choices out")
