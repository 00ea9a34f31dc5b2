"""A Python-Markdown extension: the generated pages' HTML blocks pass through unparsed.

A generated page is Markdown headings between one-line blocks of HTML that the site
renderer has already made safe and final (`generator.site.html_parts.html_block`).
Python-Markdown would still read every such block with `html.parser` (md_in_html's
raw-HTML preprocessor, and mkdocs' anchor scan), which at 2,000 standards is most of
the site build. This extension stores each of those blocks in Python-Markdown's HTML
stash before any other preprocessor reads the page, exactly as the raw-HTML
preprocessor would have stored it: the output is the same, without the parsing.

It acts only on a page whose first line is `MARKER` (the site renderer writes it into
the pages it generates, never into hand-written ones), and on a line only when it is a
whole block: a blank line before and after, a block-level element first, and no
`markdown` attribute. The ids the blocks carry are added to the anchors mkdocs found,
so a link to one of them (a glossary term) still validates.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

MARKER = "<!-- pmo:html-blocks -->"
# Before the raw-HTML preprocessors (mkdocs' anchor scan 21, html_block 20), after
# snippets (32, which appends the glossary abbreviations) and whitespace (30).
PRIORITY = 25
_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_ID = re.compile(r'\sid="([^"]*)"')
_MARKDOWN_ATTRIBUTE = re.compile(r"\smarkdown\b")
_SPACES = re.compile(r"[ ]*")
_MKDOCS_ANCHORS = "mkdocs_raw_html"  # mkdocs' preprocessor that collects raw HTML ids


def top_level(line: str, is_block_level: Callable[[str], bool]) -> list[str] | None:
    """The top-level elements of a line of HTML, each as its text, when the line is
    nothing else (white space between them aside) and every one is block-level; else
    None, and the line is left to Python-Markdown."""
    if "<!" in line or "<?" in line:
        return None
    first = _TAG.match(line)
    if first is None or first.group(1):
        return None
    name = first.group(2)
    if line.endswith(f"</{name}>") and line.count(f"<{name}") == 1 \
            and line.count(f"</{name}") == 1 and is_block_level(name.lower()) \
            and name.lower() not in _RAW_TEXT and not _MARKDOWN_ATTRIBUTE.search(line):
        return [line]  # one element, the common case: nothing of its kind inside it
    parts: list[str] = []
    depth = start = end = 0
    for match in _TAG.finditer(line):
        closing, name, attributes = match.group(1), match.group(2).lower(), match.group(3)
        if depth == 0:
            if closing or line[end:match.start()].strip() or not is_block_level(name) \
                    or name in _RAW_TEXT or name in _VOID:
                return None
            start = match.start()
        if _MARKDOWN_ATTRIBUTE.search(attributes) or name in _RAW_TEXT:
            return None
        if name in _VOID or attributes.endswith("/"):
            continue
        depth += -1 if closing else 1
        if depth < 0:
            return None
        if depth == 0:
            end = match.end()
            parts.append(line[start:end])
    if depth or not parts or line[end:].strip():
        return None
    return parts


_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "pre"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})


def stored_blocks(lines: list[str], i: int, last: int,
                  is_block_level: Callable[[str], bool]) -> list[str] | None:
    """The HTML blocks of line `i` of a generated page as Python-Markdown's raw-HTML
    parser stores them (one per top-level element, the last keeping the blank line that
    follows it), or None when the line is not whole blocks after a blank line."""
    line = lines[i]
    if not line.startswith("<") or (i and lines[i - 1].strip()):
        return None
    parts = top_level(line, is_block_level)
    if parts is None:
        return None
    blank_after = i + 2 <= last and _SPACES.fullmatch(lines[i + 1]) is not None
    if blank_after:
        parts[-1] += "\n"
    return parts


def block_ids(blocks: Iterable[str]) -> set[str]:
    """The ids the HTML blocks carry (a link to one of them must validate)."""
    return {found for block in blocks if 'id="' in block for found in _ID.findall(block)}


class _StashBlocks(Preprocessor):
    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.ids: set[str] = set()

    def run(self, lines: list[str]) -> list[str]:
        self.ids = set()
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None or lines[first].strip() != MARKER:
            return lines
        lines = lines[:first] + lines[first + 1:]
        last = len(lines) - 1
        for i in range(len(lines)):
            blocks = stored_blocks(lines, i, last, self.md.is_block_level)
            if blocks is None:
                continue
            self.ids |= block_ids(blocks)
            stored = [self.md.htmlStash.store(block) for block in blocks]
            lines[i] = "\n\n".join(stored) + ("" if blocks[-1].endswith("\n") else "\n")
        return lines


class _AddAnchors(Treeprocessor):
    def __init__(self, md: Markdown, stash: _StashBlocks) -> None:
        super().__init__(md)
        self.stash = stash

    def run(self, root: Any) -> None:
        if self.stash.ids and _MKDOCS_ANCHORS in self.md.preprocessors:
            found = getattr(self.md.preprocessors[_MKDOCS_ANCHORS], "present_anchor_ids", None)
            if isinstance(found, set):
                found.update(self.stash.ids)


class HtmlBlocksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        stash = _StashBlocks(md)
        md.preprocessors.register(stash, "pmo_html_blocks", PRIORITY)
        md.treeprocessors.register(_AddAnchors(md, stash), "pmo_html_anchors", 1)


def makeExtension(**kwargs: Any) -> HtmlBlocksExtension:  # noqa: N802 - Python-Markdown's name
    return HtmlBlocksExtension(**kwargs)
