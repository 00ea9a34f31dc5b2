"""The workbook never writes project text as a formula; the charts escape project text."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook

from generator.model.funding import Candidate, Capacity, fund
from generator.portfolio.charts import rag_distribution, score_against_cost
from generator.portfolio.workbook import put


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    values = ["=1+1", "+SUM(A1)", "-2", "@cmd", "plain", 12.5, "bell\x07"]
    for row, value in enumerate(values, start=1):
        put(sheet, row, 1, value)
    workbook.save(tmp_path / "t.xlsx")
    cells = [c[0] for c in load_workbook(tmp_path / "t.xlsx").active.iter_rows()]  # type: ignore[union-attr]
    assert [c.value for c in cells] == ["=1+1", "+SUM(A1)", "-2", "@cmd", "plain", 12.5, "bell"]
    assert [c.data_type for c in cells] == ["s", "s", "s", "s", "s", "n", "s"]


def test_charts_escape_names_and_describe_themselves() -> None:
    decisions = fund([Candidate(id="x", name="<b>Evil</b> & co", score=350, cost=100)],
                     Capacity(budget=1000, skills={}))
    svg = str(score_against_cost(decisions, 1, 5, "EUR"))
    assert "<b>" not in svg and "&lt;b&gt;Evil&lt;/b&gt; &amp; co" in svg
    assert "Funding line (3.50)" in svg and 'role="img"' in svg
    bars = str(rag_distribution({"overall": {"Green": 2, "Amber": 1, "Red": 0}}))
    assert "Overall: 2 Green, 1 Amber, 0 Red" in bars
