"""A handbook too large for a fully expanded sidebar still builds and navigates.

300 generated standards put about 140 policies and 140 artefacts in groups, with
`navigation.prune`: each page carries only its own part of the navigation. The
test walks the built site from the home page through sidebar links alone and
must reach every standard, while no page carries the whole tree.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from generator.model import page_path
from generator.pipeline.check import load_handbook
from generator.site import render_site
from generator.site.navigation import NAV_GROUP_SIZE
from tests.support.corpus import generate_corpus
from tests.support.site import make_dist, site_inputs
from tests.support.workspace import REPO

STANDARDS = 300
NAV_LINK = re.compile(r'<a href="([^"#]*)"[^>]*class="md-nav__link')


def nav_links(page: Path) -> set[str]:
    return set(NAV_LINK.findall(page.read_text(encoding="utf-8")))


def test_every_standard_is_reachable_through_the_pruned_navigation(tmp_path: Path) -> None:
    handbook = load_handbook(generate_corpus(tmp_path / "corpus", STANDARDS, body_words=40))
    assert len(handbook.policies) > 3 * NAV_GROUP_SIZE
    site = tmp_path / "site"
    render_site(handbook, site, site_inputs(REPO, make_dist(handbook, tmp_path / "dist")))

    seen, queue, widest = {"/"}, ["/"], 0
    while queue:
        url = queue.pop()
        links = nav_links(site / url.lstrip("/") / "index.html")
        widest = max(widest, len(links))
        for link in links:
            target = urljoin(url, link)
            if target not in seen and (site / target.lstrip("/") / "index.html").is_file():
                seen.add(target)
                queue.append(target)

    pages = {f"/{page_path(s).removesuffix('.md')}/".replace("/index/", "/")
             for s in handbook.standards if not s.retired}
    assert len(pages) > 250 and pages - seen == set()
    # A fully expanded sidebar would list every page on every page.
    assert widest < len(handbook.standards) / 3, widest
    print(f"{len(seen)} pages reached; at most {widest} sidebar links on a page")
