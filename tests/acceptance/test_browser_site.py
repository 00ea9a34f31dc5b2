"""The built site in Chromium (Playwright, headless), served on 127.0.0.1.

Search finds a standard by its id, by a word only found in one requirement and
by a word only found in one table cell; the Word download is a real .docx;
axe-core (bundled by axe-playwright-python) finds no serious or critical
violation; screenshots go to artifacts/.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from docx import Document

from generator.model import Handbook
from generator.pipeline.workspace import Workspace
from tests.support.workspace import require_module

require_module("playwright.sync_api")  # the browser tests need it, under CI=true too
axe_playwright = require_module("axe_playwright_python.sync_playwright")

SEARCH_INPUT = "input.md-search__input[data-md-component='search-query']"
RESULT = "li.md-search-result__item"
REQUIREMENT_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-[1-9][0-9]*$")




@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900},  # type: ignore[attr-defined]
                                  accept_downloads=True)
    opened = context.new_page()
    yield opened
    context.close()


# --- choosing words from the built pages ---------------------------------------------

@dataclass
class _Occurrence:
    page: str
    in_table: bool
    section: str


class _Words(HTMLParser):
    """Words of each page's article, with where they occur."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, list[_Occurrence]] = defaultdict(list)
        self.texts: dict[str, str] = defaultdict(str)
        self.page, self.depth, self.cells, self.section = "", 0, 0, ""

    def read(self, page: str, html: str) -> None:
        self.page, self.depth, self.cells, self.section = page, 0, 0, ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        elif self.depth and tag in ("td", "th"):
            self.cells += 1
        elif self.depth and tag in ("h1", "h2", "h3", "h4"):
            self.section = dict(attrs).get("id") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        elif self.depth and tag in ("td", "th"):
            self.cells -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            return
        self.texts[self.page] += " " + data.lower()
        for word in re.findall(r"[A-Za-z]{7,}", data):
            self.found[word.lower()].append(_Occurrence(self.page, self.cells > 0, self.section))


@pytest.fixture(scope="module")
def words(built: Workspace) -> _Words:
    collected = _Words()
    for path in sorted(built.site.rglob("index.html")):
        page = path.parent.relative_to(built.site).as_posix() + "/"
        collected.read("" if page == "./" else page, path.read_text(encoding="utf-8"))
    return collected


def _only_here(words: _Words, word: str, page: str, allowed: tuple[str, ...] = ()) -> bool:
    """`word` (and its stem-like prefix) appears on no other page's text."""
    stem = word[:-2]
    return not any(stem in text for other, text in words.texts.items()
                   if other != page and not other.startswith(allowed))


def requirement_only_word(words: _Words) -> tuple[str, str]:
    """A word found only inside one requirement of one policy (tailoring tables aside)."""
    for word, places in sorted(words.found.items()):
        pages = {p.page for p in places if not p.page.startswith("tailoring/")}
        if len(pages) != 1:
            continue
        (page,) = pages
        mine = [p for p in places if p.page == page]
        if page.startswith("policies/") and len({p.section for p in mine}) == 1 \
                and all(REQUIREMENT_ID.match(p.section) and not p.in_table for p in mine) \
                and _only_here(words, word, page, ("tailoring/",)):
            return word, page
    pytest.fail("no word occurs in just one requirement; the standards are too repetitive")


def table_only_word(words: _Words) -> tuple[str, str]:
    """A word found only inside table cells, on one page."""
    for word, places in sorted(words.found.items()):
        pages = {p.page for p in places}
        if len(pages) == 1 and all(p.in_table for p in places):
            (page,) = pages
            if not page.startswith(("tailoring/", "whats-new/")) and page \
                    and _only_here(words, word, page):
                return word, page
    pytest.fail("no word occurs only in the table cells of one page")


# --- search --------------------------------------------------------------------------

