"""Addresses of the site's pages, relative to the page that links to them.

Generated pages are HTML that mkdocs does not rewrite, so for mkdocs their links are
written as the final addresses: with directory URLs, `policies/risk.md` is served at
`policies/risk/` (`relative_url`). Zensical rewrites links in HTML as it does Markdown
links, from the source file: for it they name the source (`source_url`).
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
    relative = _relative_path(there or ".", base.rstrip("/") or ".")
    address = relative + "/" if there.endswith("/") and relative != "." else \
        ("./" if relative == "." else relative)
    return f"{address}#{anchor}" if anchor else address


@functools.lru_cache(maxsize=65536)
def source_url(page: str, target: str) -> str:
    """`target` (a path below docs/, maybe with an #anchor) as a link from the source file
    `page`: `../roles/pmo-lead.md`."""
    path, hash_, anchor = target.partition("#")
    relative = _relative_path(path, posixpath.dirname(page) or ".")
    return relative + hash_ + anchor


def _relative_path(target: str, start: str) -> str:
    """posixpath.relpath for two paths from the site's root, without asking the file
    system for the current folder (a link on every page makes that the cost)."""
    to = [p for p in target.split("/") if p and p != "."]
    at = [p for p in start.split("/") if p and p != "."]
    common = 0
    for a, b in zip(to, at, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


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
