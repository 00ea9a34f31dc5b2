"""The pictures on the built site in Chromium (the shared `browser` and `base_url`): on the
pages they belong to, inside the page at 1280 and 390 px, readable in the light and the dark
palette; screenshots go to artifacts/ for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import Handbook
from tests.support.workspace import require_module

PAGES = {  # page -> the pictures it shows (the shipped home page is hand-written: docs/)
    "framework/": ["framework"],
    "policies/stage-gates/": ["lifecycle-tier-1", "lifecycle-tier-2", "lifecycle-tier-3"],
    "tailoring/tier-2/": ["lifecycle-tier-2"],
    "policies/risk-management/": ["risk-matrix"],
}
WIDTHS = (1280, 390)


def fill_of(page: object, selector: str) -> str:
    return page.eval_on_selector(  # type: ignore[attr-defined]
        selector, "e => getComputedStyle(e).fill")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_pictures_are_on_their_pages_inside_the_page_in_both_palettes(
        handbook: Handbook, base_url: str, browser: object, artifacts: Path,
        width: int) -> None:
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": width, "height": 900}, offline=False)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        for path, names in PAGES.items():
            page.goto(base_url + path)
            shown = page.eval_on_selector_all(
                "figure.pmo-figure", "fs => fs.map(f => f.id.replace('figure-', ''))")
            assert shown == names, path
            for name in names:
                figure = page.locator(f"#figure-{name}")
                box = figure.locator("svg").bounding_box()
                assert box is not None and box["width"] > 0.5 * min(width, 560), (path, name)
                assert box["x"] >= 0 and box["x"] + box["width"] <= width, (path, name)
                title = figure.locator("svg > title").text_content()
                assert title and title == figure.locator("figcaption").text_content()
            cards = page.locator("svg.pmo-fig .pmo-fig-card").count()
            light = fill_of(page, "svg.pmo-fig .pmo-fig-card") if cards else None
            light_ink = fill_of(page, "svg.pmo-fig .pmo-fig-text-ink")
            stem = path.strip("/").replace("/", "-") or "home"
            first = page.locator("figure.pmo-figure").first
            first.scroll_into_view_if_needed()
            page.screenshot(path=str(artifacts / f"figures-{stem}-{width}-light.png"))
            page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
            page.wait_for_timeout(400)  # the palette's colour transition
            if cards:
                dark = fill_of(page, "svg.pmo-fig .pmo-fig-card")
                assert light == "rgb(238, 243, 251)" and dark == "rgb(28, 38, 56)", path
            ink = fill_of(page, "svg.pmo-fig .pmo-fig-text-ink")
            # dark text on the light page, light text on the dark one
            assert (light_ink, ink) == ("rgb(31, 41, 55)", "rgb(232, 234, 238)"), path
            page.screenshot(path=str(artifacts / f"figures-{stem}-{width}-dark.png"))
            page.evaluate("document.body.setAttribute('data-md-color-scheme', 'default')")
    finally:
        context.close()
    assert all(url.startswith(base_url) for url in requests)  # nothing fetched from elsewhere


def test_pages_with_pictures_have_no_serious_accessibility_violation(
        base_url: str, browser: object) -> None:
    axe = require_module("axe_playwright_python.sync_playwright")
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    found: dict[str, list[str]] = {}
    try:
        for path in PAGES:
            page.goto(base_url + path)
            result = axe.Axe().run(page, options={"resultTypes": ["violations"]}).response
            found[path] = [f"{v['id']} ({v['impact']}): {v['help']}"
                           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    finally:
        context.close()
    assert found == {path: [] for path in PAGES}
