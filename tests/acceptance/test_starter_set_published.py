"""The starter set published (issue 13): every standard on the site and in the Word handbook,
and each tier's project, made by the real cookiecutter, holding the artefacts that tier's
requirements and gates ask for. One build (the session's `built`), one project per tier."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from generator.kit.contents import kit_files
from generator.model import Artefact, Handbook, page_url_path
from generator.model.applicability import artefacts_for, duties, lifecycle
from generator.pipeline.workspace import Workspace
from tests.support.projects import cookiecutter_env, make_project

BUDGETS = {1: "80000", 2: "500000"}  # EUR, within each tier's budget criterion
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def projects(built: Workspace, handbook: Handbook,
             tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """One project per tier, made with `cookiecutter --no-input` from the built kit."""
    root = tmp_path_factory.mktemp("starter-set-projects")
    env = cookiecutter_env(root / "cookiecutter-home")
    kit_zip = built.dist / f"project-kit-{handbook.settings.version}.zip"
    return {tier.id: make_project(kit_zip, root, env, project_name=f"Tier {tier.id} pilot",
                                  project_slug=f"tier-{tier.id}", project_manager="Ana Silva",
                                  sponsor="Tom Berg", start_date="2026-12-01",
                                  # within the tier's criteria: the kit refuses a lower tier
                                  end_date="2027-04-30" if tier.id == 1 else "2027-11-30",
                                  budget=BUDGETS.get(tier.id, "2000000"), tier=str(tier.id))
            for tier in handbook.settings.tiers}


@pytest.fixture(scope="module")
def handbook_headings(built: Workspace, handbook: Handbook) -> list[str]:
    """The standards' headings in the Word handbook (one Heading 2 each), read back."""
    path = built.dist / "word" / f"pmo-handbook-{handbook.settings.version}.docx"
    return [p.text.strip() for p in Document(str(path)).paragraphs
            if p.style is not None and p.style.name == "Heading 2"]


def page_heading(page: Path) -> str:
    match = H1.search(page.read_text(encoding="utf-8"))
    return " ".join(unescape(TAG.sub("", match.group(1))).split()) if match else ""


def asked_for(handbook: Handbook, tier: int) -> set[str]:
    """Artefacts a project of `tier` is asked for: by its duties and at its gates."""
    named = {a for d in duties(handbook, tier=tier, scope="project")
             if not d.requirement.permission for a in d.requirement.artefacts}
    return named | {a.id for step in lifecycle(handbook, tier) for a in step.evidence}


def test_every_standard_has_a_site_page_headed_with_its_title(built: Workspace,
                                                              handbook: Handbook) -> None:
    missing = []
    for standard in handbook.standards:
        page = built.site / page_url_path(standard) / "index.html"
        if not page.is_file() or standard.title not in page_heading(page):
            missing.append(f"{standard.id}: {page.relative_to(built.site)}")
    assert missing == []


def test_every_standard_in_force_is_in_the_word_handbook(handbook: Handbook,
                                                         handbook_headings: list[str]) -> None:
    assert [s.id for s in handbook.standards
            if s.in_force and s.title not in handbook_headings] == []


def test_each_tier_project_holds_the_artefacts_asked_of_it(handbook: Handbook,
                                                           projects: dict[int, Path]) -> None:
    for tier, project in projects.items():
        kept = {a.id for a in artefacts_for(handbook, tier)}
        assert asked_for(handbook, tier) <= kept, tier
        for artefact_id in sorted(kept):
            artefact = handbook.get(artefact_id)
            assert isinstance(artefact, Artefact)
            for name in kit_files(artefact):
                if name.endswith(".xlsx"):  # a register: its workbook is its one record
                    workbook = load_workbook(project / "registers" / name)
                    assert workbook.properties.title.startswith(artefact.title), (tier, name)
                else:
                    document = Document(str(project / "documents" / name))
                    assert document.core_properties.title == artefact.title, (tier, name)


def test_a_tier_project_holds_no_artefact_its_tier_does_not_keep(
        handbook: Handbook, projects: dict[int, Path]) -> None:
    for tier, project in projects.items():
        kept = {a.id for a in artefacts_for(handbook, tier)}
        present = {p.stem for p in (project / "documents").glob("*.docx")}
        present |= {p.stem for p in (project / "registers").glob("*.xlsx")}
        assert present == kept, tier
