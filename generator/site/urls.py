"""Built addresses of the site's pages, relative to the page that links to them.

Generated pages are HTML that mkdocs does not rewrite, so their links are written as
the final addresses: with directory URLs, `policies/risk.md` is served at `policies/risk/`.
"""

from __future__ import annotations

import functools
import posixpath


@functools.lru_cache(maxsize=65536)
def relative_url(page: str, target: str, directory_urls: bool = True) -> str:
    """The address of `target` (a path below docs/) as a link from `page` (another one)."""
    target, _, anchor = target.partition("#")
    here, there = built_url(page, directory_urls), built_url(target, directory_urls)
    base = here if here.endswith("/") else posixpath.dirname(here) + "/"
    relative = posixpath.relpath(there or ".", base.rstrip("/") or ".")
    address = relative + "/" if there.endswith("/") and relative != "." else \
        ("./" if relative == "." else relative)
    return f"{address}#{anchor}" if anchor else address


def built_url(path: str, directory_urls: bool = True) -> str:
    """The address a page below docs/ is served at, from the site's root."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    if "." in posixpath.basename(path) and not path.endswith(".md"):
        return path  # a file (a download): served as it is
    return stem + "/"
