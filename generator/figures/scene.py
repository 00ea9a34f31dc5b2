"""A picture as a scene: boxes, texts and lines at positions, in colour roles.

The drawings (`lifecycle`, `framework`, `risk_matrix`) lay a scene out once; the SVG
writer (`svg`) and the PNG writer (`raster`) draw the same scene, so the site and the
Word documents show the same picture. Colours are roles, not values: each writer maps
them (`PALETTE`), and the site's style sheet maps them again for the dark palette.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Role -> RRGGBB in the light palette (the PNG, and the SVG's own attributes).
PALETTE = {
    "page": "FFFFFF",
    "ink": "1F2937",
    "muted": "4B5563",
    "rule": "9CA3AF",
    "card": "EEF3FB",
    "card-line": "2E75B6",
    "accent": "1F3864",
    "on-accent": "FFFFFF",
    "merged": "F3F4F6",
    "red": "E8A3A3",
    "amber": "F6D58E",
    "green": "A9D8A6",
    "on-rag": "1F2937",
}


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle; `dashed` for something that is not there of its own (a merged gate)."""

    x: float
    y: float
    w: float
    h: float
    fill: str
    line: str | None = None
    radius: float = 6
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class Circle:
    x: float
    y: float
    r: float
    fill: str
    line: str | None = None


@dataclass(frozen=True, slots=True)
class Label:
    """Lines of text; `x` is where they start, are centred or end (`anchor`), `y` the
    first line's baseline. `full` is the whole text when the lines had to shorten it."""

    x: float
    y: float
    lines: tuple[str, ...]
    size: float
    colour: str = "ink"
    anchor: str = "start"     # start, middle or end
    bold: bool = False
    full: str | None = None

    @property
    def line_height(self) -> float:
        return round(self.size * 1.3, 1)


@dataclass(frozen=True, slots=True)
class Line:
    """A polyline, with an arrow head at its end when `arrow`."""

    points: tuple[tuple[float, float], ...]
    colour: str = "rule"
    width: float = 1.5
    arrow: bool = False
    dashed: bool = False


Item = Box | Circle | Label | Line


@dataclass(frozen=True, slots=True)
class Scene:
    """One picture: its file name, what it shows (title) and says (description), its size in
    pixels at 1:1 and how wide it prints in Word (cm)."""

    name: str
    title: str
    description: str
    width: float
    height: float
    print_width_cm: float
    items: tuple[Item, ...] = field(default_factory=tuple)
