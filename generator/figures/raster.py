"""A scene as PNG (for Word, which takes no SVG), drawn with Pillow at `SCALE` times its size."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from generator.figures.scene import PALETTE, Box, Circle, Item, Label, Line, Scene
from generator.figures.svg import arrow_head
from generator.figures.text import font

SCALE = 3  # pixels per scene unit: sharp when printed at the scene's print width
DPI = 220


def _rgb(role: str) -> tuple[int, int, int]:
    value = PALETTE[role]
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def scene_png(scene: Scene) -> bytes:
    """The scene as PNG bytes, reproducibly (no time stamp in the file)."""
    size = (round(scene.width * SCALE), round(scene.height * SCALE))
    image = Image.new("RGB", size, _rgb("page"))
    draw = ImageDraw.Draw(image)
    for item in scene.items:
        _draw(draw, item)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True, dpi=(DPI, DPI))
    return out.getvalue()


def _draw(draw: ImageDraw.ImageDraw, item: Item) -> None:
    s = SCALE
    if isinstance(item, Box):
        box = (item.x * s, item.y * s, (item.x + item.w) * s, (item.y + item.h) * s)
        draw.rounded_rectangle(box, radius=item.radius * s, fill=_rgb(item.fill),
                               outline=None if item.dashed or not item.line else _rgb(item.line),
                               width=round(1.2 * s))
        if item.dashed and item.line:
            x0, y0, x1, y1 = box
            corners = ((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0))
            for a, b in zip(corners, corners[1:], strict=False):
                _dashed(draw, a, b, _rgb(item.line), round(1.2 * s), 5 * s, 4 * s)
    elif isinstance(item, Circle):
        draw.ellipse(((item.x - item.r) * s, (item.y - item.r) * s,
                      (item.x + item.r) * s, (item.y + item.r) * s), fill=_rgb(item.fill),
                     outline=_rgb(item.line) if item.line else None, width=round(1.2 * s))
    elif isinstance(item, Line):
        points = [(x * s, y * s) for x, y in item.points]
        width = round(item.width * s)
        for a, b in zip(points, points[1:], strict=False):
            if item.dashed:
                _dashed(draw, a, b, _rgb(item.colour), width, 4 * s, 4 * s)
            else:
                draw.line((a, b), fill=_rgb(item.colour), width=width)
        if item.arrow:
            (x0, y0), (x1, y1) = item.points[-2], item.points[-1]
            draw.polygon([(x * s, y * s) for x, y in arrow_head(x0, y0, x1, y1)],
                         fill=_rgb(item.colour))
    else:
        _text(draw, item)


def _text(draw: ImageDraw.ImageDraw, item: Label) -> None:
    s = SCALE
    face = font(item.size * s)
    anchor = {"start": "ls", "middle": "ms", "end": "rs"}[item.anchor]
    for index, line in enumerate(item.lines):
        y = (item.y + index * item.line_height) * s
        draw.text((item.x * s, y), line, font=face, fill=_rgb(item.colour), anchor=anchor,
                  stroke_width=round(0.35 * s) if item.bold else 0,
                  stroke_fill=_rgb(item.colour))


def _dashed(draw: ImageDraw.ImageDraw, a: tuple[float, float], b: tuple[float, float],
            colour: tuple[int, int, int], width: int, dash: float, gap: float) -> None:
    (x0, y0), (x1, y1) = a, b
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    if not length:
        return
    step, at = dash + gap, 0.0
    while at < length:
        end = min(at + dash, length)
        draw.line(((x0 + (x1 - x0) * at / length, y0 + (y1 - y0) * at / length),
                   (x0 + (x1 - x0) * end / length, y0 + (y1 - y0) * end / length)),
                  fill=colour, width=width)
        at += step
