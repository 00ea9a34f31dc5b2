"""render_site on a small handbook: the built HTML, read back."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from generator.errors import BuildError
from generator.model import Handbook
from generator.pipeline.check import load_handbook
from generator.pipeline.workspace import Workspace
from generator.site import render_site
from tests.support.site import make_dist, site_inputs
from tests.support.workspace import MINIMAL, REPO

LITERAL = "Write {{ project_name }} and {% raw %}keep{% endraw %} as typed."
REPOSITORY = "https://git.example.org/pmo/handbook"


def edit_yaml(path: Path, **changes: object) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def workspace_with(root: Path, docs: dict[str, str]) -> Workspace:
    """A workspace: the minimal standards, the repo's mkdocs.yml and the given docs pages."""
    shutil.copytree(MINIMAL, root / "standards")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for name, text in docs.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    return Workspace(root)


def build(workspace: Workspace, handbook: Handbook, **options: bool) -> Path:
    dist = make_dist(handbook, workspace.root / "dist")
    render_site(handbook, workspace.site, site_inputs(workspace.root, dist, **options))
    return workspace.site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal handbook with a literal-Jinja body, a retired role and a repository URL."""
    root = tmp_path_factory.mktemp("site")
    workspace = workspace_with(root, {
        "index.md": "# Home\n\nVersion {{ handbook.version }}: {{ link('risk') }}.\n",
        "pmo/index.md": "# For the PMO\n\nOwner of RAID log: {{ standard('raid-log').owner }}\n",
    })
    edit_yaml(root / "standards/policies/risk.yaml", body=LITERAL + "\n")
    edit_yaml(root / "standards/roles/sponsor.yaml", status="retired")
    handbook = load_handbook(workspace.standards)
    settings = replace(handbook.settings, repository_url=REPOSITORY, edit_uri="edit/main/")
    return build(workspace, replace(handbook, settings=settings))


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8") if page \
        else (site / "index.html").read_text(encoding="utf-8")


def content(site: Path, page: str) -> str:
    """The text of the page's article, without markup (no navigation)."""
    article = html(site, page).split("<article", 1)[1].split("</article>", 1)[0]
    return re.sub(r"\s+", " ", re.sub("<[^>]+>", "", article.split(">", 1)[1]))


def test_every_standard_has_a_page(site: Path, minimal_handbook: Handbook) -> None:
    sections = {"policy": "policies", "artefact": "artefacts", "role": "roles"}
    for standard in minimal_handbook.standards:
        folder = sections.get(standard.kind, standard.kind)
        page = html(site, f"{folder}/{standard.id}")
        assert "<h1 id=" in page and standard.title in page


def test_jinja_in_a_standard_is_published_literally(site: Path) -> None:
    text = content(site, "policies/risk")
    assert "Write {{ project_name }} and {% raw %}keep{% endraw %} as typed." in text


def test_macros_in_docs_pages_pull_model_data(site: Path) -> None:
    home = html(site, "")
    assert "Version 1.0.0:" in home
    assert re.search(r'<a href="policies/risk/">Risk management</a>', home)
    assert "Owner of RAID log: pmo-lead" in content(site, "pmo")


def test_requirements_have_stable_anchors(site: Path) -> None:
    page = html(site, "policies/risk")
    assert 'id="RISK-1"' in page and 'id="RISK-2"' in page
    assert 'href="../../policies/risk/#RISK-1"' in html(site, "artefacts/raid-log")


def test_obligation_table_highlights_the_pmo_type_in_force(site: Path) -> None:
    page = html(site, "policies/risk")
    headers = re.findall(r'<th scope="col" class="pmo-in-force">([^<]+)</th>', page)
    assert headers == ["Controlling (in force)"]
    row = re.search(r'<td><a href="#RISK-2">RISK-2</a> Escalate a risk[^<]*</td>(.*?)</tr>', page)
    assert row is not None
    cells = re.findall(r"<td( class=\"pmo-in-force\")?>(.*?)</td>", row.group(1))
    marked = [(bool(c), re.sub("<[^>]+>", "", text)) for c, text in cells[:3]]
    assert marked == [(False, "may"), (True, "should"), (False, "must")]


