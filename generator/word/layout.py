"""Writes a kind's Word layout (generator.model.layout): one function per block type.

Every block type of the vocabulary has a writer here; a test checks that none is
missing, so a kind declared with existing blocks needs no Word code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from generator.model import Artefact, Handbook, Policy, Standard
from generator.model import layout as blocks
from generator.word.artefact import write_sections
from generator.word.ooxml import run
from generator.word.policy import write_approval, write_history, write_policy, write_raci
from generator.word.shared_parts import tier_names
from generator.word.writer import DocWriter


def write_layout(w: DocWriter, handbook: Handbook, standard: Standard,
                 layout: Sequence[blocks.Block], *, level: int) -> None:
    """Write `standard`'s own content block by block; an empty field writes nothing."""
    for block in layout:
        WRITERS[type(block)](w, handbook, standard, block, level)


def _text(w: DocWriter, _h: Handbook, s: Standard, block: blocks.Text, level: int) -> None:
    value = getattr(s, block.field)
    if value:
        if block.heading:
            w.heading(block.heading, level)
        w.markdown(value)


def _line(w: DocWriter, handbook: Handbook, s: Standard, block: blocks.Line, _level: int) -> None:
    value = getattr(s, block.field)
    if not value:
        return
    if block.show == "role":
        text = handbook.title_of(value)
    elif block.show == "tiers":
        text = tier_names(handbook, value)
    elif block.show == "pmo_type":
        pmo_type = handbook.settings.pmo_type_info(value)
        text = f"{pmo_type.title} ({pmo_type.authority})"
    else:
        text = str(value)
    w.para(run(f"{block.label}: ", bold=True) + run(text))


def _bullets(w: DocWriter, _h: Handbook, s: Standard, block: blocks.Bullets, level: int) -> None:
    items = getattr(s, block.field)
    if items:
        if block.heading:
            w.heading(block.heading, level)
        w.markdown("\n".join(f"- {item}" for item in items))


def _table(w: DocWriter, _h: Handbook, s: Standard, block: blocks.Table, level: int) -> None:
    records = getattr(s, block.field)
    if not records:
        return
    if block.heading:
        w.heading(block.heading, level)
    w.table([c.header for c in block.columns],
            [[getattr(r, c.attribute) or "" for c in block.columns] for r in records],
            [c.weight for c in block.columns])


def _entries(w: DocWriter, _h: Handbook, s: Standard, block: blocks.Entries, level: int) -> None:
    for record in getattr(s, block.field):
        w.heading(getattr(record, block.title), level)
        w.markdown(getattr(record, block.text))


def _policy_text(w: DocWriter, handbook: Handbook, s: Standard, _b: blocks.Block,
                 level: int) -> None:
    assert isinstance(s, Policy)
    write_policy(w, handbook, s, level=level)


def _approval(w: DocWriter, handbook: Handbook, s: Standard, _b: blocks.Block,
              level: int) -> None:
    assert isinstance(s, Policy)
    write_approval(w, handbook, s, level=level)


def _history(w: DocWriter, _h: Handbook, s: Standard, _b: blocks.Block, level: int) -> None:
    write_history(w, s, level=level)


def _sections(w: DocWriter, _h: Handbook, s: Standard, _b: blocks.Block, level: int) -> None:
    assert isinstance(s, Artefact)
    write_sections(w, s, level=level)


def _body(w: DocWriter, _h: Handbook, s: Standard, _b: blocks.Block, _level: int) -> None:
    if s.body.strip():
        w.markdown(s.body)


def _raci(w: DocWriter, handbook: Handbook, s: Standard, _b: blocks.Block, level: int) -> None:
    write_raci(w, handbook, s, level=level)


WRITERS: dict[type, Callable[[DocWriter, Handbook, Standard, Any, int], None]] = {
    blocks.Text: _text, blocks.Line: _line, blocks.Bullets: _bullets, blocks.Table: _table,
    blocks.Entries: _entries, blocks.PolicyText: _policy_text, blocks.Approval: _approval,
    blocks.History: _history, blocks.ArtefactSections: _sections, blocks.Body: _body,
    blocks.Raci: _raci,
}
