"""A scene as SVG: self-contained (no font, script or link to fetch), every text escaped.

The picture carries its own title and description (`<title>`, `<desc>`, named by
`aria-labelledby`), so a screen reader reads what it shows. Colours are written as
attributes in the light palette, and every element also carries its role as a class
(`pmo-fig-<role>`), which the site's style sheet recolours for the dark palette.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from generator.figures.scene import PALETTE, Box, Circle, Item, Label, Line, Scene

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
_ID = re.compile(r"[^a-z0-9-]")


def esc(text: str) -> str:
    """Text for an element or a double-quoted attribute."""
    return escape(text, {'"': "&quot;"})


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _paint(kind: str, role: str | None) -> str:
    if role is None:
        return f'{kind}="none"'
    return f'{kind}="#{PALETTE[role]}"'


def scene_svg(scene: Scene) -> str:
    """The scene as one SVG element (one line, for inline use in a page or as a file)."""
    ident = "pmo-fig-" + _ID.sub("-", scene.name.lower())
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pmo-fig" role="img" '
        f'viewBox="0 0 {_n(scene.width)} {_n(scene.height)}" width="{_n(scene.width)}" '
        f'height="{_n(scene.height)}" aria-labelledby="{ident}-title {ident}-desc" '
        f'font-family="{esc(FONT)}">',
        f'<title id="{ident}-title">{esc(scene.title)}</title>',
        f'<desc id="{ident}-desc">{esc(scene.description)}</desc>',
    ]
    parts += [_item(item) for item in scene.items]
    parts.append("</svg>")
    return "".join(parts)


def _item(item: Item) -> str:
    if isinstance(item, Box):
        dash = ' stroke-dasharray="5 4"' if item.dashed else ""
        line = f' class="pmo-fig-{item.fill} pmo-fig-line-{item.line}"' if item.line \
            else f' class="pmo-fig-{item.fill}"'
        return (f'<rect x="{_n(item.x)}" y="{_n(item.y)}" width="{_n(item.w)}" '
                f'height="{_n(item.h)}" rx="{_n(item.radius)}" {_paint("fill", item.fill)} '
                f'{_paint("stroke", item.line)}{dash}{line}/>')
    if isinstance(item, Circle):
        return (f'<circle cx="{_n(item.x)}" cy="{_n(item.y)}" r="{_n(item.r)}" '
                f'{_paint("fill", item.fill)} {_paint("stroke", item.line)} '
                f'class="pmo-fig-{item.fill}"/>')
    if isinstance(item, Line):
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in item.points)
        dash = ' stroke-dasharray="4 4"' if item.dashed else ""
        head = _arrow_head(item) if item.arrow else ""
        return (f'<polyline points="{points}" fill="none" {_paint("stroke", item.colour)} '
                f'stroke-width="{_n(item.width)}"{dash} class="pmo-fig-line-{item.colour}"/>'
                + head)
    return _label(item)


def _arrow_head(item: Line) -> str:
    (x0, y0), (x1, y1) = item.points[-2], item.points[-1]
    points = " ".join(f"{_n(x)},{_n(y)}" for x, y in arrow_head(x0, y0, x1, y1))
    return (f'<polygon points="{points}" {_paint("fill", item.colour)} '
            f'class="pmo-fig-{item.colour}"/>')


def arrow_head(x0: float, y0: float, x1: float, y1: float,
               size: float = 7) -> tuple[tuple[float, float], ...]:
    """The three corners of an arrow head ending at (x1, y1), coming from (x0, y0)."""
    dx, dy = x1 - x0, y1 - y0
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    ux, uy = dx / length, dy / length
    bx, by = x1 - ux * size, y1 - uy * size
    return ((x1, y1), (bx - uy * size * 0.6, by + ux * size * 0.6),
            (bx + uy * size * 0.6, by - ux * size * 0.6))


def _label(item: Label) -> str:
    weight = ' font-weight="700"' if item.bold else ""
    anchor = f' text-anchor="{item.anchor}"' if item.anchor != "start" else ""
    spans = "".join(
        f'<tspan x="{_n(item.x)}" y="{_n(item.y + index * item.line_height)}">{esc(line)}</tspan>'
        for index, line in enumerate(item.lines))
    title = f"<title>{esc(item.full)}</title>" if item.full else ""
    return (f'<text font-size="{_n(item.size)}"{weight}{anchor} '
            f'{_paint("fill", item.colour)} class="pmo-fig-text-{item.colour}">'
            f"{title}{spans}</text>")
