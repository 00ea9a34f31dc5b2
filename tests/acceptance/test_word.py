"""`pmo build --only word` on the shipped standards: every document read back with
python-docx and docx2python, converted to PDF by LibreOffice, key pages kept as PNG."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx2python import docx2python

from generator.model import Artefact, Handbook, Policy, placeholder
from generator.word.shared_parts import author, stamp
from tests.support.workspace import copy_workspace, pmo, require_tool


@pytest.fixture(scope="module")
def word_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workspace = copy_workspace(tmp_path_factory.mktemp("word-build"))
    result = pmo("--root", str(workspace.root), "build", "--only", "word")
    assert result.returncode == 0, result.stderr
    return workspace.dist / "word"


def documents(handbook: Handbook, word_dir: Path) -> dict[str, Path]:
    """Every document the handbook should have, by standard id (and 'handbook')."""
    paths = {a.id: word_dir / f"{a.id}.docx" for a in handbook.artefacts}
    paths |= {p.id: word_dir / "policies" / f"{p.id}.docx" for p in handbook.policies}
    paths["handbook"] = word_dir / f"pmo-handbook-{handbook.settings.version}.docx"
    return paths


def flatten(value: object) -> Iterator[object]:
    if isinstance(value, list):
        for item in value:
            yield from flatten(item)
    else:
        yield value


def expected_headings(handbook: Handbook, key: str) -> list[str]:
    """Headings listed in a document's contents."""
    if key == "handbook":
        return [s.title for s in handbook.standards if s.status == "approved"]
    standard = handbook.get(key)
    if isinstance(standard, Artefact):
        return [s.title for s in standard.sections]
    return ["Purpose", "Scope", "Requirements", "Approval", "Document history"]


def test_every_document_is_written(handbook: Handbook, word_dir: Path) -> None:
    expected = set(documents(handbook, word_dir).values())
    assert set(word_dir.rglob("*.docx")) == expected


@pytest.mark.parametrize("reader", ["python-docx", "docx2python"])
def test_documents_read_back_with_the_standards_content(handbook: Handbook, word_dir: Path,
                                                        reader: str) -> None:
    for key, path in documents(handbook, word_dir).items():
        if reader == "python-docx":
            document = docx.Document(str(path))
            styled = [(p.style.name, p.text) for p in document.paragraphs]
            core = document.core_properties
            props = {"title": core.title, "version": core.version, "creator": core.author,
                     "subject": core.subject, "category": core.category}
            tables = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
            section = document.sections[0]
            header = " ".join(c.text for t in section.header.tables for r in t.rows
                              for c in r.cells)
        else:
            with docx2python(path) as read:
                styled = [(_style_name(p.style), "".join(r.text for r in p.runs))
                          for p in flatten(read.body_pars)]
                props = read.core_properties
                tables = [["\n".join(c) for c in row] for table in read.body for row in table]
                header = " ".join(str(t) for t in flatten(read.header))
        headings = [text for style, text in styled if style in ("Heading 1", "Heading 2")]
        for heading in expected_headings(handbook, key):
            assert heading in headings, (path.name, heading)
        if key == "handbook":
            assert props["version"] == handbook.settings.version
            continue
        standard = handbook.get(key)
        assert props["subject"] == standard.summary
        if isinstance(standard, Artefact):  # a project's document: its own control
            assert props["creator"] == placeholder("project_manager")
            assert props["version"] == "0.1"
            assert f"Based on {standard.title} {standard.version}" in header
            assert standard.status.capitalize() not in header
        else:
            assert props["creator"] == author(handbook)
            assert props["version"] == standard.version
            assert stamp(standard) in header and standard.status.capitalize() in header
        guidance = [text for style, text in styled if style == "Guidance"]
        if isinstance(standard, Artefact):
            assert props["title"] == standard.title
            assert placeholder("project_name") in header
            joined = " ".join(" ".join(guidance).split())
            for section in standard.sections:
                first_words = " ".join(plain(section.guidance).split()[:8])
                assert first_words in joined, (path.name, section.title)
                if section.table:
                    names = [c.name for c in section.table.columns]
                    assert any(names == row[:len(names)] for row in tables), section.title
        if isinstance(standard, Policy):
            requirement_ids = [text.strip().split("\t")[0] for style, text in styled
                               if style == "Requirement"]
            assert requirement_ids == [r.id for r in standard.requirements]


