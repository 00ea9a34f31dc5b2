"""The pictures drawn from the standards: SVG and PNG of the same scene, text escaped and
kept inside its box, and a change to the standards changes the picture."""

from __future__ import annotations

import io
import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PIL import Image

from generator.figures import draw_scenes, render_figures
from generator.figures.lifecycle import lifecycle_scene
from generator.figures.scene import Label, Scene
from generator.figures.svg import esc, scene_svg
from generator.figures.text import text_width, wrap
from generator.model import Handbook
from generator.model.render_inputs import RenderInputs
from generator.shared.pictures import read_pictures
from tests.support.edited_standards import G3_BY_THE_BOARD, G3_DECIDER, edited_standards

SVG = "{http://www.w3.org/2000/svg}"


def test_every_picture_is_drawn_as_svg_and_png_with_an_index(handbook: Handbook,
                                                              tmp_path: Path) -> None:
    written = render_figures(handbook, tmp_path, RenderInputs())
    names = sorted(p.name for p in written)
    tiers = [t.id for t in handbook.settings.tiers]
    expected = {f"lifecycle-tier-{t}" for t in tiers} | {"framework", "risk-matrix"}
    assert names == sorted([*(f"{n}.{e}" for n in expected for e in ("svg", "png")),
                            "figures.json"])
    pictures = read_pictures({f"figures/{p.name}": p for p in written})
    assert set(pictures) == expected
    for picture in pictures.values():
        root = ElementTree.fromstring(picture.svg_text())
        assert root.find(f"{SVG}title").text == picture.title
        assert root.find(f"{SVG}desc").text == picture.description
        assert root.get("role") == "img"
        image = Image.open(io.BytesIO(picture.png_bytes()))
        width, height = (float(v) for v in root.get("viewBox").split()[2:])
        assert image.size[0] / image.size[1] == pytest.approx(width / height, rel=0.01)
    index = json.loads((tmp_path / "figures.json").read_text(encoding="utf-8"))
    assert {r["name"] for r in index["pictures"]} == expected


def test_svg_has_nothing_to_fetch_and_nothing_to_run(handbook: Handbook) -> None:
    for scene in draw_scenes(handbook):
        svg = scene_svg(scene)
        assert "<script" not in svg and "href" not in svg and "url(" not in svg
        assert "@import" not in svg and "http" not in svg.replace(
            'xmlns="http://www.w3.org/2000/svg"', "")


def test_the_lifecycle_says_who_decides_each_gate_and_which_gates_merge(
        handbook: Handbook) -> None:
    tier_1 = lifecycle_scene(handbook, 1)
    texts = " ".join(line for item in tier_1.items if isinstance(item, Label)
                     for line in item.lines)
    assert "Decided by Project Sponsor" in texts
    assert "G0 Mandate approved: checked here" in texts
    assert "decided by the Project Sponsor" in tier_1.description
    assert "also makes the checks of G0 Mandate approved" in tier_1.description


def test_changing_a_gates_decision_body_changes_the_lifecycle_picture(
        handbook: Handbook, tmp_path: Path) -> None:
    changed = edited_standards(tmp_path, "policies/stage-gates.yaml", G3_DECIDER,
                               G3_BY_THE_BOARD)
    before, after = lifecycle_scene(handbook, 2), lifecycle_scene(changed, 2)
    assert scene_svg(before) != scene_svg(after)
    assert "G3 Ready to transition, decided by the Steering Committee" in before.description
    assert "G3 Ready to transition, decided by the Portfolio Board" in after.description
    def decider_of_g3(scene: Scene) -> tuple[str, ...]:
        labels = [item for item in scene.items if isinstance(item, Label)]
        name = next(i for i, item in enumerate(labels) if item.lines == ("Ready to transition",))
        return labels[name + 1].lines

    assert decider_of_g3(before) == ("Decided by Steering Committee",)
    assert decider_of_g3(after) == ("Decided by Portfolio Board",)


def test_standards_text_in_a_picture_is_escaped_and_kept_in_its_box(
        tmp_path: Path) -> None:
    hostile = ('Go `<script>alert(1)</script>` R&D "decide" ' + "Supercalifragilistic" * 6
               + " with a very long gate name that goes on and on and on and on and on")
    changed = edited_standards(tmp_path, "policies/stage-gates.yaml",
                               "name: Ready to transition", f"name: '{hostile}'")
    scene = lifecycle_scene(changed, 2)
    svg = scene_svg(scene)
    ElementTree.fromstring(svg)  # well-formed: every text escaped
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    labels = [item for item in scene.items if isinstance(item, Label)]
    name = next(item for item in labels if item.lines[0].startswith("Go "))
    assert len(name.lines) == 2 and name.lines[-1].endswith("…")
    assert name.full is not None and "Supercalifragilistic" * 6 in name.full
    assert f"<title>{esc(name.full)}</title>" in svg  # the whole name, on hovering
    for item in labels:
        if item.anchor == "start":
            widest = max(text_width(line, item.size) for line in item.lines)
            assert item.x + widest <= scene.width


def test_wrap_splits_only_a_word_too_long_for_a_line() -> None:
    assert wrap("one two three", 1000, 12) == ("one two three",)
    lines = wrap("a " + "x" * 80, 100, 12)
    assert lines[0] == "a" and all(text_width(line, 12) <= 100 for line in lines)
    assert wrap("one two three four five six", 40, 12, max_lines=2)[-1].endswith("…")
