"""The mkdocs engine's plugin (`pmo` in the generated config): what makes the theme and
the search index cheap at 2,000 standards, leaving every byte of the site as it was.

- `on_config`: Material's search reads pages with FastParser (generator.site.search_parser)
  instead of html.parser, when the installed Material is one it was checked against.
- `on_page_markdown`: a generated page is rendered by generator.site.prerender (its
  headings through Python-Markdown, its HTML blocks as they are) instead of
  `Page.render`, when the installed mkdocs is one it was checked against.
- `on_env`: the theme's navigation memo (templates/site/overrides/partials/nav-item.html):
  an empty memo per build, and `pmo_nav_key(page)`, what a navigation link's relative
  address depends on for that page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from material import __version__ as material_version
from mkdocs import __version__ as mkdocs_version
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.site import prerender, search_parser
from generator.site.page_halves import PageHalves
from generator.site.prerender import Prerenderer

# Material versions whose search Parser FastParser was compared against, byte for byte
SEARCH_PARSER_FOR = ("9.6.", "9.7.", "9.8.")

log = logging.getLogger("mkdocs.plugins.pmo")


class PmoPlugin(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
    prerenderer: Prerenderer | None = None
    prerendering = False
    nav: Navigation | None = None
    share_pages = True  # the live preview keeps every page's search entries: one process
    halves: PageHalves | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if checked("Material for MkDocs", material_version, SEARCH_PARSER_FOR,
                   "its search reads pages with html.parser"):
            search_parser.install()
        self.prerendering = checked("mkdocs", mkdocs_version, prerender.FOR_MKDOCS,
                                    "every page goes through Python-Markdown")
        self.prerenderer = None
        return config

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        if self.prerendering:
            self.prerenderer = prerender.Prerenderer(config)
            self.prerenderer.prepare(files)
        return nav

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        if self.prerenderer is not None:
            render = self.prerenderer.renderer(page, files, markdown)
            if render is not None:
                page.render = render  # type: ignore[method-assign]
            else:  # read again (the live preview): mkdocs' own rendering
                page.__dict__.pop("render", None)
        return markdown

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        env.globals["pmo_nav_memo"] = {}
        env.globals["pmo_nav_key"] = nav_key(files.documentation_pages())
        self.halves = PageHalves()
        if self.prerendering and self.nav is not None and self.share_pages:
            self.halves.start(config, files, self.nav, env)
        return env

    def on_page_context(self, context: Any, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> Any:
        if self.halves is not None:
            self.halves.reached(page, config)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.halves is not None:
            self.halves.close()
            self.halves = None


def checked(program: str, version: str, written_for: tuple[str, ...], otherwise: str) -> bool:
    """Whether the installed `version` of `program` is one a shortcut was written for;
    if not, a one-line notice says the build goes the slower, plain way."""
    if version.startswith(written_for):
        return True
    log.info("pmo: %s %s is not a version this build's shortcut was checked against "
             "(%s); %s, which is slower but the same site", program, version,
             ", ".join(v + "x" for v in written_for), otherwise)
    return False


def _folder_url(url: str) -> str:
    return "" if url in ("./", ".") else url


def nav_key(pages: Sequence[File]) -> Callable[[Any], str]:
    """What the relative address of a navigation link depends on, for the page being
    rendered: the page's folder, or the page itself when other pages lie below its
    address (a section's index page)."""
    urls = [_folder_url(f.url) for f in pages]
    prefixes: set[str] = set()
    for url in urls:  # every folder above a page's address
        parts = url.rstrip("/").split("/")[:-1] if url else []
        for i in range(len(parts) + 1):
            prefixes.add("/".join(parts[:i]) + ("/" if i else ""))
    containers = {url for url in urls if url in prefixes}

    def key(page: Any) -> str:
        url = _folder_url(page.url)
        if url in containers or ("/" not in url.rstrip("/") and not url.endswith("/")):
            return "=" + url
        return "/" + url.rstrip("/").rpartition("/")[0]

    return key
