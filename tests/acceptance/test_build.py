"""`pmo build` as a user runs it: every output, and all-or-nothing on failure."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from docx import Document as WordDocument

from generator.pipeline.workspace import Workspace
from tests.support.workspace import copy_workspace, run_build


def tree_digest(*folders: Path) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(folder.parent)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    workspace = copy_workspace(tmp_path_factory.mktemp("repo"))
    result = run_build(workspace.root)
    assert result.returncode == 0, result.stderr
    return workspace


def test_build_writes_site_word_and_kit(workspace: Workspace) -> None:
    assert (workspace.site / "index.html").is_file()
    standards = sorted(p.stem for p in (workspace.root / "standards").glob("*/*.yaml"))
    pages = {p.parent.name for p in workspace.site.glob("*/*/index.html")}
    assert set(standards) <= pages
    for artefact in (workspace.root / "standards" / "artefacts").glob("*.yaml"):
        docx = workspace.dist / "word" / f"{artefact.stem}.docx"
        if "status: retired" not in artefact.read_text():
            headings = [p.text for p in WordDocument(str(docx)).paragraphs
                        if p.style is not None and p.style.name.startswith("Heading")]
            assert headings, docx
    assert (workspace.dist / "project-kit" / "cookiecutter.json").is_file()
    assert list(workspace.dist.glob("project-kit-*.zip"))


def test_build_reports_progress(workspace: Workspace) -> None:
    result = run_build(workspace.root)
    assert result.returncode == 0
    for step in ("Validating", "Writing Word documents", "Writing the project kit",
                 "Building the site", "Built word, kit, site"):
        assert step in result.stderr


def test_invalid_standard_leaves_previous_outputs_untouched(workspace: Workspace) -> None:
    before = tree_digest(workspace.site, workspace.dist)
    policy = workspace.root / "standards" / "policies" / "risk-management.yaml"
    good = policy.read_text()
    policy.write_text(good.replace("owner: pmo-lead", "owner: pmo-led", 1))
    try:
        result = run_build(workspace.root)
    finally:
        policy.write_text(good)
    assert result.returncode == 1
    assert "risk-management.yaml:" in result.stderr
    assert "'pmo-led' is not a known role" in result.stderr
    assert "Nothing was written; earlier outputs are unchanged." in result.stderr
    assert tree_digest(workspace.site, workspace.dist) == before
    assert not list(workspace.root.glob(".pmo-build-*"))


def test_failing_renderer_leaves_previous_outputs_untouched(workspace: Workspace) -> None:
    before = tree_digest(workspace.site, workspace.dist)
    page = workspace.root / "docs" / "broken.md"
    page.write_text("# Broken\n\n{{ no_such_variable }}\n")
    try:
        result = run_build(workspace.root)
    finally:
        page.unlink()
    assert result.returncode == 1
    assert "mkdocs build failed" in result.stderr
    assert tree_digest(workspace.site, workspace.dist) == before
    assert not list(workspace.root.glob(".pmo-build-*"))


def test_bad_worker_count_is_refused_before_rendering(workspace: Workspace) -> None:
    before = tree_digest(workspace.site, workspace.dist)
    result = run_build(workspace.root, PMO_SITE_WORKERS="many")
    assert result.returncode == 1
    assert "PMO_SITE_WORKERS='many': set it to a whole number" in result.stderr
    assert "Writing Word documents" not in result.stderr  # refused before any rendering
    assert tree_digest(workspace.site, workspace.dist) == before
    assert not list(workspace.root.glob(".pmo-build-*"))
