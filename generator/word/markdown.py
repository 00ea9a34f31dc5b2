"""Markdown (guidance, bodies, answers) to WordprocessingML paragraphs.

Walks markdown-it-py tokens: paragraphs, bullet and numbered lists (numbers and
bullets written out, so every list restarts where the Markdown does), headings,
code, quotes and tables; inline bold, italic, code and links. Raw HTML never
occurs (the validator rejects it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.word.ooxml import paragraph, run

_PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")
_INDENT = 360  # twips per list level
# One paragraph without any Markdown syntax (no marks, no list, heading or code start).
_PLAIN = re.compile(r"\A(?![ \t]*(?:[-+*#>]|\d+[.)]))[^*_`\[\]<>|\\&!#\n]*\n?\Z")


@dataclass(frozen=True, slots=True)
class MarkdownStyles:
    """Style ids for one kind of Markdown text (body or guidance)."""

    paragraph: str
    code_block: str
    inline_code: str
    link: str
    headings: Sequence[str]  # style ids for Markdown levels 1.. (empty: bold paragraphs)
    table: Callable[[list[list[str]]], str]  # rows of cell text -> table XML
    indent: int = 0  # twips: the left indent of the paragraph style, where lists start


def markdown_xml(text: str, styles: MarkdownStyles) -> list[str]:
    """The paragraphs (and tables) of `text` as XML fragments."""
    if _PLAIN.match(text):  # most short texts: no need to parse
        return [paragraph(run(" ".join(text.split())), styles.paragraph)]
    return _Renderer(styles).render(_PARSER.parse(text))


class _Renderer:
    def __init__(self, styles: MarkdownStyles) -> None:
        self.styles = styles
        self.out: list[str] = []
        self.lists: list[list[int]] = []  # per open list: [ordered, next number]
        self.item_started = False
        self.heading: int | None = None
        self.quote = 0
        self.rows: list[list[str]] | None = None

    def render(self, tokens: list[Token]) -> list[str]:
        for token in tokens:
            handler = getattr(self, f"_{token.type}", None)
            if handler:
                handler(token)
        return self.out

    def _bullet_list_open(self, _token: Token) -> None:
        self.lists.append([0, 0])

    def _ordered_list_open(self, token: Token) -> None:
        self.lists.append([1, int(token.attrGet("start") or 1)])

    def _bullet_list_close(self, _token: Token) -> None:
        self.lists.pop()

    _ordered_list_close = _bullet_list_close

    def _list_item_open(self, _token: Token) -> None:
        self.item_started = True

    def _heading_open(self, token: Token) -> None:
        self.heading = int(token.tag[1:])

    def _heading_close(self, _token: Token) -> None:
        self.heading = None

    def _blockquote_open(self, _token: Token) -> None:
        self.quote += 1

    def _blockquote_close(self, _token: Token) -> None:
        self.quote -= 1

    def _hr(self, _token: Token) -> None:
        self.out.append(paragraph("", self.styles.paragraph))

    def _table_open(self, _token: Token) -> None:
        self.rows = []

    def _tr_open(self, _token: Token) -> None:
        if self.rows is not None:
            self.rows.append([])

    def _table_close(self, _token: Token) -> None:
        if self.rows:
            self.out.append(self.styles.table(self.rows))
        self.rows = None

    def _fence(self, token: Token) -> None:
        code = token.content.rstrip("\n")
        self.out.append(paragraph(run(code, style=self.styles.inline_code),
                                  self.styles.code_block, indent=self._indent(False)))

    _code_block = _fence

    def _inline(self, token: Token) -> None:
        if self.rows is not None:
            self.rows[-1].append(_plain(token))
            return
        content = self._runs(token.children or [])
        styles = self.styles
        if self.heading is not None:
            if styles.headings:
                level = min(self.heading, len(styles.headings)) - 1
                self.out.append(paragraph(content, styles.headings[level], keep_next=True))
            else:
                self.out.append(paragraph(self._runs(token.children or [], bold=True),
                                          styles.paragraph, keep_next=True))
            return
        prefix = ""
        if self.lists and self.item_started:
            ordered, number = self.lists[-1]
            prefix = run(f"{number}.\t" if ordered else "\u2022\t")
            self.lists[-1][1] += 1
        self.out.append(paragraph(prefix + content, styles.paragraph,
                                  indent=self._indent(bool(prefix)),
                                  tabs=(("left", self._left()),) if prefix else ()))
        self.item_started = False

    def _left(self) -> int:
        return self.styles.indent + _INDENT * (len(self.lists) + self.quote)

    def _indent(self, hanging: bool) -> tuple[int, int] | None:
        if not self.lists and not self.quote:
            return None
        return (self._left(), _INDENT if hanging else 0)

    def _runs(self, children: list[Token], bold: bool = False) -> str:
        parts: list[str] = []
        strong, emphasis = 0, 0
        link: str | None = None
        styles = self.styles
        for child in children:
            kind = child.type
            if kind == "text":
                parts.append(run(child.content, bold=bold or strong > 0,
                                 italic=emphasis > 0 or self.quote > 0,
                                 style=styles.link if link else None))
            elif kind == "code_inline":
                parts.append(run(child.content, style=styles.inline_code))
            elif kind in ("softbreak",):
                parts.append(run(" "))
            elif kind == "hardbreak":
                parts.append(run("\n"))
            elif kind == "strong_open":
                strong += 1
            elif kind == "strong_close":
                strong -= 1
            elif kind == "em_open":
                emphasis += 1
            elif kind == "em_close":
                emphasis -= 1
            elif kind == "link_open":
                link = str(child.attrGet("href") or "")
            elif kind == "link_close":
                link = None
            elif kind == "image":
                parts.append(run(child.content or "image", italic=True))
        return "".join(parts)


def _plain(token: Token) -> str:
    """The text of an inline token without its Markdown markup."""
    return "".join(c.content for c in token.children or []
                   if c.type in ("text", "code_inline")) or token.content


def inline_xml(text: str, styles: MarkdownStyles) -> str:
    """The runs of short Markdown text, its paragraphs joined by line breaks."""
    renderer = _Renderer(styles)
    inlines = [t for t in _PARSER.parse(text) if t.type == "inline"]
    return run("\n").join(renderer._runs(t.children or []) for t in inlines)
