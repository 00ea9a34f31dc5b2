"""The pictures drawn from the standards, inline in the pages where they belong: lifecycle on
the stage-gate policy and each tier page, the framework on the home and framework pages, the
risk matrix after the risk policy's scoring tables."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

from generator.figures import render_figures
from generator.model import Handbook
from generator.model.render_inputs import RenderInputs
from generator.site.pages import list_downloads, site_environment, write_pages
from generator.site.render import TEMPLATES
from tests.support.edited_standards import G3_BY_THE_BOARD, G3_DECIDER, edited_standards

FIGURE = re.compile(r'<figure class="pmo-figure" id="figure-([a-z0-9-]+)">(.*?)</figure>')


def written_pages(handbook: Handbook, root: Path) -> dict[str, str]:
    """The docs tree write_pages makes when handed the pictures: page path -> Markdown."""
    figures = render_figures(handbook, root / "figures", RenderInputs())
    downloads = list_downloads(handbook, {f"figures/{p.name}": p for p in figures})
    docs = root / "docs"
    write_pages(handbook, docs, site_environment(TEMPLATES), downloads, site_url=None)
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8")
            for p in docs.rglob("*.md")}


def figures_of(markdown: str) -> dict[str, str]:
    return dict(FIGURE.findall(markdown))


def test_each_picture_is_on_the_pages_it_belongs_to(handbook: Handbook, tmp_path: Path) -> None:
    pages = written_pages(handbook, tmp_path)
    tiers = [t.id for t in handbook.settings.tiers]
    assert list(figures_of(pages["policies/stage-gates.md"])) == [
        f"lifecycle-tier-{t}" for t in tiers]
    for tier in tiers:
        assert list(figures_of(pages[f"tailoring/tier-{tier}.md"])) == [f"lifecycle-tier-{tier}"]
    assert list(figures_of(pages["index.md"])) == ["framework"]
    assert list(figures_of(pages["framework/index.md"])) == ["framework"]
    risk = pages["policies/risk-management.md"]
    assert list(figures_of(risk)) == ["risk-matrix"]
    assert risk.index("Risk scoring") < risk.index('id="figure-risk-matrix"')
    for path, text in pages.items():
        for name, art in figures_of(text).items():
            text = re.search(r"<svg.*</svg>", art).group(0)
            svg = ElementTree.fromstring(text)  # still well-formed: no tooltip inside
            assert svg.get("role") == "img" and svg.get("aria-labelledby"), (path, name)
            assert "\n" not in art  # one line: Markdown leaves an HTML block alone
            assert "<abbr" not in text  # no glossary tooltip inside a picture


def test_changing_a_gates_decision_body_changes_the_lifecycle_on_the_site(
        handbook: Handbook, tmp_path: Path) -> None:
    changed = edited_standards(tmp_path / "standards-changed", "policies/stage-gates.yaml",
                               G3_DECIDER, G3_BY_THE_BOARD)
    before = figures_of(written_pages(handbook, tmp_path / "before")["tailoring/tier-2.md"])
    after = figures_of(written_pages(changed, tmp_path / "after")["tailoring/tier-2.md"])
    assert before["lifecycle-tier-2"] != after["lifecycle-tier-2"]
    assert "G3 Ready to transition, decided by the Steering Committee" in before[
        "lifecycle-tier-2"]
    assert "G3 Ready to transition, decided by the Portfolio Board" in after["lifecycle-tier-2"]


def test_without_pictures_the_pages_have_no_empty_figure(minimal_handbook: Handbook,
                                                          tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_pages(minimal_handbook, docs, site_environment(TEMPLATES),
                list_downloads(minimal_handbook), site_url=None)
    assert not any("pmo-figure" in p.read_text(encoding="utf-8") for p in docs.rglob("*.md"))
