"""What every cross-reference rule needs: the standards by id, the tiers, and how to
report a located problem."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.errors import Problem
from generator.source.loader import Document, PathItem, field_name
from generator.source.schema_check import suggest


@dataclass
class Checker:
    """Standards by id and the handbook's tiers, with helpers that add located problems."""

    documents: Sequence[Document]
    valid: Sequence[Document]
    problems: list[Problem] = field(default_factory=list)
    by_id: dict[str, Document] = field(default_factory=dict)
    tiers: set[int] | None = None

    def add(self, document: Document, path: Sequence[PathItem], message: str) -> None:
        line, column = document.locate(path)
        self.problems.append(Problem(document.display, line, column, field_name(path), message))

    def register(self, document: Document) -> None:
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
        self.add(document, path, f"{value!r} is not a known {what}{suggest(value, candidates)}")

    def refs(
        self, document: Document, path: list[PathItem], values: Any, kind: str | None, what: str
    ) -> None:
        for i, value in enumerate(values or ()):
            self.ref(document, [*path, i], value, kind, what)

    def one_per_tier(self, document: Document, path: list[PathItem],
                     entries: Sequence[Any], what: str) -> set[int]:
        """Entries at `path` that each name `tiers`: each tier named by one entry only
        (its `what`, e.g. approver); the tiers they cover."""
        seen: dict[int, int] = {}
        for i, entry in enumerate(entries):
            self.tier_refs(document, [*path, i, "tiers"], entry["tiers"])
            for j, tier in enumerate(entry["tiers"]):
                if tier in seen:
                    self.add(document, [*path, i, "tiers", j],
                             f"tier {tier} already has its {what} at "
                             f"{field_name(path)}[{seen[tier]}]; name one {what} per tier")
                seen[tier] = i
        return set(seen)

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
