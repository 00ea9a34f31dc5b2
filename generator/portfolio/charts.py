"""The dashboard's charts as inline SVG: no script, no web font, readable without colour
(every mark is labelled) and described for screen readers. Every text from a project file
is escaped here; the result is markup the template inserts as it is."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

from generator.model.funding import MANDATORY, Decision, score_text
from generator.model.status import RAG

COLOURS = {"Green": "#1b5e20", "Amber": "#ffb300", "Red": "#b71c1c"}
INK = {"Green": "#ffffff", "Amber": "#000000", "Red": "#ffffff"}
LABELS = {"overall": "Overall", "schedule": "Schedule", "cost": "Cost", "scope": "Scope",
          "risk": "Risk", "benefits": "Benefits"}


def rag_distribution(counts: Mapping[str, Mapping[str, int]], chart_id: str = "rag-chart"
                     ) -> Markup:
    """One stacked bar per dimension: how many projects are Green, Amber and Red."""
    width, left, bar, gap, top = 440, 84, 26, 12, 36
    rows = list(counts.items())
    height = top + len(rows) * (bar + gap) + 4
    plot = width - left - 12
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
             f'xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{chart_id}-title">RAG rating of the projects, by dimension</title>',
             f'<desc id="{chart_id}-desc">'
             + escape("; ".join(f"{LABELS.get(d, d)}: " + ", ".join(
                 f"{c.get(r, 0)} {r}" for r in RAG) for d, c in rows)) + "</desc>"]
    x = left
    for rating in RAG:  # legend
        parts.append(f'<rect x="{x}" y="6" width="14" height="14" fill="{COLOURS[rating]}" '
                     'stroke="#555" stroke-width="0.5"/>'
                     f'<text x="{x + 20}" y="18" class="legend">{rating}</text>')
        x += 86
    for index, (dimension, found) in enumerate(rows):
        y = top + index * (bar + gap)
        total = sum(found.get(r, 0) for r in RAG)
        parts.append(f'<text x="{left - 8}" y="{y + bar * 0.68:.1f}" text-anchor="end" '
                     f'class="axis">{LABELS.get(dimension, dimension)}</text>')
        x0 = float(left)
        for rating in RAG:
            n = found.get(rating, 0)
            if not n or not total:
                continue
            w = plot * n / total
            parts.append(f'<rect x="{x0:.1f}" y="{y}" width="{w:.1f}" height="{bar}" '
                         f'fill="{COLOURS[rating]}"><title>{LABELS.get(dimension, dimension)}: '
                         f'{n} {rating}</title></rect>')
            if w >= 22:
                parts.append(f'<text x="{x0 + w / 2:.1f}" y="{y + bar * 0.68:.1f}" '
                             f'text-anchor="middle" class="count" fill="{INK[rating]}">{n}'
                             '</text>')
            x0 += w
    parts.append("</svg>")
    return Markup("".join(parts))


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def money_tick(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if value >= 1_000:
        return f"{value / 1_000:g}k"
    return f"{value:g}"


def score_against_cost(decisions: Sequence[Decision], lowest: int, highest: int,
                       currency: str, chart_id: str = "score-chart") -> Markup:
    """Each candidate's weighted score against its cost, marked funded, skipped or
    mandatory, numbered by rank, with the funding line across at the last funded score."""
    width, height, left, right, top, bottom = 440, 320, 52, 28, 60, 52
    plot_w, plot_h = width - left - right, height - top - bottom
    ranked = [d for d in decisions if d.candidate.score is not None]
    most = max((d.candidate.cost for d in decisions), default=0) or 1
    step = _nice_step(most * 1.12)
    x_max = step * math.ceil(most * 1.12 / step)

    def sx(cost: float) -> float:
        return left + plot_w * cost / x_max

    def sy(score: float) -> float:
        return top + plot_h * (1 - (score - lowest) / (highest - lowest))

    line = next((d for d in decisions if d.funding_line), None)
    summary = (f"{len(ranked)} ranked candidates; funding line at score "
               f"{score_text(line.candidate.score)}" if line else
               f"{len(ranked)} ranked candidates; no funding line drawn")
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
             f'xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{chart_id}-title">Weighted score against cost, with the funding '
             'line</title>',
             f'<desc id="{chart_id}-desc">{escape(summary)}. The ranked list below gives every '
             'figure.</desc>']
    for score in range(lowest, highest + 1):  # horizontal grid and score axis
        y = sy(score)
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
                     'class="grid"/>'
                     f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" class="axis">'
                     f'{score}</text>')
    tick = 0.0
    while tick <= x_max + 1e-9:
        x = sx(tick)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top + plot_h}" '
                     f'y2="{top + plot_h + 5}" class="tick"/>'
                     f'<text x="{x:.1f}" y="{top + plot_h + 20}" text-anchor="middle" '
                     f'class="axis">{money_tick(tick)}</text>')
        tick += step
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 8}" text-anchor="middle" '
                 f'class="axis-title">Cost ({escape(currency)})</text>'
                 f'<text x="14" y="{top + plot_h / 2:.1f}" text-anchor="middle" '
                 f'class="axis-title" transform="rotate(-90 14 {top + plot_h / 2:.1f})">'
                 'Weighted score</text>')
    if line is not None and line.candidate.score is not None:
        y = sy(line.candidate.score / 100)
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
                     'class="funding-line"/>'
                     f'<text x="{width - right}" y="{y - 6:.1f}" text-anchor="end" '
                     f'class="funding-label">Funding line ({score_text(line.candidate.score)})'
                     '</text>')
    for d in decisions:
        parts.append(_point(d, sx, sy, lowest, highest))
    parts.append(_legend(left))
    parts.append("</svg>")
    return Markup("".join(parts))


def _point(d: Decision, sx: object, sy: object, lowest: int, highest: int) -> str:
    c = d.candidate
    x = sx(c.cost)  # type: ignore[operator]
    score = c.score / 100 if c.score is not None else highest
    y = sy(score)  # type: ignore[operator]
    label = "M" if d.outcome == MANDATORY else str(d.rank)
    title = escape(f"{label}. {c.name}: score {score_text(c.score)}, cost {c.cost:,.0f}, "
                   f"{'funded' if d.funded else 'skipped'}")
    if d.outcome == MANDATORY:
        shape = (f'<path d="M{x:.1f} {y - 7:.1f} L{x + 7:.1f} {y:.1f} L{x:.1f} {y + 7:.1f} '
                 f'L{x - 7:.1f} {y:.1f} Z" class="mandatory"/>')
    elif d.funded:
        shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" class="funded"/>'
    else:
        shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" class="skipped"/>'
    return (f'<g><title>{title}</title>{shape}<text x="{x + 9:.1f}" y="{y - 7:.1f}" '
            f'class="point-label">{label}</text></g>')


def _legend(left: int) -> str:
    x = left - 40
    return (f'<g class="legend"><circle cx="{x + 6}" cy="16" r="6" class="funded"/>'
            f'<text x="{x + 16}" y="20">Funded</text>'
            f'<circle cx="{x + 90}" cy="16" r="6" class="skipped"/>'
            f'<text x="{x + 100}" y="20">Skipped</text>'
            f'<path d="M{x + 182} 9 L{x + 189} 16 L{x + 182} 23 L{x + 175} 16 Z" '
            f'class="mandatory"/><text x="{x + 195}" y="20">Mandatory (M)</text>'
            f'<text x="{x + 6}" y="42">Labels are ranks.</text></g>')
