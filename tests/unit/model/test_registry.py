"""The registry of kinds: one entry per kind, refused at import time when a part is missing."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pytest

from generator.model import KINDS, Kind, KindError, Standard, layout
from generator.model.registry import Registry
from generator.source.schemas import KINDS as SCHEMA_KINDS
from generator.word.layout import WRITERS


@dataclass(frozen=True, slots=True, kw_only=True)
class Toy(Standard):
    colour: str


COMPLETE = {
    "name": "charter", "folder": "toys", "model": Toy, "label": "Toy",
    "section_title": "Toys", "changelog_heading": "Toys", "word_part": "Toys",
    "word_category": "Toy", "site_template": "charter.md.j2",
    "word_layout": (layout.Text("colour"),),
}


@pytest.mark.parametrize("part", ["folder", "label", "site_template", "word_layout",
                                  "changelog_heading", "model"])
def test_a_kind_missing_a_part_is_refused_naming_the_kind_and_the_part(part: str) -> None:
    entry = {**COMPLETE, "name": "toy", part: None if part == "model" else type(COMPLETE[part])()}
    with pytest.raises(KindError) as refused:
        Kind(**entry)  # type: ignore[arg-type]
    message = str(refused.value)
    assert "kind 'toy'" in message
    assert part.replace("_", " ") in message


def test_a_kind_whose_template_or_schema_file_is_missing_is_refused() -> None:
    with pytest.raises(KindError, match=r"kind 'toy': its schema standards/schemas/toy\.schema"):
        Kind(**{**COMPLETE, "name": "toy"})  # type: ignore[arg-type]
    with pytest.raises(KindError, match=r"its site template templates/site/toy\.md\.j2"):
        Kind(**{**COMPLETE, "site_template": "toy.md.j2"})  # type: ignore[arg-type]


def test_a_word_layout_naming_a_field_the_model_lacks_is_refused() -> None:
    with pytest.raises(KindError, match="shows size, which Toy does not have"):
        Kind(**{**COMPLETE, "word_layout": (layout.Text("size"),)})  # type: ignore[arg-type]


def test_two_kinds_cannot_share_a_folder_or_a_name() -> None:
    registry = Registry()
    registry.register(Kind(**COMPLETE))  # type: ignore[arg-type]
    with pytest.raises(KindError, match="clashes with kind 'charter'"):
        registry.register(dataclasses.replace(KINDS["charter"]))


def test_every_stage_sees_the_same_kinds() -> None:
    assert ("handbook", *KINDS.names) == SCHEMA_KINDS
    assert sorted(KINDS.by_folder().values()) == sorted(KINDS.names)


def test_every_block_of_the_layout_vocabulary_has_a_word_writer() -> None:
    blocks = {cls for cls in vars(layout).values() if isinstance(cls, type)
              and issubclass(cls, layout.Block) and cls is not layout.Block}
    assert blocks == set(WRITERS)
