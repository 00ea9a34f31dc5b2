"""How the Word handbook lays out a kind's own fields: a small vocabulary of blocks.

A kind's registry entry lists its blocks in order; the Word renderer knows how to
write each block type, so adding a kind needs no Word code. Blocks name fields of
the kind's model class (checked when the kind is registered).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Block:
    def fields(self) -> tuple[str, ...]:
        """The model fields this block shows."""
        return ()


@dataclass(frozen=True, slots=True)
class Text(Block):
    """A Markdown field, under a heading when one is given."""

    field: str
    heading: str | None = None

    def fields(self) -> tuple[str, ...]:
        return (self.field,)


@dataclass(frozen=True, slots=True)
class Line(Block):
    """`Label: value` on one line. `show` says how the value reads: as it is, or as
    the title of a `role`, the names of `tiers`, the `pmo_type` with its authority."""

    label: str
    field: str
    show: str = "text"

    def fields(self) -> tuple[str, ...]:
        return (self.field,)


@dataclass(frozen=True, slots=True)
class Bullets(Block):
    """A list of one-line texts as bullets, under a heading when one is given."""

    field: str
    heading: str | None = None

    def fields(self) -> tuple[str, ...]:
        return (self.field,)


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    attribute: str
    weight: float


@dataclass(frozen=True, slots=True)
class Table(Block):
    """A list of records as a table, one column per attribute; nothing when empty."""

    field: str
    columns: tuple[Column, ...]
    heading: str | None = None

    def fields(self) -> tuple[str, ...]:
        return (self.field,)


@dataclass(frozen=True, slots=True)
class Entries(Block):
    """A list of records, each as a heading (`title`) followed by its Markdown (`text`)."""

    field: str
    title: str
    text: str

    def fields(self) -> tuple[str, ...]:
        return (self.field,)


@dataclass(frozen=True, slots=True)
class PolicyText(Block):
    """A policy's purpose, scope, statement, requirements, gates, roles and RACI."""


@dataclass(frozen=True, slots=True)
class Approval(Block):
    """The approval block: approver, version, effective date, signature lines."""


@dataclass(frozen=True, slots=True)
class History(Block):
    """The document history table."""


@dataclass(frozen=True, slots=True)
class ArtefactSections(Block):
    """An artefact's sections: guidance, fields and tables."""


@dataclass(frozen=True, slots=True)
class Body(Block):
    """The standard's body text."""


@dataclass(frozen=True, slots=True)
class Raci(Block):
    """The standard's RACI matrix, if it has one."""
