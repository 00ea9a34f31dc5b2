"""The risk policy's scoring, kept as data, on its site page and in its Word document; a
changed band changes both."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import yaml

from generator.model import Handbook
from tests.support.workspace import copy_workspace, pmo

POLICY = "standards/policies/risk-management.yaml"


def page_rows(site: Path) -> list[list[str]]:
    """The rows of the page's 'What each score means' table, as text."""
    page = (site / "policies/risk-management/index.html").read_text("utf-8")
    section = page[page.index('id="what-each-score-means"'):]
    table = section[section.index("<tbody>"):section.index("</tbody>")]
    return [[re.sub(r"<[^>]+>", "", cell).strip()
             for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", table)]


def word_rows(dist: Path) -> list[list[str]]:
    document = docx.Document(str(dist / "word/policies/risk-management.docx"))
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "RAG")
    return [[c.text for c in row.cells] for row in table.rows[1:]]


def test_the_bands_are_published_from_the_data_and_follow_a_change(
        tmp_path: Path, handbook: Handbook) -> None:
    scoring = handbook.risk_scoring
    assert scoring is not None
    expected = [[scoring.range_text(b), b.name, b.action] for b in scoring.bands]
    workspace = copy_workspace(tmp_path / "hb")
    result = pmo("--root", str(workspace.root), "build", "--only", "word,site")
    assert result.returncode == 0, result.stderr
    assert page_rows(workspace.site) == expected
    assert word_rows(workspace.dist) == expected

    path = workspace.root / POLICY
    text = path.read_text("utf-8")
    assert "min_score: 15" in text
    path.write_text(text.replace("min_score: 15", "min_score: 12"), "utf-8")
    assert yaml.safe_load(path.read_text("utf-8"))["risk_scoring"]["bands"][0]["min_score"] == 12
    result = pmo("--root", str(workspace.root), "build", "--only", "word,site")
    assert result.returncode == 0, result.stderr
    assert [row[0] for row in page_rows(workspace.site)] == ["12 to 25", "8 to 11", "1 to 7"]
    assert [row[0] for row in word_rows(workspace.dist)] == ["12 to 25", "8 to 11", "1 to 7"]