def test_related_standards_link_both_ways(site: Path) -> None:
    assert 'href="../../artefacts/raid-log/"' in html(site, "policies/risk")
    raid = html(site, "artefacts/raid-log")
    assert "Referred to by" in raid and 'href="../../policies/risk/"' in raid


def test_retired_standard_is_marked_and_out_of_the_nav(site: Path) -> None:
    page = html(site, "roles/sponsor")
    assert "admonition danger" in page and "Retired" in page
    nav = html(site, "roles/pmo-lead").split('class="md-content"')[0]
    assert "roles/sponsor/" not in nav
    assert "Retired" in html(site, "roles")


def test_edit_links_point_to_the_yaml_source(site: Path) -> None:
    edit = re.compile(r'<a href="([^"]+)"[^>]*rel="edit"')
    assert edit.findall(html(site, "policies/risk")) == \
        [f"{REPOSITORY}/edit/main/standards/policies/risk.yaml"]
    assert edit.findall(html(site, "")) == [f"{REPOSITORY}/edit/main/docs/index.md"]
    assert edit.findall(html(site, "tailoring/tier-1")) == []


def test_glossary_abbreviations_are_tooltips_on_other_pages(site: Path) -> None:
    assert re.search(r'<abbr title="RAID log: Risks, assumptions[^"]*">RAID</abbr>',
                     html(site, "policies/risk"))


def test_header_shows_organisation_and_version(site: Path) -> None:
    header = html(site, "policies/risk").split("</header>")[0]
    assert "Example Ltd" in header and "v1.0.0" in header


def test_search_keeps_hyphenated_ids_whole(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not re.match(index["config"]["separator"], "-")
    assert any(d["location"].endswith("#RISK-1") for d in index["docs"])


def test_downloads_are_published(site: Path) -> None:
    assert (site / "downloads/word/raid-log.docx").is_file()
    assert (site / "downloads/word/policies/risk.docx").is_file()
    assert (site / "downloads/project-kit-1.0.0.zip").is_file()
    assert 'href="../../downloads/word/raid-log.docx"' in html(site, "artefacts/raid-log")
    assert "cookiecutter project-kit-1.0.0.zip" in content(site, "artefacts/raid-log")


def test_tailoring_pages_per_type_and_tier(site: Path) -> None:
    tier1 = content(site, "tailoring/tier-1")
    assert "RISK-1" in tier1 and "RISK-2" not in tier1  # RISK-2 applies to tier 2 only
    assert "Project charter" not in tier1.split("Requirements")[0]  # tier 2 artefact
    tier2 = content(site, "tailoring/tier-2")
    assert "RISK-2" in tier2 and "Project charter" in tier2
    for pmo_type in ("supportive", "controlling", "directive"):
        assert "RISK-1" in html(site, f"tailoring/{pmo_type}")


def test_macro_error_fails_the_build(tmp_path: Path, minimal_handbook: Handbook) -> None:
    workspace = workspace_with(tmp_path, {"index.md": "# Home\n\n{{ link('no-such-id') }}\n"})
    with pytest.raises(BuildError, match="no-such-id"):
        build(workspace, minimal_handbook)


def test_missing_downloads_are_reported(tmp_path: Path, minimal_handbook: Handbook) -> None:
    workspace = workspace_with(tmp_path, {})
    dist = make_dist(minimal_handbook, tmp_path / "dist")
    (dist / "word" / "raid-log.docx").unlink()
    with pytest.raises(BuildError, match="raid-log.docx.*pmo build"):
        render_site(minimal_handbook, tmp_path / "site", site_inputs(workspace.root, dist))


def test_versioned_site_has_the_outdated_banner(tmp_path: Path,
                                                minimal_handbook: Handbook) -> None:
    workspace = workspace_with(tmp_path, {})
    site = build(workspace, minimal_handbook, versioned=True)
    page = html(site, "policies/risk")
    assert 'data-md-component="outdated"' in page and "pmo-latest-link" in page
    assert '"provider": "mike"' in page or "versions.json" in page
