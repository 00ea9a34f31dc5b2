"""A standard's Markdown text as safe HTML, and what publishing it would drop.

Text from the standards is rendered here, never by the site engine's Markdown: two
layers, each enough on its own.

1. cmark-gfm in its safe mode: raw HTML becomes a comment, and link and image URLs
   with the schemes javascript:, vbscript:, file: and data: are emptied. It is
   CommonMark, the grammar of the validator and of the Word renderer.
2. nh3 with an allow-list of what cmark writes for text: every other element and
   attribute goes (`on*`, `style`, `class`, `id`, `markdown`); URLs keep http, https,
   mailto and relative ones; images are not published (a standard has no files).

The HTML is returned on one line (newlines as `&#10;`), so that no line-based syntax of
the site engine (snippets, abbreviation or footnote definitions, attribute lists,
admonitions) can start inside it. `dropped` tells validation what publishing a text
would leave out, so an author learns it with a located error.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from urllib.parse import urlsplit

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

_SAFE = Options.CMARK_OPT_VALIDATE_UTF8
_UNSAFE = _SAFE | Options.CMARK_OPT_UNSAFE  # for `dropped` only: shows what safe mode removes
_EXTENSIONS = ("table", "strikethrough", "autolink")
URL_SCHEMES = frozenset({"http", "https", "mailto"})
_INLINE = frozenset({"strong", "em", "del", "code", "a", "br"})
_BLOCK = _INLINE | {"p", "hr", "pre", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4",
                    "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"}
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}

_block = nh3.Cleaner(tags=set(_BLOCK), attributes=_ATTRIBUTES, url_schemes=set(URL_SCHEMES),
                     strip_comments=True)
_inline = nh3.Cleaner(tags=set(_INLINE), attributes={"a": {"href", "title"}},
                      url_schemes=set(URL_SCHEMES), strip_comments=True)
_title = nh3.Cleaner(tags={"strong", "em", "del", "code"}, attributes={},
                     url_schemes=set(URL_SCHEMES), strip_comments=True)

_ONE_PARAGRAPH = re.compile(r"\A<p>((?:(?!</?p>).)*)</p>\n?\Z", re.S)
_BLOCK_START = re.compile(r"\A(?:([#>+\-*=|]|`{3}|~{3})|(\d{1,9})([.)]))")
_TAG = re.compile(r"<[^>]*>")
_URL = re.compile(r'<(a|img)\b[^>]*?\s(?:href|src)="([^"]*)"')
_RAW = re.compile(r"<!-- raw HTML omitted -->")


def _render(text: str, options: int = _SAFE) -> str:
    return cmarkgfm.markdown_to_html_with_extensions(text, options=options,
                                                      extensions=_EXTENSIONS)


def _one_line(fragment: str) -> str:
    return fragment.strip().replace("\r", "").replace("\n", "&#10;")


def block_html(text: str) -> str:
    """A Markdown field (body, purpose, guidance ...) as sanitised block HTML on one line."""
    return _one_line(_block.clean(_render(text)))


@lru_cache(maxsize=65536)
def inline_html(text: str) -> str:
    """A one-line field (a title, a table cell, a requirement) as sanitised inline HTML."""
    return _one_line(_inline.clean(_paragraph(text)))


@lru_cache(maxsize=65536)
def title_html(text: str) -> str:
    """A title as sanitised HTML with emphasis and code only: it is shown inside the
    theme's own links (navigation, header, page links), so it holds no link itself."""
    return _one_line(_title.clean(_paragraph(text)))


def _paragraph(text: str) -> str:
    """cmark's HTML of a one-line text that must stay one paragraph."""
    line = " ".join(text.split())
    line = _BLOCK_START.sub(lambda m: "\\" + m.group(1) if m.group(1)
                            else m.group(2) + "\\" + m.group(3), line, count=1)
    out = _render(line)
    match = _ONE_PARAGRAPH.match(out)
    return match.group(1) if match else out


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, e.g. for a heading's anchor or a search title."""
    return html.unescape(_TAG.sub("", fragment.replace("&#10;", "\n")))


def dropped(text: str) -> list[str]:
    """What publishing `text` would leave out, each as a sentence for the author."""
    if "<" not in text and "](" not in text and "]:" not in text and "://" not in text:
        return []  # no tag, link or URL: nothing to drop (the common case, fast)
    found: list[str] = []
    unsafe = _render(text, _UNSAFE)
    raw = len(_RAW.findall(_render(text)))
    if raw:
        found.append(f"raw HTML {_first_raw_html(text, unsafe)} is not allowed: text is "
                     "published as Markdown; use Markdown syntax instead")
    for element, url in _URL.findall(unsafe):
        if element == "img":
            found.append(f"the image {url!r} is not published: a standard's text cannot hold "
                         "pictures; link to it instead, or describe it in words")
        elif not allowed_url(html.unescape(url)):
            found.append(f"the link to {html.unescape(url)!r} is not published: a link may "
                         "use http, https or mailto, or point to a page of the handbook")
    return found


def allowed_url(url: str) -> bool:
    """A URL the site publishes: http, https, mailto, or relative (no scheme)."""
    cleaned = "".join(url.split())  # browsers ignore white space inside a scheme
    scheme = urlsplit(cleaned).scheme.lower()
    return not scheme or scheme in URL_SCHEMES


def _first_raw_html(text: str, unsafe: str) -> str:
    """The first tag-looking part of `text` that cmark passed through as raw HTML."""
    for match in _TAG.finditer(text):
        if match.group() in unsafe:
            return repr(match.group())
    return "part of the text"


def abbreviate(fragment: str, abbreviations: dict[str, str]) -> str:
    """`fragment` with each abbreviation wrapped in `<abbr title=...>` (the glossary's
    tooltips), outside tags, code, links, pictures (SVG) and existing abbreviations."""
    if not abbreviations:
        return fragment
    pattern = _abbreviation_pattern(tuple(sorted(abbreviations, key=len, reverse=True)))
    out: list[str] = []
    skip = 0
    for part in re.split(r"(<[^>]*>)", fragment):
        if part.startswith("<"):
            name = part[1:].split(None, 1)[0].rstrip(">/").lower() if len(part) > 2 else ""
            if name in ("code", "pre", "abbr", "a", "svg"):
                skip += 1
            elif name in ("/code", "/pre", "/abbr", "/a", "/svg"):
                skip = max(0, skip - 1)
            out.append(part)
        elif skip or not part.strip():
            out.append(part)
        else:
            out.append(pattern.sub(
                lambda m: f'<abbr title="{html.escape(abbreviations[m.group()])}">'
                          f"{m.group()}</abbr>", part))
    return "".join(out)


@lru_cache(maxsize=16)
def _abbreviation_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w-])")