def search(page: object, base_url: str, query: str) -> list[str]:
    """Type `query` into the search box; return the result links (absolute paths)."""
    page.goto(base_url)  # type: ignore[attr-defined]
    box = page.locator(SEARCH_INPUT)  # type: ignore[attr-defined]
    box.click()
    box.press_sequentially(query)  # real key strokes, as a reader types
    page.wait_for_selector(RESULT, timeout=15000)  # type: ignore[attr-defined]
    page.wait_for_timeout(500)  # type: ignore[attr-defined]  # the results fade in
    meta = page.locator(".md-search-result__meta").inner_text()  # type: ignore[attr-defined]
    assert re.search(r"\d+ matching|1 matching", meta), meta
    links = page.locator(f"{RESULT} > a").evaluate_all(  # type: ignore[attr-defined]
        "links => links.map(a => a.getAttribute('href'))")
    return [urlsplit(urljoin(page.url, href)).path for href in links]  # type: ignore[attr-defined]


def open_first_result(page: object) -> str:
    page.locator(f"{RESULT} > a").first.click()  # type: ignore[attr-defined]
    page.wait_for_load_state("load")  # type: ignore[attr-defined]
    return urlsplit(page.url).path  # type: ignore[attr-defined]


def test_search_finds_a_standard_by_its_id(page: object, base_url: str,
                                           handbook: Handbook) -> None:
    policy = next(p for p in handbook.policies if not p.retired and "-" in p.id)
    results = search(page, base_url, policy.id)
    assert results[0] == f"/policies/{policy.id}/"
    assert open_first_result(page) == f"/policies/{policy.id}/"
    assert policy.title in page.locator("h1").inner_text()  # type: ignore[attr-defined]


def test_search_finds_a_standard_by_its_title(page: object, base_url: str,
                                              handbook: Handbook) -> None:
    artefact = max((a for a in handbook.artefacts if not a.retired),
                   key=lambda a: len(a.title))
    results = search(page, base_url, artefact.title)
    assert results[0] == f"/artefacts/{artefact.id}/", (artefact.title, results)


