"""`index.html`: the portfolio dashboard, one self-contained page.

Rendered from templates/portfolio/index.html.j2 with Jinja's autoescape on: every text from
a project file (names, narratives, reasons) is escaped; the charts are built and escaped in
charts.py. The styles are inline, the charts inline SVG: the page needs no network and no
script.
"""

from __future__ import annotations

from pathlib import Path

from generator.model import Handbook
from generator.model.funding import score_text
from generator.model.portfolio import ALL_DIMENSIONS, Portfolio
from generator.portfolio import charts, words
from generator.shared.templating import TEMPLATES_DIR, create_environment


def write_dashboard(handbook: Handbook, portfolio: Portfolio, path: Path) -> Path:
    env = create_environment(TEMPLATES_DIR / "portfolio", autoescape=True,
                             filters={"score": score_text, "money": portfolio.money},
                             globals={"route": lambda b: words.route(handbook, b),
                                      "title_of": handbook.title_of,
                                      "outcome": words.outcome,
                                      "readiness_text": words.readiness_text,
                                      "arrows": words.TREND_ARROWS,
                                      "trend_words": words.TREND_WORDS,
                                      "labels": charts.LABELS})
    policy = portfolio.prioritisation
    context = {
        "p": portfolio, "handbook": handbook, "dimensions": ALL_DIMENSIONS, "policy": policy,
        "skill_ids": [s.id for s in policy.skills] if policy else [],
        "rag_chart": charts.rag_distribution(portfolio.rag_counts()),
        "score_chart": charts.score_against_cost(
            portfolio.decisions, policy.scale.lowest if policy else 1,
            policy.scale.highest if policy else 5, portfolio.currency)
        if portfolio.decisions else None,
        "counts": portfolio.rag_counts()["overall"],
    }
    html = env.get_template("index.html.j2").render(**context)
    path.write_text(html, encoding="utf-8", newline="\n")
    return path
