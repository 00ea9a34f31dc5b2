"""`pmo serve`'s live site: an edit to a standard shows at once, no page is ever served
from an older model, and once settled the site is the bytes of a fresh build."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from generator.commands.serve import Previews
from generator.pipeline.check import load_handbook
from generator.pipeline.outputs import render_outputs
from generator.pipeline.workspace import Workspace, quiet
from tests.support.corpus import generate_corpus
from tests.support.workspace import REPO

EDITED = "policy-0007"


@pytest.fixture
def previews(tmp_path: Path) -> Iterator[Previews]:
    root = tmp_path / "hb"
    generate_corpus(root, 40)
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    running = Previews(Workspace(root))
    assert running.rebuild(full=True)
    try:
        yield running
    finally:
        running.close()


def edit(path: Path, **changes: object) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")


def showing(site: Path, text: str) -> set[str]:
    pattern = re.compile(re.escape(text) + r"(?!\w)")
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")
            if pattern.search(p.read_text("utf-8"))}


def html_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.suffix in (".html", ".json")}


def test_an_edit_shows_at_once_and_no_stale_page_is_served(previews: Previews,
                                                           tmp_path: Path) -> None:
    site = previews.site
    assert site is not None and previews.stage is not None
    path = previews.workspace.standards / "policies" / f"{EDITED}.yaml"
    page = site / "policies" / EDITED / "index.html"
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in site.rglob("*.html")}

    # A text edit: the edited page is rewritten at once; once settled, only the pages
    # whose bytes changed were written again.
    edit(path, summary="Edited in the live preview.")
    assert previews.rebuild(changed=[path])
    assert "Edited in the live preview." in page.read_text("utf-8")
    previews.settle()
    rewritten = {p for p in site.rglob("*.html") if p.stat().st_mtime_ns != before[p][0]}
    assert page in rewritten
    assert rewritten == {p for p in site.rglob("*.html") if p.read_bytes() != before[p][1]}
    assert len(rewritten) < len(before) / 4

    # A title edit that moves the policy in the navigation: the edited page at once; any
    # other page that showed the old title is brought up to date before it is served.
    old = str(yaml.safe_load(path.read_text("utf-8"))["title"])
    others = sorted(showing(site, old) - {f"policies/{EDITED}/index.html"})
    assert others
    edit(path, title="Zebra Crossing Oversight")
    assert previews.rebuild(changed=[path])
    assert "Zebra Crossing Oversight" in page.read_text("utf-8")
    for other in others:  # as a browser asks for them, before the background pass
        previews.ensure("/" + other.removesuffix("index.html"))
        assert not re.search(re.escape(old) + r"(?!\w)", (site / other).read_text("utf-8"))
    assert any("Zebra Crossing Oversight" in (site / other).read_text("utf-8")
               for other in others)

    # Settled (as the background pass does, and as a search asks for): every page and the
    # search index are the bytes a fresh build writes.
    previews.settle()
    assert showing(site, old) == set()
    fresh = tmp_path / "fresh"
    render_outputs(load_handbook(previews.workspace.standards), previews.workspace, fresh,
                   ("site",), quiet, built=previews.stage / "dist")
    live, built = html_of(site), html_of(fresh / "site")
    assert sorted(live) == sorted(built)
    assert [name for name in live if live[name] != built[name]] == []


def test_a_broken_edit_keeps_the_live_site(previews: Previews) -> None:
    site = previews.site
    assert site is not None
    path = previews.workspace.standards / "policies" / f"{EDITED}.yaml"
    page = site / "policies" / EDITED / "index.html"
    kept = page.read_bytes()
    edit(path, owner="nobody-here")
    assert previews.rebuild(changed=[path]) is False
    assert page.read_bytes() == kept and previews.site == site
