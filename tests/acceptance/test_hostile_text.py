"""Text that looks like markup or a template reaches every output literally.

One standard's title and text carry `&`, `<`, quotes, accents, emoji and template
syntax; the site, the Word template and a generated project show them as written,
and nothing is evaluated. (A real HTML tag in a title is refused by validation:
see tests/examples/invalid/raw-html-in-title-and-table-cell.)
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document as WordDocument

from generator.pipeline.workspace import Workspace
from tests.support.workspace import copy_workspace, run_build

TITLE = 'Project Charter & Co "Q" for a < b – Zoë 🚀 {{ 7*7 }}'
SENTENCE = "Never write {{ 7*7 }} or {% raw %} or ${HOME} into a charter & <b>keep</b> it plain."


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    workspace = copy_workspace(tmp_path_factory.mktemp("hostile"))
    path = workspace.root / "standards" / "artefacts" / "project-charter.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "title: Project Charter", f"title: '{TITLE}'", 1)
    text = text.replace("sections:\n", f"sections:\n  - title: Plain text\n    guidance: >-\n"
                        f"      `{SENTENCE}`\n", 1)
    path.write_text(text, encoding="utf-8")
    result = run_build(workspace.root)
    assert result.returncode == 0, result.stderr
    return workspace


def _page_text(page: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))


def test_site_shows_the_text_literally(workspace: Workspace) -> None:
    page = workspace.site / "artefacts" / "project-charter" / "index.html"
    raw = page.read_text(encoding="utf-8")
    assert "<b>keep</b>" not in raw and "&lt;b&gt;keep&lt;/b&gt;" in raw
    text = _page_text(page)
    assert TITLE in text
    assert SENTENCE in text
    assert not re.search(r"\b49\b", text)  # {{ 7*7 }} was never evaluated


def test_word_template_shows_the_text_literally(workspace: Workspace) -> None:
    document = WordDocument(str(workspace.dist / "word" / "project-charter.docx"))
    body = "\n".join(p.text for p in document.paragraphs)
    assert TITLE in body
    assert SENTENCE in body
    assert document.core_properties.title.startswith(TITLE)


def test_generated_project_shows_the_text_literally(workspace: Workspace,
                                                    tmp_path: Path) -> None:
    config = tmp_path / "cookiecutter.yaml"  # keep cookiecutter's replay files out of ~
    config.write_text(f"replay_dir: {tmp_path / 'replay'}\ncookiecutters_dir: {tmp_path / 'cc'}\n")
    output = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "cookiecutter", "--no-input", "-o", str(output),
         str(workspace.dist / "project-kit"), "project_name=Apollo", "tier=3",
         "project_manager=Ana", "sponsor=Tom", "start_date=2026-03-02", "end_date=2026-12-18",
         "budget=2000000", "business_owner=Lena", "risk=high", "reach=group-wide"],
        capture_output=True, text=True, env={"COOKIECUTTER_CONFIG": str(config),
                                             "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    charters = list(output.rglob("project-charter*.docx"))
    assert charters, sorted(p.name for p in output.rglob("*"))
    body = "\n".join(p.text for p in WordDocument(str(charters[0])).paragraphs)
    assert TITLE in body and SENTENCE in body
