"""The portfolio dashboard in Chromium (Playwright, headless), opened from disk.

Screenshots at desktop width and at 390 px go to artifacts/ for a person to look at;
axe-core finds no serious or critical violation; at 390 px nothing but a table's own
scroll box scrolls sideways; the page asks for nothing over the network and shows its
content with JavaScript switched off.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.workspace import require_module

require_module("playwright.sync_api")  # the browser tests need it, under CI=true too
axe_playwright = require_module("axe_playwright_python.sync_playwright")

SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
# Elements that stick out to the right of the viewport and are not inside a scroll box.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width + 1 && !e.closest('.scroll'))
    .map(e => e.tagName + '.' + e.className);
}"""


@pytest.fixture(scope="module")
def dashboard(portfolio_board: tuple[Path, dict[str, Any], int]) -> str:
    out, _, _ = portfolio_board
    return (out / "index.html").as_uri()



def offline_page(browser: Any, size: str, requested: list[str], **options: Any) -> Any:
    """A page whose every request other than the file itself is recorded and refused."""
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, **options)

    def route(handled: Any) -> None:
        if handled.request.url.startswith("file:"):
            handled.continue_()
        else:
            requested.append(handled.request.url)
            handled.abort()

    context.route("**/*", route)
    return context.new_page()


def serious_violations(page: Any) -> list[str]:
    result = axe_playwright.Axe().run(page, options={"resultTypes": ["violations"]}).response
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            f"{[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("size", list(SIZES))
def test_dashboard_screenshot_accessible_and_offline(browser: Any, dashboard: str, size: str,
                                                     artifacts: Path) -> None:
    requested: list[str] = []
    page = offline_page(browser, size, requested)
    try:
        page.goto(dashboard)
        page.wait_for_load_state("load")
        page.screenshot(path=str(artifacts / f"portfolio-{size}.png"), full_page=True)
        page.screenshot(path=str(artifacts / f"portfolio-{size}-first-screen.png"))
        assert (artifacts / f"portfolio-{size}.png").stat().st_size > 50_000
        assert serious_violations(page) == []
        for details in page.locator("details").all()[:4]:  # opened, the detail is checked too
            details.locator("summary").click()
        assert serious_violations(page) == []
        assert requested == []
        if size == "phone":
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            assert page.evaluate(OVERFLOW) == []
    finally:
        page.context.close()


def test_dashboard_reads_without_javascript(browser: Any, dashboard: str) -> None:
    requested: list[str] = []
    page = offline_page(browser, "phone", requested, java_script_enabled=False)
    try:
        page.goto(dashboard)
        text = page.locator("main").inner_text()
        assert "CRM replacement" in text and "Funding line: Fleet telematics" in text
        assert page.get_by_text("Cost is Red: the supplier's change request").is_visible()
        page.locator("details summary").first.click()  # a native disclosure, no script
        assert page.locator("details[open]").count() == 1
        assert requested == []
    finally:
        page.context.close()
