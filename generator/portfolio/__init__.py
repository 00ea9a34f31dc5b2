"""The portfolio renderer: the board's dashboard (`index.html`, static, offline, no script)
and its workbook (`portfolio.xlsx`), from a `Portfolio` the model calculated.

`render_portfolio(handbook, portfolio, out_dir) -> paths`. Independent of the other
renderers; the board pack, in the Word house style, is `generator.word.board_pack`.
"""

from __future__ import annotations

from pathlib import Path

from generator.model import Handbook
from generator.model.portfolio import Portfolio
from generator.portfolio.dashboard import write_dashboard
from generator.portfolio.workbook import write_workbook


def render_portfolio(handbook: Handbook, portfolio: Portfolio, out_dir: Path) -> list[Path]:
    """Write index.html and portfolio.xlsx into `out_dir`; return their paths."""
    return [write_dashboard(handbook, portfolio, out_dir / "index.html"),
            write_workbook(handbook, portfolio, out_dir / "portfolio.xlsx")]
