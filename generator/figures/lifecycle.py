"""The stage-gate lifecycle of one tier: its gates in order, who decides each, and the gates
merged into it (drawn dashed inside the gate that makes their checks)."""

from __future__ import annotations

from generator.figures.scene import Box, Circle, Item, Label, Line, Scene
from generator.figures.text import plain, wrap
from generator.model import Handbook
from generator.model.applicability import GateStep, lifecycle

WIDTH = 420.0
MARGIN = 12.0
RAIL_X = 34.0
BADGE_R = 19.0
CARD_X = 64.0
PAD = 10.0
GAP = 22.0
NAME_SIZE = 14.0
TEXT_SIZE = 12.5


def lifecycle_name(tier: int) -> str:
    return f"lifecycle-tier-{tier}"


def decided_by(handbook: Handbook, step: GateStep) -> str:
    role = handbook.by_id.get(step.decider.role)
    title = plain(role.title) if role else step.decider.role
    return f"{title}, {plain(step.decider.note)}" if step.decider.note else title


def lifecycle_scene(handbook: Handbook, tier: int) -> Scene:
    tier_name = plain(handbook.settings.tier(tier).name)
    steps = lifecycle(handbook, tier)
    items: list[Item] = []
    card_w = WIDTH - CARD_X - MARGIN
    text_w = card_w - 2 * PAD
    y = MARGIN
    centres: list[float] = []
    for step in steps:
        name = plain(step.gate.name)
        name_lines = wrap(name, text_w, NAME_SIZE, max_lines=2)
        decider_lines = wrap(f"Decided by {decided_by(handbook, step)}", text_w, TEXT_SIZE,
                             max_lines=3)
        merged = [(g.id, wrap(f"{plain(g.id)} {plain(g.name)}: checked here", text_w - 2 * PAD,
                              TEXT_SIZE - 1, max_lines=2)) for g in step.absorbs]
        line_h = round(TEXT_SIZE * 1.3, 1)
        height = (PAD + len(name_lines) * round(NAME_SIZE * 1.3, 1) + 4
                  + len(decider_lines) * line_h + PAD)
        height += sum(len(lines) * round((TEXT_SIZE - 1) * 1.3, 1) + 2 * 6 + 6
                      for _, lines in merged)
        items.append(Box(CARD_X, y, card_w, height, "card", "card-line"))
        ty = y + PAD + NAME_SIZE
        items.append(Label(CARD_X + PAD, ty, name_lines, NAME_SIZE, bold=True,
                           full=name if name_lines[-1].endswith("…") else None))
        ty += len(name_lines) * round(NAME_SIZE * 1.3, 1) + 4
        items.append(Label(CARD_X + PAD, ty, decider_lines, TEXT_SIZE, "muted"))
        ty += len(decider_lines) * line_h - TEXT_SIZE + 6
        for _, lines in merged:
            box_h = len(lines) * round((TEXT_SIZE - 1) * 1.3, 1) + 12
            items.append(Box(CARD_X + PAD, ty, text_w, box_h, "merged", "rule", radius=4,
                             dashed=True))
            items.append(Label(CARD_X + 2 * PAD, ty + 6 + TEXT_SIZE - 1, lines, TEXT_SIZE - 1,
                               "muted"))
            ty += box_h + 6
        centre = y + min(height / 2, PAD + BADGE_R)
        centres.append(centre)
        items.append(Line(((RAIL_X + BADGE_R, centre), (CARD_X, centre)), "card-line", 1.5))
        y += height + GAP
    for above, below in zip(centres, centres[1:], strict=False):
        items.insert(0, Line(((RAIL_X, above + BADGE_R), (RAIL_X, below - BADGE_R - 1)),
                             "rule", 2, arrow=True))
    for step, centre in zip(steps, centres, strict=True):
        badge = wrap(plain(step.gate.id), 2 * BADGE_R - 4, 13, max_lines=1)
        items.append(Circle(RAIL_X, centre, BADGE_R, "accent"))
        items.append(Label(RAIL_X, centre + 4.5, badge, 13, "on-accent", "middle", bold=True))
    if not steps:
        items.append(Label(MARGIN, MARGIN + TEXT_SIZE, ("No gate applies to this tier.",),
                           TEXT_SIZE))
        y += TEXT_SIZE + GAP
    return Scene(name=lifecycle_name(tier), title=f"Gates of a {tier_name} project",
                 description=lifecycle_description(handbook, tier_name, steps),
                 width=WIDTH, height=y - GAP + MARGIN, print_width_cm=11.0, items=tuple(items))


def lifecycle_description(handbook: Handbook, tier_name: str,
                          steps: tuple[GateStep, ...]) -> str:
    if not steps:
        return f"A {tier_name} project passes no gate."
    said = []
    for step in steps:
        text = f"{plain(step.gate.id)} {plain(step.gate.name)}, decided by the " \
               f"{decided_by(handbook, step)}"
        if step.absorbs:
            text += ", which also makes the checks of " + " and ".join(
                f"{plain(g.id)} {plain(g.name)}" for g in step.absorbs)
        said.append(text)
    return (f"A {tier_name} project passes {len(steps)} gates in order: "
            + "; then ".join(said) + ".")
