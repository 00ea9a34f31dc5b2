"""The mkdocs engine's plugin (`pmo` in the generated config): what makes the theme and
the search index cheap at 2,000 standards, leaving every byte of the site as it was.

- `on_config`: Material's search reads pages with FastParser (generator.site.search_parser)
  instead of html.parser, when the installed Material is one it was checked against.
- `on_env`: the theme's navigation memo (templates/site/overrides/partials/nav-item.html):
  an empty memo per build, and `pmo_nav_key(page)`, what a navigation link's relative
  address depends on for that page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

# Material versions whose search Parser FastParser was compared against, byte for byte
SEARCH_PARSER_FOR = ("9.6.", "9.7.", "9.8.")

log = logging.getLogger("mkdocs.plugins.pmo")


class PmoPlugin(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        from material import __version__ as material_version

        if material_version.startswith(SEARCH_PARSER_FOR):
            from generator.site import search_parser

            search_parser.install()
        return config

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        env.globals["pmo_nav_memo"] = {}
        env.globals["pmo_nav_key"] = nav_key(files.documentation_pages())
        return env


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
