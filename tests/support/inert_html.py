"""What in a piece of HTML could run in a browser: elements, attributes and URLs beyond
what the handbook publishes from a standard's text."""

from __future__ import annotations

from html.parser import HTMLParser

from generator.shared.markup import allowed_url

PUBLISHED = {"p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol",
             "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th",
             "td", "a", "abbr"}
ATTRIBUTES = {"href", "title", "rel", "align", "start"}


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in PUBLISHED:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name not in ATTRIBUTES:
                self.found.append(f"{tag}[{name}]")
            elif name == "href" and not allowed_url(value or ""):
                self.found.append(f"{tag}[href={value!r}]")


def active_parts(fragment: str) -> list[str]:
    """Elements, attributes and URLs in `fragment` that publishing must never let through."""
    finder = _Finder()
    finder.feed(fragment)
    finder.close()
    return finder.found
