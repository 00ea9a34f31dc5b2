"""A tier 2 project started with the real `cookiecutter --no-input` on the built kit zip: its
charter, read back with python-docx and converted by LibreOffice, is the project's own
document (status Draft, the project manager as author, no placeholder highlight, proofed in
the language of handbook.yaml). Its page images go to artifacts/."""

from __future__ import annotations

import subprocess
import uuid
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from generator.model import Handbook
from generator.pipeline.check import load_handbook
from generator.pipeline.workspace import Workspace
from tests.support.projects import cookiecutter_env, make_project
from tests.support.workspace import require_tool

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ANSWERS = {"project_name": "Apollo Data Platform", "project_slug": "apollo",
           "project_manager": "Ana Silva",
           "sponsor": "Tom O'Berg", "start_date": "2026-03-02", "end_date": "2027-02-26",
           "tier": "2", "budget": "450000", "business_owner": "Maria Keller"}
HIGHLIGHT = "FFF2CC"  # the house style's placeholder fill


@pytest.fixture(scope="module")
def charter(built: Workspace, tmp_path_factory: pytest.TempPathFactory) -> tuple[Handbook, Path]:
    handbook = load_handbook(built.standards)
    root = tmp_path_factory.mktemp("projects")
    kit = built.dist / f"project-kit-{handbook.settings.version}.zip"
    project = make_project(kit, root, cookiecutter_env(root / "cookiecutter-home"), **ANSWERS)
    return handbook, project / "documents" / "project-charter.docx"


def xml(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def test_the_charter_is_the_projects_own_draft_by_its_project_manager(
        charter: tuple[Handbook, Path]) -> None:
    handbook, path = charter
    artefact = handbook.get("project-charter")
    document = docx.Document(str(path))
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["Status", "Draft"] in rows and ["Version", "0.1"] in rows
    assert ["Author", "Ana Silva"] in rows and ["Project", "Apollo Data Platform"] in rows
    assert ["0.1", "2026-03-02", "Ana Silva",
            f"First draft, from the {artefact.title} template {artefact.version}"] in rows
    header = "".join(xml(path, "word/header1.xml").itertext())
    assert header.startswith("Apollo Data Platform")
    assert f"Based on {artefact.title} {artefact.version}" in header
    assert "Approved" not in header and "Effective" not in header
    core = document.core_properties
    assert (core.author, core.content_status, core.version) == ("Ana Silva", "Draft", "0.1")


def test_the_charter_has_no_placeholder_highlight_and_the_handbooks_language(
        charter: tuple[Handbook, Path]) -> None:
    handbook, path = charter
    document = docx.Document(str(path))
    placeholder_style = next(s for s in document.styles if s.name == "Placeholder")
    for name in ("word/document.xml", "word/header1.xml", "word/footer1.xml"):
        root = xml(path, name)
        styled = [r for r in root.iter(f"{W}r")
                  if r.find(f"{W}rPr/{W}rStyle[@{W}val='{placeholder_style.style_id}']")
                  is not None and "".join(r.itertext()).strip()]
        assert styled == [], name  # every answered placeholder is plain text now
        assert not [e for e in root.iter(f"{W}shd", f"{W}highlight")
                    if HIGHLIGHT in (e.get(f"{W}fill"), e.get(f"{W}val"))], name
    language = handbook.settings.language
    assert language == "en-GB"
    styles = xml(path, "word/styles.xml")
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default.get(f"{W}val") == language
    assert document.core_properties.language == language


def test_the_charter_converts_and_its_pages_show_the_projects_control(
        charter: tuple[Handbook, Path], tmp_path: Path, artifacts: Path) -> None:
    _, path = charter
    soffice, pdftoppm = require_tool("soffice"), require_tool("pdftoppm")
    pdftotext = require_tool("pdftotext")
    subprocess.run([soffice, f"-env:UserInstallation=file:///tmp/lo-charter-{uuid.uuid4().hex}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=300)
    pdf = tmp_path / "project-charter.pdf"
    text = " ".join(subprocess.run([pdftotext, "-layout", "-l", "2", str(pdf), "-"],
                                   check=True, capture_output=True, text=True).stdout.split())
    assert "Status Draft" in text and "Author Ana Silva" in text
    assert "[" not in text  # no placeholder left on the cover or the document control
    for old in artifacts.glob("project-charter-filled-*.png"):
        old.unlink()
    subprocess.run([pdftoppm, "-r", "70", "-png", "-f", "1", "-l", "3", str(pdf),
                    str(artifacts / "project-charter-filled")], check=True, timeout=120)
    assert len(list(artifacts.glob("project-charter-filled-*.png"))) == 3
