"""Pictures drawn from the standards: the stage-gate lifecycle of each tier, the framework's
pillars and the risk matrix.

`render_figures` has the renderers' signature: the pipeline runs it first and hands its
files (`figures/<name>.svg`, `.png` and `figures.json`, see generator.shared.pictures)
to the site and Word renderers, which never import this package. Each picture is laid
out once as a scene (`scene`) and written by the SVG and the PNG writer.
"""

from __future__ import annotations

from pathlib import Path

from generator.figures.framework import framework_scene, pillars_in_force
from generator.figures.lifecycle import lifecycle_scene
from generator.figures.raster import scene_png
from generator.figures.risk_matrix import risk_matrix_scene
from generator.figures.scene import Scene
from generator.figures.svg import scene_svg
from generator.model import Handbook
from generator.model.render_inputs import RenderInputs
from generator.shared.pictures import Picture, write_index

__all__ = ["draw_scenes", "render_figures"]


def draw_scenes(handbook: Handbook) -> list[Scene]:
    """Every picture the handbook has: a lifecycle per tier, the framework if it has
    pillars in force, the risk matrix if a policy in force keeps risk scoring."""
    scenes = [lifecycle_scene(handbook, tier.id) for tier in handbook.settings.tiers]
    if pillars_in_force(handbook):
        scenes.append(framework_scene(handbook))
    if handbook.risk_scoring is not None:
        scenes.append(risk_matrix_scene(handbook.risk_scoring))
    return scenes


def render_figures(handbook: Handbook, out_dir: Path, inputs: RenderInputs) -> list[Path]:
    """Write every picture as SVG and PNG into `out_dir`, with the index; return the files."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pictures = []
    for scene in draw_scenes(handbook):
        svg, png = out_dir / f"{scene.name}.svg", out_dir / f"{scene.name}.png"
        svg.write_text(scene_svg(scene) + "\n", encoding="utf-8")
        png.write_bytes(scene_png(scene))
        pictures.append(Picture(name=scene.name, title=scene.title,
                                description=scene.description,
                                print_width_cm=scene.print_width_cm, svg=svg, png=png))
    index = write_index(out_dir, pictures)
    return [*(p for picture in pictures for p in (picture.svg, picture.png)), index]
