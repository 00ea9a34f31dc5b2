"""One page of every kind and view of the built site, in Chromium at 1280 px and at a
390 px phone: a screenshot of each for review (artifacts/pages/), nothing sticking out
sideways outside a table's own scroll box, no markup left raw in the text, and a glossary
that is one definition list deep."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator.model import Handbook, page_url_path
from generator.pipeline.workspace import Workspace

SIZES = {"desktop": (1280, 900), "phone": (390, 844)}

# Elements reaching past the right edge of the viewport, outside a box that scrolls on its
# own (a table's wrapper, a code block) and outside what the theme hides off-screen (the
# drawer, the search overlay).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const verdict = e => {
    for (let n = e.parentElement; n; n = n.parentElement) {
      const style = getComputedStyle(n);
      if (style.display === 'none' || style.visibility === 'hidden') return null;
      if (style.overflowX === 'visible' || n.getBoundingClientRect().right > width + 1) continue;
      if (style.overflowX === 'auto' || style.overflowX === 'scroll') return null;
      return style.textOverflow === 'ellipsis' ? null : 'cut off';
    }
    return 'sticks out';
  };
  return [...document.querySelectorAll('.md-main *, .md-header *, .md-footer *')]
    .filter(e => e.getBoundingClientRect().right > width + 1)
    .filter(e => !e.closest('.md-sidebar, .md-search'))
    .map(e => [verdict(e), e])
    .filter(([v]) => v)
    .map(([v, e]) => `${v}: ${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`
                     + ` "${(e.textContent || '').trim().slice(0, 40)}"`);
}"""

# Markup a reader should never see: an icon shortcode, a Markdown table rule, bold or code
# markers that were not rendered.
RAW_MARKUP = [
    (re.compile(r":[a-z0-9]+(?:-[a-z0-9]+)+:"), "icon shortcode"),
    (re.compile(r"\|\s*-{3,}\s*\|"), "Markdown table rule"),
    (re.compile(r"\*\*"), "bold marker"),
    (re.compile(r"`"), "backtick"),
]


def page_kinds(handbook: Handbook) -> dict[str, str]:
    """A name for each kind and view of page, and its path below the site."""
    def first(kind: str) -> str:
        return page_url_path(next(s for s in handbook.of_kind(kind) if s.in_force))
    kinds = {"home": "", "start-here": "start-here/project-manager/",
             "start-here-sponsor": "start-here/sponsor/", "pmo-section": "pmo/",
             "tailoring": "tailoring/", "tier": "tailoring/tier-2/",
             "pmo-type": f"tailoring/{handbook.settings.pmo_type}/",
             "pmo-duties": "tailoring/pmo/", "whats-new": "whats-new/"}
    for kind in ("charter", "framework", "policy", "artefact", "role", "glossary", "faq"):
        kinds[kind] = first(kind)
    for index in ("framework/", "policies/", "artefacts/", "roles/"):
        kinds[f"index-{index.strip('/')}"] = index
    return kinds




@pytest.fixture(scope="module")
def shots(artifacts: Path) -> Path:
    folder = artifacts / "pages"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.mark.parametrize("size", list(SIZES))
def test_every_kind_of_page_reads_at_this_width(browser: Any, base_url: str, handbook: Handbook,
                                                built: Workspace, shots: Path,
                                                size: str) -> None:
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    problems: dict[str, list[str]] = {}
    try:
        for name, path in page_kinds(handbook).items():
            assert (built.site / path / "index.html").is_file(), path
            page.goto(base_url + path, wait_until="load")
            page.screenshot(path=str(shots / f"{name}-{size}.png"))
            found = list(page.evaluate(OVERFLOW))
            text = page.locator("article").inner_text()
            found += [f"{what}: ...{text[max(0, m.start() - 30):m.end() + 30]!r}"
                      for pattern, what in RAW_MARKUP for m in pattern.finditer(text)]
            if found:
                problems[path] = found[:5]
        page.goto(base_url + "?q=" + "change request".replace(" ", "+"))
        page.wait_for_selector("li.md-search-result__item", timeout=15000)
        page.screenshot(path=str(shots / f"search-results-{size}.png"))
        if page.evaluate(OVERFLOW):
            problems["search results"] = page.evaluate(OVERFLOW)[:5]
    finally:
        context.close()
    assert problems == {}


def test_the_glossary_is_one_definition_list_deep(browser: Any, base_url: str,
                                                  handbook: Handbook) -> None:
    page = browser.new_page()
    try:
        page.goto(base_url + page_kinds(handbook)["glossary"])
        lists = page.locator("article dl")
        assert lists.count() >= 1
        assert page.locator("article dl dl").count() == 0
        terms = page.locator("article dl:not(.pmo-card) dt").count()
        assert terms == len(handbook.terms)
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height < 200 * len(handbook.terms), height  # not one character wide
    finally:
        page.close()


@pytest.mark.parametrize("path", ["whats-new/", "policies/", "artefacts/", "roles/"])
def test_on_a_phone_a_wide_list_reads_as_one_card_per_row(browser: Any, base_url: str,
                                                          path: str) -> None:
    """Every column of a change or a standard matters: on a phone each row is a card, each
    cell on screen and led by its column's name (the first cell heads the card)."""
    width, height = SIZES["phone"]
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(base_url + path)
        cells = page.evaluate("""() => [...document.querySelectorAll('article .pmo-stack td')]
            .filter(td => td.textContent.trim())
            .map(td => [td.getBoundingClientRect().right, td.dataset.label, td.cellIndex,
                        getComputedStyle(td, '::before').content])""")
        assert len({label for _, label, _, _ in cells}) >= 4
        assert [c for c in cells if c[0] > width] == []
        assert all(before == (f'"{label}"' if index else "none")
                   for _, label, index, before in cells)
    finally:
        page.close()
