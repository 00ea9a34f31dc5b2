"""The site's navigation: how project managers look for things, then the PMO's pages.

Kinds come in the registry's order; a large section is split into nested groups so a
pruned page carries a few dozen links, not every standard. Labels built from the
standards' titles are HTML-escaped: the theme prints them as they are.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from generator.model import KINDS, Handbook, Standard, page_path
from generator.shared.markup import plain_text, title_html
from generator.site.plain_text import html_text

# A section with more pages than NAV_GROUP_SIZE is split into nested groups (see
# group_pages), so that a pruned page carries a few dozen navigation links, not all.
NAV_GROUP_SIZE = 40
NAV_FANOUT = 20
START_HERE_ORDER = ("index.md", "project-manager.md", "sponsor.md", "pmo.md")
FOR_PMO_ORDER = ("index.md", "edit-a-standard.md", "validate.md", "preview.md", "release.md")

NavItem = str | dict[str, Any]


def of_kind(handbook: Handbook, kind: str) -> tuple[Standard, ...]:
    """The standards of one kind in reading order: pillars by number, others by title."""
    found = handbook.of_kind(kind)
    order_by = KINDS[kind].order_by
    if order_by:
        return tuple(sorted(found, key=lambda s: (getattr(s, order_by), s.id)))
    return tuple(sorted(found, key=lambda s: (s.title.casefold(), s.id)))


def has_index(handbook: Handbook, kind: str) -> bool:
    """Kinds with many pages get an index; a single glossary, FAQ or charter does not."""
    return KINDS[kind].always_indexed or len(of_kind(handbook, kind)) > 1


def navigation(handbook: Handbook, docs_dir: Path, kinds: Sequence[str],
         tailoring: list[str]) -> list[NavItem]:
    """The navigation: how project managers look for things, then the PMO's own pages."""
    nav: list[NavItem] = ["index.md"]
    start = _hand_written(docs_dir, "start-here", START_HERE_ORDER)
    if start:
        nav.append({"Start here": start})
    for kind in kinds:
        nav.append(_kind_nav(handbook, kind))
        if kind == "artefact":
            nav.append({"Tailoring": tailoring})
    if "artefact" not in kinds:
        nav.append({"Tailoring": tailoring})
    nav.append({"What's new": "whats-new/index.md"})
    for_pmo = _hand_written(docs_dir, "pmo", FOR_PMO_ORDER)
    if for_pmo:
        nav.append({"For the PMO": for_pmo})
    known = {"index.md"} | {f"start-here/{p}" for p in start} | set(for_pmo)
    nav.extend(p for p in _other_pages(docs_dir, known))
    return nav


def _kind_nav(handbook: Handbook, kind: str) -> NavItem:
    pages = [page_path(s) for s in of_kind(handbook, kind) if not s.retired]
    title = KINDS[kind].section_title
    if not has_index(handbook, kind):
        return {title: pages[0]} if len(pages) == 1 else {title: pages}
    index = f"{KINDS[kind].folder}/index.md"
    titles = {page_path(s): plain_text(title_html(s.title)) for s in of_kind(handbook, kind)}
    return {title: [index, *group_pages(pages, titles)]}


def group_pages(pages: Sequence[str], titles: dict[str, str]) -> list[NavItem]:
    """Pages as nested groups of about the same size, each level at most NAV_FANOUT wide.

    A section up to NAV_GROUP_SIZE pages stays flat. Larger ones get L levels with
    NAV_FANOUT**L >= pages, so a pruned page carries about L * pages**(1/L) links.
    """
    if len(pages) <= NAV_GROUP_SIZE:
        return list(pages)
    levels = 2
    while NAV_FANOUT ** levels < len(pages):
        levels += 1
    return _split(pages, titles, levels)


def _split(pages: Sequence[str], titles: dict[str, str], levels: int) -> list[NavItem]:
    if levels == 1:
        return list(pages)
    size = math.ceil(len(pages) ** ((levels - 1) / levels))
    return [{_group_label(titles[chunk[0]], titles[chunk[-1]]):
             _split(chunk, titles, levels - 1)}
            for chunk in (pages[i:i + size] for i in range(0, len(pages), size))]


def _group_label(first: str, last: str, width: int = 18) -> str:
    def cut(text: str) -> str:
        return text if len(text) <= width else text[:width - 1].rstrip() + "…"
    return html_text(f"{cut(first)} – {cut(last)}")  # printed as it is by the theme


def _hand_written(docs_dir: Path, folder: str, order: Iterable[str]) -> list[str]:
    """Markdown pages in docs/<folder>, in the preferred order, then by name."""
    found = sorted(p.name for p in (docs_dir / folder).glob("*.md"))
    preferred = [n for n in order if n in found]
    return [f"{folder}/{n}" for n in preferred + [n for n in found if n not in preferred]]


def _other_pages(docs_dir: Path, known: set[str]) -> list[str]:
    """Hand-written pages outside the known folders, appended to the navigation."""
    generated = {k.folder for k in KINDS} | {"tailoring", "whats-new", "downloads"}
    pages = []
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if rel in known or rel.split("/")[0] in generated | {"start-here", "pmo"}:
            continue
        pages.append(rel)
    return pages