def plain(markdown: str) -> str:
    """Markdown without its emphasis and code marks, as Word shows it."""
    return " ".join(markdown.replace("**", "").replace("`", "").replace("*", "").split())


def _style_name(style_id: str) -> str:
    """docx2python gives style ids ('Heading1'); map the ones the test compares."""
    return {"Heading1": "Heading 1", "Heading2": "Heading 2"}.get(style_id, style_id)


@pytest.fixture(scope="module")
def pdf_dir(handbook: Handbook, word_dir: Path, tmp_path_factory: pytest.TempPathFactory
            ) -> Path:
    """Every document converted by one LibreOffice call with a profile of its own."""
    soffice = require_tool("soffice")
    out = tmp_path_factory.mktemp("pdf")
    profile = f"file:///tmp/lo-word-{uuid.uuid4().hex}"
    paths = [str(p) for p in documents(handbook, word_dir).values()]
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), *paths],
                   check=True, capture_output=True, timeout=300)
    return out


def pdf_text(path: Path) -> str:
    pdftotext = require_tool("pdftotext")
    return subprocess.run([pdftotext, "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_every_document_converts_to_pdf_with_title_and_contents(
        handbook: Handbook, word_dir: Path, pdf_dir: Path) -> None:
    for key, path in documents(handbook, word_dir).items():
        pdf = pdf_dir / f"{path.stem}.pdf"
        assert pdf.exists(), f"LibreOffice did not convert {path.name}"
        text = " ".join(pdf_text(pdf).split())
        title = handbook.settings.title if key == "handbook" else handbook.get(key).title
        assert title in text, path.name
        contents = text[text.index("Contents"):]
        for heading in expected_headings(handbook, key):
            heading = " ".join(heading.split())
            # listed in the contents, then again as the heading itself
            assert contents.count(heading) >= 2, (path.name, heading)


@pytest.mark.parametrize(("name", "pages"), [
    ("project-charter.docx", (1, 2)), ("raid-log.docx", (1, 3)),
    ("policies/risk-management.docx", (1, 4)), ("policies/stage-gates.docx", (6, 7)),
    ("pmo-handbook-1.0.0.docx", (1, 9))])
def test_pages_rendered_for_review(word_dir: Path, pdf_dir: Path, artifacts: Path,
                                   name: str, pages: tuple[int, int]) -> None:
    pdftoppm = require_tool("pdftoppm")
    stem = Path(name).stem
    pdf = pdf_dir / f"{stem}.pdf"
    prefix = artifacts / f"word-{stem}"
    subprocess.run([pdftoppm, "-r", "80", "-png", "-f", str(pages[0]), "-l", str(pages[1]),
                    str(pdf), str(prefix)], check=True, timeout=120)
    rendered = sorted(artifacts.glob(f"word-{stem}-*.png"))
    assert len(rendered) >= pages[1] - pages[0] + 1
    assert all(p.stat().st_size > 10_000 for p in rendered)


def test_contents_shows_page_numbers_without_a_refresh(handbook: Handbook, word_dir: Path,
                                                       pdf_dir: Path) -> None:
    """LibreOffice's plain conversion (no field update asked for) gives every contents line
    its page number, and each is the page its heading is on."""
    import re

    for key in ("risk-management", "handbook"):
        path = documents(handbook, word_dir)[key]
        pages = pdf_text(pdf_dir / f"{path.stem}.pdf").split("\f")
        contents = next(i for i, page in enumerate(pages) if "Contents" in page)
        for heading in expected_headings(handbook, key)[:12]:
            words = r"\s+".join(map(re.escape, heading.split()))
            line = re.search(rf"^\s*{words}\.+\s*(\d+)\s*$", pages[contents], re.MULTILINE)
            assert line, (key, heading)
            number = int(line.group(1))
            assert number >= contents + 1  # on the contents page or after it
            assert re.search(rf"^\s*{words}\s*$", pages[number - 1], re.MULTILINE), (
                key, heading, number)
