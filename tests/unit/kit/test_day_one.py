"""Day one: every artefact a tier's first gate asks for is in that tier's kit."""

from __future__ import annotations

import json

import pytest
from docx import Document

from generator.kit.contents import kit_files
from generator.kit.hooks.fill import DATA_FILE
from generator.kit.questions import PROJECT_DIR
from generator.kit.render import render_kit
from generator.model import Handbook
from generator.model.applicability import artefacts_for, lifecycle
from generator.model.render_inputs import RenderInputs


@pytest.fixture(scope="module")
def tier_files(handbook: Handbook, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    root = tmp_path_factory.mktemp("kit")
    word = root / "word"
    word.mkdir()  # stand-in Word files: only their presence matters here
    for artefact in handbook.artefacts:
        Document().save(str(word / f"{artefact.id}.docx"))
    render_kit(handbook, root / "dist",
               RenderInputs(files={f"word/{p.name}": p for p in word.glob("*.docx")}))
    data = json.loads((root / "dist" / "project-kit" / PROJECT_DIR / DATA_FILE).read_text())
    return {tier: entry["files"] for tier, entry in data["tiers"].items()}


def test_every_tier_has_what_its_first_gate_asks_for(handbook: Handbook,
                                                     tier_files: dict[str, list]) -> None:
    for tier in handbook.settings.tiers:
        steps = lifecycle(handbook, tier.id)
        assert steps, tier.name
        first = steps[0]
        assert first.evidence, f"{tier.name}: {first.gate.id} asks for no artefact"
        kit = set(tier_files[str(tier.id)])
        for artefact in first.evidence:
            assert artefact in artefacts_for(handbook, tier.id), (tier.name, artefact.id)
            assert set(kit_files(artefact)) <= kit, (tier.name, first.gate.id, artefact.id)


def test_each_register_comes_once_as_its_workbook(handbook: Handbook,
                                                  tier_files: dict[str, list]) -> None:
    registers = {a.id for a in handbook.artefacts if a.format == "register"}
    for files in tier_files.values():
        for register in registers:
            assert f"{register}.docx" not in files
        assert {f[:-5] for f in files if f.endswith(".xlsx")} <= registers
