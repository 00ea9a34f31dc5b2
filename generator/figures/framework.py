"""The pillars of the framework (People, Product, Process, Project) side by side, each with
its focus."""

from __future__ import annotations

from generator.figures.scene import Box, Item, Label, Scene
from generator.figures.text import plain, wrap
from generator.model import Handbook, Pillar

NAME = "framework"
WIDTH = 420.0
MARGIN = 12.0
GAP = 10.0
PAD = 10.0
TITLE_SIZE = 16.0
TEXT_SIZE = 13.5
FOCUS_LINES = 7


def pillars_in_force(handbook: Handbook) -> tuple[Pillar, ...]:
    return tuple(p for p in handbook.pillars if p.in_force)


def framework_scene(handbook: Handbook) -> Scene:
    pillars = pillars_in_force(handbook)
    columns = 2 if len(pillars) > 1 else 1
    card_w = (WIDTH - 2 * MARGIN - (columns - 1) * GAP) / columns
    band_h = TITLE_SIZE + 2 * PAD
    cards = [(p, wrap(plain(p.title), card_w - 2 * PAD, TITLE_SIZE, max_lines=1),
              wrap(plain(p.focus), card_w - 2 * PAD, TEXT_SIZE, max_lines=FOCUS_LINES))
             for p in pillars]
    items: list[Item] = []
    y = MARGIN
    line_h = round(TEXT_SIZE * 1.3, 1)
    for row in range(0, len(cards), columns):
        group = cards[row:row + columns]
        height = band_h + PAD + max(len(focus) for _, _, focus in group) * line_h + PAD
        for index, (pillar, title, focus) in enumerate(group):
            x = MARGIN + index * (card_w + GAP)
            items.append(Box(x, y, card_w, height, "card", "card-line"))
            items.append(Box(x, y, card_w, band_h, "accent", None))
            items.append(Label(x + PAD, y + PAD + TITLE_SIZE - 2, title, TITLE_SIZE,
                               "on-accent", bold=True))
            full = plain(pillar.focus)
            items.append(Label(x + PAD, y + band_h + PAD + TEXT_SIZE - 2, focus, TEXT_SIZE,
                               full=full if focus[-1].endswith("…") else None))
        y += height + GAP
    if not pillars:
        items.append(Label(MARGIN, MARGIN + TEXT_SIZE, ("No pillar is in force.",), TEXT_SIZE))
        y += TEXT_SIZE + GAP
    names = [plain(p.title) for p in pillars]
    description = (f"The framework's {len(pillars)} pillars: "
                   + "; ".join(f"{plain(p.title)}: {plain(p.focus)}" for p in pillars) + "."
                   if pillars else "The framework has no pillar in force.")
    return Scene(name=NAME, title="The framework: " + ", ".join(names) if names
                 else "The framework", description=description, width=WIDTH,
                 height=y - GAP + MARGIN, print_width_cm=14.0, items=tuple(items))
