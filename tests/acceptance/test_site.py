"""The site of the shipped handbook, as `pmo build` wrote it (the `built` fixture)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import yaml
from docx import Document

from generator.model import Handbook
from generator.pipeline.workspace import Workspace
from generator.shared.markup import inline_html, plain_text
from tests.support.links import check_links
from tests.support.workspace import REPO

SECTIONS = {"charter": "charter", "framework": "framework", "policy": "policies",
            "artefact": "artefacts", "role": "roles", "glossary": "glossary", "faq": "faq"}


class _Anchors(HTMLParser):
    """Collects element ids and href values of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.hrefs.append(str(values["href"]))


def parse(path: Path) -> _Anchors:
    parser = _Anchors()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_nothing_generated_is_committed() -> None:
    for folder in (*SECTIONS.values(), "tailoring", "whats-new", "downloads"):
        assert not (REPO / "docs" / folder).exists(), f"docs/{folder} is generated at build time"


def test_every_standard_has_a_page(built: Workspace, handbook: Handbook) -> None:
    for standard in handbook.standards:
        page = built.site / SECTIONS[standard.kind] / standard.id / "index.html"
        assert page.is_file(), page
        text = page.read_text(encoding="utf-8")
        assert standard.title.split()[-1] in text and standard.review_by.isoformat() in text


def test_independent_link_checker_finds_no_broken_links(built: Workspace) -> None:
    """linkchecker (local files only) over the built HTML."""
    links, errors, result = check_links(built.site)
    assert links > 100 and errors == 0, result.stdout
    assert result.returncode == 0, result.stdout


def test_every_fragment_link_has_its_anchor(built: Workspace) -> None:
    """Links such as policies/risk-management/#RISK-3 land on an element with that id."""
    pages = {p: parse(p) for p in built.site.rglob("*.html")}
    checked = 0
    for page, found in pages.items():
        for href in found.hrefs:
            if "#" not in href or href.startswith(("http:", "https:", "mailto:")):
                continue
            target, fragment = href.split("#", 1)
            if not fragment:
                continue
            path = (page.parent / target).resolve() if target else page
            if path.is_dir() or not path.suffix:
                path = path / "index.html"
            assert path in pages, f"{page}: {href} leads nowhere"
            assert fragment in pages[path].ids, f"{page}: {href} has no anchor"
            checked += 1
    assert checked > 50


def test_downloads_are_real_word_files(built: Workspace, handbook: Handbook) -> None:
    for artefact in handbook.artefacts:
        page = built.site / "artefacts" / artefact.id / "index.html"
        assert f'href="../../downloads/word/{artefact.id}.docx"' in page.read_text("utf-8")
        document = Document(str(built.site / "downloads" / "word" / f"{artefact.id}.docx"))
        assert document.paragraphs
    version = handbook.settings.version
    assert (built.site / "downloads" / f"project-kit-{version}.zip").is_file()
    assert (built.site / "downloads" / "word" / f"pmo-handbook-{version}.docx").is_file()


def _search_words(built: Workspace) -> tuple[dict[str, dict[str, str]], Callable[[str], set[str]]]:
    """The search index by location, and a function giving a text's words as the site's
    search splits them (the separator in mkdocs.yml, lower case, tags dropped)."""
    config = yaml.load((built.root / "mkdocs.yml").read_text("utf-8"), Loader=_AnyTag)
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    separator = re.compile(search["separator"])

    def words(text: str) -> set[str]:
        return {w for w in separator.split(re.sub(r"<[^>]+>", " ", text).lower()) if w}

    index = json.loads((built.site / "search" / "search_index.json").read_text("utf-8"))
    return {d["location"]: d for d in index["docs"]}, words


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name tags; they are read as plain text here."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)


def test_search_index_holds_requirements_and_table_cells_as_whole_words(
        built: Workspace, handbook: Handbook) -> None:
    locations, words = _search_words(built)
    for policy in handbook.policies:
        for requirement in policy.requirements:
            doc = locations[f"policies/{policy.id}/#{requirement.id}"]
            assert words(plain_text(inline_html(requirement.text))) <= words(doc["text"]), \
                requirement.id
    cells = [(a, cell) for a in handbook.artefacts for s in a.sections if s.table
             for row in s.table.rows for cell in row if cell]
    assert cells
    for artefact, cell in cells:
        texts = " ".join(d["text"] for loc, d in locations.items()
                         if loc.startswith(f"artefacts/{artefact.id}/"))
        # Each cell's words are words of the index, not glued to the next cell's.
        text = plain_text(inline_html(cell))
        assert words(text) <= words(texts), (artefact.id, cell, words(text) - words(texts))


def test_home_page_uses_macros_with_model_data(built: Workspace, handbook: Handbook) -> None:
    home = (built.site / "index.html").read_text("utf-8")
    assert "{{" not in home and handbook.settings.organisation in home
    for policy in handbook.policies:
        if not policy.retired:
            assert f'href="policies/{policy.id}/"' in home


def test_home_page_role_cards_are_rendered_markdown(built: Workspace) -> None:
    home = (built.site / "index.html").read_text("utf-8")
    cards = home.split('<div class="grid cards">', 1)[1].split("</div>", 1)[0]
    assert cards.count("<li>") == 3
    assert "**" not in cards and "](" not in cards  # Markdown inside the cards was converted
    for role in ("project-manager", "sponsor", "pmo"):
        assert f'href="start-here/{role}/"' in cards


def test_each_requirement_says_when_and_to_whom_it_applies(built: Workspace,
                                                          handbook: Handbook) -> None:
    """A project's duty names its tiers; the PMO's own duty applies to the portfolio."""
    facts = re.compile(r'<h3 id="(?P<id>[A-Z]+-\d+)".*?<dt>When</dt> <dd>(?P<when>.*?)</dd>'
                       r'.*?<dt>Applies to</dt> <dd>(?P<to>.*?)</dd>', re.DOTALL)
    seen = set()
    for policy in handbook.policies:
        page = (built.site / "policies" / policy.id / "index.html").read_text("utf-8")
        shown = {m["id"]: (m["when"], m["to"]) for m in facts.finditer(page)}
        for r in policy.requirements:
            when, to = shown[r.id]
            if r.scope == "pmo":
                assert not when.startswith("All through the project"), r.id
                assert "portfolio" in to or to.startswith("Projects of"), (r.id, to)
            else:
                assert ("Tier" in to or to == "all tiers") and "portfolio" not in to, (r.id, to)
            seen.add(r.scope)
    assert seen == {"pmo", "project"}
