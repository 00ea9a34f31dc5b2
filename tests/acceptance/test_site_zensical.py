"""The shipped handbook built with Zensical (`pmo build --engine zensical`): the same
pages, search finding ids, macros on hand-written pages, the theme overrides, no
broken link; and in Chromium, a page that is not visibly broken and a search by id."""

from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from generator.model import Handbook, page_path
from generator.pipeline.workspace import Workspace
from generator.site.urls import built_url
from tests.support.links import check_links
from tests.support.workspace import ARTIFACTS, copy_workspace, pmo, require_module, require_tool

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def zensical(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    workspace = copy_workspace(tmp_path_factory.mktemp("zensical"))
    result = pmo("--root", str(workspace.root), "build", "--only", "site", "--engine", "zensical")
    assert result.returncode == 0, result.stderr
    return workspace


def _items(site: Path) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads((site / "search.json").read_text("utf-8"))["items"]
    return items


def test_every_standard_has_its_page(zensical: Workspace, handbook: Handbook) -> None:
    for standard in handbook.standards:
        page = zensical.site / built_url(page_path(standard)) / "index.html"
        assert page.is_file(), page
        assert standard.id in page.read_text("utf-8")


def test_search_index_finds_standards_and_requirements_by_id(zensical: Workspace,
                                                            handbook: Handbook) -> None:
    by_location = {item["location"]: item for item in _items(zensical.site)}
    for standard in handbook.standards:
        if standard.retired:
            continue
        item = by_location[built_url(page_path(standard))]
        assert f"<code>{standard.id}</code>" in item["text"], standard.id
    for policy in handbook.policies:
        for requirement in policy.requirements:
            assert f"{built_url(page_path(policy))}#{requirement.id}" in by_location


def test_macros_render_on_hand_written_pages(zensical: Workspace, handbook: Handbook) -> None:
    home = (zensical.site / "index.html").read_text("utf-8")
    assert "{{" not in home and handbook.settings.organisation in home
    for policy in handbook.policies:
        if not policy.retired:
            assert f'href="policies/{policy.id}/"' in home
    text = re.sub(r"<[^>]+>", "", home)
    version = handbook.settings.version
    assert re.search(rf"cookiecutter \S+project-kit-{re.escape(version)}\.zip", text)  # kit_command
    assert f'href="downloads/project-kit-{version}.zip"' in home                       # kit_link


def test_theme_overrides_apply(zensical: Workspace, handbook: Handbook) -> None:
    page = (zensical.site / "policies" / handbook.policies[0].id / "index.html").read_text("utf-8")
    assert handbook.settings.organisation in page.split("</header>")[0]   # partials/header.html
    assert f"v{handbook.settings.version}" in page.split("</header>")[0]
    assert "assets/stylesheets/pmo.css" in page
    assert 'class="md-nav__link md-nav__link--active"' in page            # partials/nav-item.html


def test_no_broken_link(zensical: Workspace) -> None:
    links, errors, result = check_links(zensical.site)
    assert links > 100 and errors == 0, result.stdout


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def served(zensical: Workspace) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_Quiet, directory=str(zensical.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_a_page_in_chromium_is_not_visibly_broken(served: str, handbook: Handbook,
                                                  width: int, height: int) -> None:
    sync_api = require_module("playwright.sync_api")
    chromium = require_tool("chromium")
    policy = handbook.policies[0]
    errors: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(served + built_url(page_path(policy)), wait_until="networkidle")
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"zensical-policy-{width}.png"))
            title = page.locator("article h1").first
            assert title.is_visible()
            assert title.inner_text().strip().startswith(policy.title.split()[0])
            box = page.locator("article").first.bounding_box()
            assert box is not None and box["width"] > width * 0.5   # the text has the room
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header'))"
                                 ".backgroundColor") != "rgba(0, 0, 0, 0)"  # the theme's CSS
            if width > 1000:
                assert page.locator(".md-sidebar--primary a.md-nav__link--active").first \
                    .is_visible()
            page.goto(served, wait_until="networkidle")
            page.screenshot(path=str(ARTIFACTS / f"zensical-home-{width}.png"))
        finally:
            browser.close()
    assert errors == []