def test_search_finds_a_two_word_title_typed_key_by_key(page: object, base_url: str,
                                                         handbook: Handbook) -> None:
    """Every prefix typed ("change r", "change re" ...) is searched: none may fail."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)  # type: ignore[attr-defined]
    artefact = min((a for a in handbook.artefacts if not a.retired
                    and len(a.title.split()) == 2), key=lambda a: (len(a.title), a.id))
    results = search(page, base_url, artefact.title.lower())
    assert results[0] == f"/artefacts/{artefact.id}/", (artefact.title, results)
    assert not errors, errors


def _holds_phrase(text: str, phrase: str) -> bool:
    """`phrase`'s words one after the other in `text`, any punctuation between them; the
    last may go on, as search reads it ("stage gate" is in "stage-gates")."""
    pattern = r"[^\w]+".join(re.escape(w) for w in phrase.lower().split())
    return re.search(rf"(?<!\w){pattern}", text) is not None


def test_a_multi_word_term_lists_the_pages_holding_it_as_a_phrase_first(
        page: object, base_url: str, handbook: Handbook, words: _Words) -> None:
    """The glossary term whose words are most often found apart: every page holding the
    term itself is listed before any page holding only its words."""
    def apart(term: str) -> int:
        parts = term.lower().split()
        return sum(1 for text in words.texts.values()
                   if all(p in text for p in parts) and not _holds_phrase(text, term))

    def holding(term: str) -> int:
        return sum(1 for text in words.texts.values() if _holds_phrase(text, term))
    # Few pages hold it (all fit on the first screen of results), many hold its words.
    terms = [t.term for t in handbook.terms if re.fullmatch(r"[A-Za-z]+ [A-Za-z]+", t.term)
             and 1 <= holding(t.term) <= 5]
    term = max(terms, key=lambda t: (apart(t), t))
    results = list(dict.fromkeys(search(page, base_url, term)))  # a page's sections follow it
    held = [_holds_phrase(words.texts[path.lstrip("/")], term) for path in results]
    assert True in held and False in held, (term, results)  # the order is put to the test
    assert held == sorted(held, reverse=True), (term, list(zip(results, held, strict=True)))


def test_search_index_keys_cannot_collide(page: object, base_url: str) -> None:
    """lunr keys token-set nodes by edge label + node id; with digits as labels an edge "1"
    to node 23 and "5" to node 6 read like "1" to 2 and "3" to 56, and merging them puts
    words in the set that the index lacks (searches then fail). Our worker keys them apart."""
    search(page, base_url, "risk")
    (worker,) = page.workers  # type: ignore[attr-defined]
    keys = worker.evaluate("""() => {
        const node = (edges) => { const n = new lunr.TokenSet(); n.edges = edges; return n; };
        const id = (value) => { const n = new lunr.TokenSet(); n.id = value; return n; };
        return [node({"1": id(23), "5": id(6)}).toString(),
                node({"1": id(2), "3": id(56)}).toString()];
    }""")
    assert keys[0] != keys[1], keys


def test_search_finds_a_hyphenated_requirement_id_whole(page: object, base_url: str,
                                                        handbook: Handbook) -> None:
    policy = next(p for p in handbook.policies if not p.retired and len(p.requirements) >= 3)
    requirement = policy.requirements[2]
    results = search(page, base_url, requirement.id)
    assert results[0] == f"/policies/{policy.id}/"
    first = page.locator(f"{RESULT} a").evaluate_all(  # type: ignore[attr-defined]
        "links => links.map(a => a.getAttribute('href'))")
    assert any(h.endswith(f"#{requirement.id}") for h in first[:3]), first


@pytest.mark.parametrize("find_word", [requirement_only_word, table_only_word],
                         ids=["word-only-in-a-requirement", "word-only-in-a-table-cell"])
def test_search_finds_a_word_found_in_one_place(
        page: object, base_url: str, words: _Words,
        find_word: Callable[[_Words], tuple[str, str]]) -> None:
    word, where = find_word(words)
    results = search(page, base_url, word)
    assert results[0] == f"/{where}", (word, results)
    assert open_first_result(page) == f"/{where}"


# --- downloads, screenshots, accessibility -------------------------------------------

def test_word_download_is_a_valid_docx(page: object, base_url: str, handbook: Handbook,
                                       tmp_path: Path) -> None:
    artefact = next(a for a in handbook.artefacts if not a.retired)
    page.goto(f"{base_url}artefacts/{artefact.id}/")  # type: ignore[attr-defined]
    with page.expect_download() as download:  # type: ignore[attr-defined]
        page.get_by_role("link", name="Download the Word template").click()  # type: ignore[attr-defined]
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == f"{artefact.id}.docx"
    text = "\n".join(p.text for p in Document(str(saved)).paragraphs)
    assert artefact.title in text


def test_screenshots_for_review(page: object, base_url: str, handbook: Handbook,
                                artifacts: Path) -> None:
    policy = next(p for p in handbook.policies if not p.retired)
    shots = {"site-home.png": "", f"site-policy-{policy.id}.png": f"policies/{policy.id}/"}
    for name, path in shots.items():
        page.goto(base_url + path)  # type: ignore[attr-defined]
        page.screenshot(path=str(artifacts / name), full_page=False)  # type: ignore[attr-defined]
        assert (artifacts / name).stat().st_size > 10_000
    dark = page.context.browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1280, "height": 900}, color_scheme="dark")
    try:
        reader = dark.new_page()
        reader.goto(f"{base_url}policies/{policy.id}/")
        assert reader.locator("body").get_attribute("data-md-color-scheme") == "slate"
        reader.screenshot(path=str(artifacts / f"site-policy-{policy.id}-dark.png"))
    finally:
        dark.close()


def serious_violations(page: object) -> list[str]:
    result = axe_playwright.Axe().run(page, options={"resultTypes": ["violations"]}).response
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            f"{[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_accessibility_home_policy_and_search(page: object, base_url: str,
                                              handbook: Handbook) -> None:
    policy = next(p for p in handbook.policies if not p.retired)
    found: dict[str, list[str]] = {}
    for path in ("", f"policies/{policy.id}/"):
        page.goto(base_url + path)  # type: ignore[attr-defined]
        found[path or "home"] = serious_violations(page)
    search(page, base_url, policy.requirements[0].id)
    found["search results"] = serious_violations(page)
    assert found == {"home": [], f"policies/{policy.id}/": [], "search results": []}
