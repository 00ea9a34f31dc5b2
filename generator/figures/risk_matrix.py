"""The risk matrix: probability against impact, each cell's score (probability x impact)
coloured by the RAG band the risk policy gives it, and the bands as a legend."""

from __future__ import annotations

from generator.figures.scene import Box, Item, Label, Scene
from generator.figures.text import fitting_size, plain, wrap
from generator.model.risk_scoring import RiskScoring

NAME = "risk-matrix"
WIDTH = 420.0
MARGIN = 12.0
AXIS_W = 98.0
CELL_H = 44.0
LABEL_SIZE = 13.0
SCORE_SIZE = 16.0
LEGEND_SIZE = 14.0
SMALLEST_SIZE = 9.0


def risk_matrix_scene(scoring: RiskScoring) -> Scene:
    items: list[Item] = []
    probability = sorted(scoring.probability, key=lambda s: s.score, reverse=True)
    impact = sorted(scoring.impact, key=lambda s: s.score)
    cell_w = (WIDTH - MARGIN - AXIS_W - MARGIN) / max(len(impact), 1)
    left = MARGIN + AXIS_W
    top = MARGIN + LABEL_SIZE + 8
    items.append(Label(MARGIN, MARGIN + LABEL_SIZE, ("Probability",), LABEL_SIZE, bold=True))
    for row, p in enumerate(probability):
        y = top + row * CELL_H
        lines = wrap(f"{p.score} {plain(p.label)}", AXIS_W - 8, LABEL_SIZE, max_lines=2)
        first = y + CELL_H / 2 + LABEL_SIZE / 2 - (len(lines) - 1) * LABEL_SIZE * 0.65
        items.append(Label(left - 8, first, lines, LABEL_SIZE, "muted", "end"))
        for column, i in enumerate(impact):
            score = p.score * i.score
            band = scoring.band(score)
            x = left + column * cell_w
            items.append(Box(x + 1, y + 1, cell_w - 2, CELL_H - 2, band.rag, None, radius=3))
            items.append(Label(x + cell_w / 2, y + CELL_H / 2 + SCORE_SIZE / 2 - 2, (str(score),),
                               SCORE_SIZE, "on-rag", "middle", bold=True))
    y = top + len(probability) * CELL_H + 6
    tallest = 1
    size = fitting_size([plain(i.label) for i in impact], cell_w - 2, LABEL_SIZE - 0.5,
                        SMALLEST_SIZE)  # a label's words whole, smaller if they must be
    for column, i in enumerate(impact):
        lines = (str(i.score), *wrap(plain(i.label), cell_w - 2, size, max_lines=2))
        tallest = max(tallest, len(lines))
        items.append(Label(left + column * cell_w + cell_w / 2, y + LABEL_SIZE, lines,
                           size, "muted", "middle"))
    y += tallest * round(LABEL_SIZE * 1.3, 1) + 6
    items.append(Label(left + len(impact) * cell_w / 2, y + LABEL_SIZE, ("Impact",), LABEL_SIZE,
                       anchor="middle", bold=True))
    y += LABEL_SIZE + 16
    text_w = WIDTH - 2 * MARGIN - 28
    for band in scoring.bands:
        lines = wrap(f"{band.name} ({scoring.range_text(band)}): {plain(band.action)}", text_w,
                     LEGEND_SIZE, max_lines=3)
        items.append(Box(MARGIN, y, 18, 18, band.rag, "rule", radius=3))
        items.append(Label(MARGIN + 28, y + LEGEND_SIZE + 1, lines, LEGEND_SIZE,
                           full=plain(band.action) if lines[-1].endswith("…") else None))
        y += max(18.0, len(lines) * round(LEGEND_SIZE * 1.3, 1)) + 8
    return Scene(name=NAME, title="Risk matrix: probability times impact, by RAG band",
                 description=risk_matrix_description(scoring), width=WIDTH,
                 height=y - 8 + MARGIN, print_width_cm=12.0, items=tuple(items))


def risk_matrix_description(scoring: RiskScoring) -> str:
    def scale(levels: tuple) -> str:  # type: ignore[type-arg]
        return ", ".join(f"{s.score} {plain(s.label)}" for s in levels)

    bands = "; ".join(f"{b.name} from {scoring.range_text(b)}" for b in scoring.bands)
    return (f"Risk matrix. A risk's score is its probability ({scale(scoring.probability)}) "
            f"times its impact ({scale(scoring.impact)}), from 1 to {scoring.max_score}. "
            f"Bands: {bands}.")
