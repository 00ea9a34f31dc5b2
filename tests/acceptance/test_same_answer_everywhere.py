"""One rule of what applies, the same answer everywhere.

For the shipped handbook under each PMO type, and for generated handbooks holding draft
and retired policies, narrower tiers, triggered duties, permissions and the PMO's own
duties, every output is asked what a project of each tier must do, and must give exactly
the model's answer (`model.applicability.duties`, a project's scope): the site's tier
page, the README of a project made by the real cookiecutter, the Word handbook, and
`pmo kit check` for a project that follows nothing yet.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.model import Handbook
from generator.model.applicability import duties
from generator.pipeline.check import load_handbook
from generator.pipeline.workspace import Workspace
from tests.support.handbook_docx import tailoring_duties
from tests.support.projects import cookiecutter_env, make_project
from tests.support.varied import set_pmo_type, varied_handbook
from tests.support.workspace import copy_workspace, pmo

Answer = set[tuple[str, str]]  # (requirement id, obligation word)

# The shipped handbook under each PMO type; generated ones, one PMO type each.
CASES = [("shipped", 0, t) for t in ("supportive", "controlling", "directive")] + [
    ("varied", seed, t) for seed, t in ((1, "supportive"), (2, "controlling"), (3, "directive"))]


@dataclass
class Built:
    name: str
    workspace: Workspace
    handbook: Handbook
    pmo_type: str

    def model(self, tier: int) -> Answer:
        return {(d.id, d.word) for d in duties(self.handbook, tier=tier, scope="project")}


@pytest.fixture(scope="module", params=CASES, ids=lambda c: f"{c[0]}{c[1] or ''}-{c[2]}")
def case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[Built]:
    name, seed, pmo_type = request.param
    root = tmp_path_factory.mktemp(f"{name}{seed}-{pmo_type}")
    if name == "shipped":
        workspace = copy_workspace(root / "handbook")
        set_pmo_type(workspace.standards, pmo_type)
    else:
        standards = varied_handbook(root / "generated", seed, pmo_type)
        workspace = copy_workspace(root / "handbook", standards)
    result = pmo("--root", str(workspace.root), "build")
    assert result.returncode == 0, result.stderr
    handbook = load_handbook(workspace.standards)
    assert handbook.settings.pmo_type == pmo_type
    yield Built(name, workspace, handbook, pmo_type)


def tiers(built: Built) -> list[int]:
    return [t.id for t in built.handbook.settings.tiers]


class DutyItems(HTMLParser):
    """(id, word) of every `li.pmo-duty` of a page: its word from its class, its id from
    its link."""

    def __init__(self) -> None:
        super().__init__()
        self.found: Answer = set()
        self._word: str | None = None  # the word of the duty being read
        self._id = False  # inside its id link

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "li" and "pmo-duty" in classes:
            word = next(c.removeprefix("pmo-duty--") for c in classes
                        if c.startswith("pmo-duty--"))
            self._word = "may" if word == "permission" else word
        elif tag == "a" and "pmo-duty__id" in classes and self._word:
            self._id = True

    def handle_data(self, data: str) -> None:
        if self._id and self._word:
            self.found.add((data.strip(), self._word))
            self._id = False
            self._word = None


def test_the_site_tier_page_gives_the_models_answer(case: Built) -> None:
    for tier in tiers(case):
        page = (case.workspace.site / f"tailoring/tier-{tier}/index.html").read_text("utf-8")
        parser = DutyItems()
        parser.feed(page)
        assert parser.found == case.model(tier), f"tier {tier}"


# Answers within each tier's criteria (budget in EUR, end date from a 2026-12-01 start).
WITHIN = {1: ("80000", "2027-04-30"), 2: ("500000", "2027-11-30"), 3: ("2000000", "2028-12-31")}
# A duty's line: its word, then its id (a link to its policy's page when the handbook has
# a site address).
README_DUTY = re.compile(r"^- \*\*(MUST|SHOULD|MAY)\*\*(?: \(permission\))? \[?([A-Z0-9]+-\d+)\b",
                         re.MULTILINE)


def test_a_generated_projects_readme_gives_the_models_answer(case: Built, tmp_path: Path
                                                            ) -> None:
    kit = case.workspace.dist / f"project-kit-{case.handbook.settings.version}.zip"
    env = cookiecutter_env(tmp_path / "home")
    for tier in tiers(case):
        budget, end = WITHIN[tier]
        project = make_project(kit, tmp_path, env, project_name=f"Tier {tier}",
                               project_slug=f"tier-{tier}", project_manager="Ana Silva",
                               sponsor="Tom Berg", start_date="2026-12-01", end_date=end,
                               budget=budget, tier=str(tier))
        readme = (project / "README.md").read_text(encoding="utf-8")
        section = readme[readme.index("## What applies to this project"):]
        found = {(rid, word.lower()) for word, rid in README_DUTY.findall(section)}
        assert found == case.model(tier), f"tier {tier}"


def test_the_word_handbook_gives_the_models_answer(case: Built) -> None:
    version = case.handbook.settings.version
    found = tailoring_duties(case.workspace.dist / "word" / f"pmo-handbook-{version}.docx")
    for tier in case.handbook.settings.tiers:
        assert found[tier.name] == case.model(tier.id), tier.name


def test_kit_check_gives_the_models_answer(case: Built, tmp_path: Path) -> None:
    """A project that follows nothing yet: every standard in force that binds it is new."""
    for tier in tiers(case):
        project = tmp_path / f"tier-{tier}"
        project.mkdir()
        (project / ".pmo-kit.json").write_text(json.dumps({
            "kit_version": "0.0.1", "handbook_version": case.handbook.settings.version,
            "organisation": "Example", "pmo_type": case.pmo_type, "tier": tier,
            "standards": {}, "artefacts": {}, "answers": {"project_name": "Apollo"},
            "generated_on": "2026-06-01"}))
        result = pmo("--root", str(case.workspace.root), "kit", "check", str(project),
                     "--format", "json")
        assert result.returncode == 1, result.stderr
        told = {(r["requirement"], r["obligation"])
                for n in json.loads(result.stdout)["new"] for r in n["requirements"]}
        assert told == case.model(tier), f"tier {tier}"


def test_the_cases_hold_what_the_rule_must_get_right(case: Built) -> None:
    """The generated handbooks really hold drafts, retired policies, triggered duties,
    permissions and PMO duties, and some of them bind nobody."""
    if case.name == "shipped":
        return
    statuses = {p.status for p in case.handbook.policies}
    requirements = [r for p in case.handbook.policies for r in p.requirements]
    assert {"draft", "retired", "approved"} <= statuses
    assert any(r.scope == "pmo" for r in requirements)
    assert any(r.trigger for r in requirements)
    assert any(r.permission for r in requirements)
    every = {r.id for r in requirements}
    binding = {i for t in tiers(case) for i, _ in case.model(t)}
    assert binding < every
