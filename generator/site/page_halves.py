"""mkdocs' page loop shared with a second process, on a large site.

Once every page is read and rendered (`on_env`, the last event before mkdocs themes
and writes the pages one by one), a forked child themes and writes the second half of
the pages with mkdocs' own `_build_page`, while this process does the first half. In
this process the child's pages then take an empty template (mkdocs writes no file for
an empty page) and are left out of search; when this process reaches the first of
them, it adds the child's search entries where its own would have been, so the search
index is the one a single process writes. A warning the child logged is logged here
too, so that `--strict` still fails on it.

mkdocs' `_build_page` is private: this runs only with the mkdocs versions the
prerenderer was checked against (generator.site.prerender.FOR_MKDOCS).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import jinja2
from mkdocs.commands.build import _build_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.shared.parallel import in_child, site_share_from

ELSEWHERE = "pmo-built-elsewhere.html"  # the empty template of the child's pages
_SKIPPED = "Page skipped: "  # what mkdocs says of a page with empty output

log = logging.getLogger("mkdocs.plugins.pmo")


class PageHalves:
    """One per build: the child's pages and, once it is done, what it found."""

    def __init__(self) -> None:
        self.first: Page | None = None
        self.elsewhere: set[str] = set()
        self.wait: Callable[[], tuple[list[Any], list[str]]] | None = None

    def start(self, config: MkDocsConfig, files: Files, nav: Navigation,
              env: jinja2.Environment) -> None:
        """Start the child on the second half of the pages (not for a small site)."""
        doc_files = files.documentation_pages()
        pages = [f.page for f in doc_files if f.page is not None]
        search = search_index(config)
        if len(pages) < site_share_from() or search is None:
            return
        half = pages[len(pages) // 2:]

        def build_second_half() -> tuple[list[Any], list[str]]:
            with Warnings() as warnings:
                start = len(search.entries)
                for page in half:
                    _build_page(page, config, doc_files, nav, env,
                                excluded=page.file.inclusion.is_excluded())
            return search.entries[start:], warnings.messages

        self.wait = in_child(build_second_half)
        if self.wait is None:
            return
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({ELSEWHERE: ""}),
                                          *([env.loader] if env.loader else [])])
        for page in half:
            page.meta = {**page.meta, "template": ELSEWHERE, "search": {"exclude": True}}
        self.first = half[0]
        self.elsewhere = {page.file.src_uri for page in half}
        logging.getLogger("mkdocs.commands.build").addFilter(self._quiet)
        log.info("pmo: %d of the %d pages are themed and written by a second process",
                 len(half), len(pages))

    def reached(self, page: Page, config: MkDocsConfig) -> None:
        """Called for every page as this process comes to it: at the first of the
        child's pages, take the child's search entries and warnings."""
        if page is not self.first or self.wait is None:
            return
        entries, warnings = self.wait()
        self.wait = None
        search = search_index(config)
        assert search is not None
        search.entries.extend(entries)
        for message in warnings:
            log.warning(message)

    def _quiet(self, record: logging.LogRecord) -> bool:
        """mkdocs' note on a page it wrote no file for, left out for the child's pages."""
        message = record.getMessage()
        if not message.startswith(_SKIPPED):
            return True
        quoted = message[len(_SKIPPED):].split("'")
        return len(quoted) < 2 or quoted[1] not in self.elsewhere

    def close(self) -> None:
        logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet)


def search_index(config: MkDocsConfig) -> Any:
    """Material's search index of this build, or None without Material's search."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return getattr(plugin, "search_index", None)


class Warnings(logging.Handler):
    """The warnings mkdocs logs while it is in use (`with Warnings() as caught`)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def __enter__(self) -> Warnings:
        logging.getLogger("mkdocs").addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("mkdocs").removeHandler(self)
