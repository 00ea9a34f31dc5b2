"""Generated pages rendered by mkdocs without a Markdown parse of their HTML blocks.

A generated page (it starts with `html_blocks.MARKER`) is Markdown headings between
one-line blocks of final HTML. mkdocs' `Page.render` builds a new Python-Markdown
instance for every page and runs the whole page through it: at 2,000 standards that is
two fifths of the site build, although only the headings need Markdown. Here the
headings alone go through Python-Markdown, in one instance per build with the site's
extensions and mkdocs' own page treeprocessors (ids, permalinks, glossary
abbreviations, table of contents, title, anchors, links), and the page is assembled
from them and the HTML blocks exactly as Python-Markdown would have joined them.

A page in any other shape (a line that is neither a heading, a blank line nor a whole
HTML block) is left to `Page.render`. mkdocs' page internals are used, so this runs
only with the mkdocs versions it was checked against (`FOR_MKDOCS`); the unit tests
compare its pages with `Page.render`'s byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import (
    Page,
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
)
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import get_data

from generator.shared.parallel import map_halves, site_share_from
from generator.site.html_blocks import MARKER, block_ids, stored_blocks

FOR_MKDOCS = ("1.6.",)  # the mkdocs versions whose Page.render this was compared with
_HEADING = re.compile(r"#{1,6}")
_LINK_IN_HEADING = re.compile(r"^#.*[\[<]", re.M)
_MARKER_WITHIN = 2000  # characters from the start of a page: front matter, then the marker


@dataclass(frozen=True, slots=True)
class Rendered:
    """A generated page as `Page.render` leaves it."""

    source: str                  # the Markdown it was rendered from
    content: str
    toc: list[Any]               # Python-Markdown's toc tokens
    title: str | None            # of the first heading, when it is an h1
    ids: frozenset[str]          # the anchors the page holds
    links: dict[str, dict[str, str]]  # links to anchors of other pages, by their src_uri


class Prerenderer:
    """One per build: renders the generated pages of that build's config."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.md = markdown.Markdown(extensions=config["markdown_extensions"],
                                    extension_configs=config["mdx_configs"] or {})
        self.title = _ExtractTitleTreeprocessor()
        self.title._register(self.md)
        self.ready: dict[str, Rendered] = {}

    def prepare(self, files: Files) -> None:
        """Render every generated page ahead, over two processes on a large site. A page
        with a link in a heading is left to its turn: mkdocs' warnings about it must
        come from this process."""
        todo = []
        for file in files.documentation_pages():
            source = file.content_string if file.abs_src_path else ""
            if MARKER in source[:_MARKER_WITHIN]:
                body = get_data(source)[0]
                if not _LINK_IN_HEADING.search(body):
                    todo.append((file.src_uri, body))

        def render(items: Sequence[tuple[str, str]]) -> list[Rendered | None]:
            return [self.rendered(files.get_file_from_path(uri), files, body)
                    for uri, body in items]

        done = map_halves(render, todo, minimum=site_share_from())
        self.ready = {uri: r for (uri, _), r in zip(todo, done, strict=True) if r is not None}

    def renderer(self, page: Page, files: Files, text: str) -> Callable[..., None] | None:
        """What renders `page` (its Markdown `text`) in place of `Page.render`, or None
        when the page is not a generated one in the shape this reads."""
        rendered = self.ready.pop(page.file.src_uri, None)
        if rendered is None or rendered.source != text:
            rendered = self.rendered(page.file, files, text)
        if rendered is None:
            return None

        def render(config: MkDocsConfig, files: Files) -> None:
            page.content = rendered.content
            page.toc = get_toc(rendered.toc)
            page._title_from_render = rendered.title
            page.present_anchor_ids = set(rendered.ids)
            page.links_to_anchors = {files.get_file_from_path(uri): links  # type: ignore[misc]
                                     for uri, links in rendered.links.items()}

        return render

    def rendered(self, file: File | None, files: Files, text: str) -> Rendered | None:
        """`text`, the Markdown of generated page `file`, rendered; None when it is not
        in the shape of a generated page."""
        parts = split(text, self.md.is_block_level)
        if parts is None or file is None:
            return None
        md = self.md
        md.reset()
        self.title.title = None
        raw_html = _RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = _ExtractAnchorsTreeprocessor(file, files, self.config)
        anchors._register(md)
        links = _RelativePathTreeprocessor(file, files, self.config)
        links._register(md)
        headings = [part for is_heading, part in parts if is_heading]
        html = md.convert("\n\n".join(headings)).split("\n") if headings else []
        if len(html) != len(headings):  # a heading that did not render as one line
            return None
        lines = iter(html)
        content = "\n".join(next(lines) if is_heading else part
                            for is_heading, part in parts).strip()
        ids = anchors.present_anchor_ids | raw_html.present_anchor_ids \
            | block_ids(part for is_heading, part in parts if not is_heading)
        return Rendered(source=text, content=content, toc=list(getattr(md, "toc_tokens", [])),
                        title=self.title.title, ids=frozenset(ids),
                        links={f.src_uri: dict(v) for f, v in links.links_to_anchors.items()})


def split(text: str, is_block_level: Callable[[str], bool]) -> list[tuple[bool, str]] | None:
    """A generated page as its headings (True, the Markdown line) and its HTML blocks
    (False, the block as Python-Markdown's output holds it), in order; None when `text`
    is not a generated page or has a line that is neither."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != MARKER:
        return None
    lines = lines[:first] + lines[first + 1:]
    parts: list[tuple[bool, str]] = []
    last = len(lines) - 1
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if _HEADING.match(line):
            parts.append((True, line))
            continue
        blocks = stored_blocks(lines, i, last, is_block_level)
        if blocks is None:
            return None
        parts.extend((False, block) for block in blocks)
    return parts

