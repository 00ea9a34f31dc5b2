"""Material's search sections, read without `html.parser` where the page allows it.

Material's search plugin cuts every page into sections with `Parser`, an
`html.parser.HTMLParser`; at 2,000 standards that tokenising is a quarter of the
site build. `FastParser` is Material's own `Parser` (its handlers decide every
section, title and text), fed by a regular-expression tokeniser instead: the same
calls, in the same order, with the same arguments. It takes only HTML it can read
exactly as `html.parser` does (tags with quoted or bare attributes, text without a
stray `<`); a page with anything else (comments, declarations, script or style
elements, a `<` that opens no tag) goes to `html.parser` unchanged.

`install()` makes Material's plugin use it; the mkdocs engine calls it
(generator.site.mkdocs_plugin) and checks the Material version it was written for.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

from material.plugins.search import plugin as material_search

_TOKEN = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*)>"""
                    r"|([^<]+)")
_ATTRIBUTE = re.compile(r"""([^\s/>"'=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_WELL_FORMED = re.compile(
    r"""(?:\s+[^\s/>"'=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?""")
# html.parser reads the content of these as text until their end tag
_CDATA = re.compile(r"<(?:script|style)\b", re.I)


def attributes(text: str) -> list[tuple[str, str | None]]:
    """A tag's attributes as html.parser hands them on: names in lower case, values
    unescaped, None for an attribute without a value."""
    found: list[tuple[str, str | None]] = []
    for match in _ATTRIBUTE.finditer(text):
        value = match.group(2)
        if value is not None and value[:1] in ("'", '"'):
            value = value[1:-1]
        found.append((match.group(1).lower(), None if value is None else unescape(value)))
    return found


def tokens(html: str) -> list[tuple[str, Any, Any]] | None:
    """`html` as html.parser's calls: ("start", tag, attribute text), ("startend", tag,
    attribute text), ("end", tag, None), ("data", text, None); None when the tokeniser
    cannot be sure. Attributes are read on demand (`attributes`): the sections need
    only those of headings and links."""
    if "<!" in html or "<?" in html or _CDATA.search(html):
        return None
    out: list[tuple[str, Any, Any]] = []
    position = 0
    for match in _TOKEN.finditer(html):
        if match.start() != position:
            return None  # a '<' that opens no tag: html.parser's business
        position = match.end()
        closing, tag, rest, text = match.groups()
        if text is not None:
            out.append(("data", unescape(text) if "&" in text else text, None))
        elif closing:
            if rest.strip():
                return None
            out.append(("end", tag.lower(), None))
        elif rest and (rest[0] not in " \t\n\r\f/" or not _WELL_FORMED.fullmatch(rest)):
            return None
        elif rest.endswith("/"):
            out.append(("startend", tag.lower(), rest[:-1]))
        else:
            out.append(("start", tag.lower(), rest))
    return out if position == len(html) else None


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})  # Parser.keep


def sections(found: list[tuple[str, Any, Any]]) -> list[Any]:
    """Material's Parser over `found` (tokens of HTML without skipped elements: no
    object, script, style, data-search-exclude or linenodiv), as its `data`: the
    same sections with the same titles and texts. Its handlers, step by step, with
    the open elements kept as tag names (Material compares its elements by tag)."""
    Section, Element = material_search.Section, material_search.Element  # noqa: N806
    void = material_search.void
    names: list[str] = []          # Parser.context, by tag
    links: list[bool] = []         # which open elements are permalinks
    open_links = pre = 0
    data: list[Any] = []
    section: Any = None
    for kind, tag, rest in found:
        if kind == "data":
            text: str = tag
            if not pre:
                text = " " if text.isspace() else text.replace("\n", " ")
            if section is None:
                section = Section(Element("hx"))
                data.append(section)
            if section.el.tag in names:
                if not open_links:
                    section.title.append(escape(text, quote=False))
            elif text.isspace():
                if not section.text or not section.text[-1].isspace() or pre:
                    section.text.append(text)
            else:
                section.text.append(escape(text, quote=False))
            continue
        if kind != "end":
            if tag in void:
                continue
            attrs = dict(attributes(rest)) if tag in _HEADINGS or tag == "a" else {}
            names.append(tag)
            is_link = tag == "a" and attrs.get("class") == "headerlink"
            links.append(is_link)
            open_links += is_link
            pre += tag == "pre"
            if tag in _HEADINGS and "id" in attrs:
                if tag != "h1" and not data:
                    section = Section(Element("hx"), len(names))
                    data.append(section)
                section = Section(Element(tag, attrs), len(names))
                if data:
                    section.id = attrs["id"]
                data.append(section)
            if section is None:
                section = Section(Element("hx"))
                data.append(section)
            if tag in _KEEP:
                (section.title if section.el.tag in names else section.text).append(f"<{tag}>")
            if kind == "start":
                continue
        if not names or names[-1] != tag:
            continue
        if section.depth > len(names):
            for previous in reversed(data):
                if previous.depth <= len(names):
                    section.depth = float("inf")
                    section = previous
                    break
        names.pop()
        open_links -= links.pop()
        pre -= tag == "pre"
        if tag in _KEEP:
            target = section.title if section.el.tag in names else section.text
            index = target.index(f"<{tag}>")
            for i in range(index + 1, len(target)):
                if not target[i].isspace():
                    index = len(target)
                    break
            if len(target) > index:
                del target[index:]
            else:
                target.append(f"</{tag}>")
    return data


_SKIPPED = re.compile(r"<object\b|data-search-exclude|linenodiv", re.I)


class FastParser(material_search.Parser):  # type: ignore[misc]
    """Material's search `Parser`; its sections computed without html.parser when the
    page has nothing for it to skip and the tokeniser reads all of it."""

    def feed(self, data: str) -> None:
        found = tokens(data) if not self.rawdata and not self.sections_found() \
            and not _SKIPPED.search(data) else None
        if found is None:
            super().feed(data)
            return
        self.data = sections(found)

    def sections_found(self) -> bool:
        return bool(getattr(self, "data", None))


def install() -> None:
    """Material's search plugin builds its index with FastParser from now on."""
    material_search.Parser = FastParser
