"""HTML the page templates put together, from the model's values.

Every value from the standards reaches a page through one of these: Markdown fields as
sanitised HTML blocks (`block`), one-line fields as inline HTML (`inline`, `title`),
headings and front-matter titles as inert text (`heading`, `front_title`). Every
generated block is one line of HTML, so the site engine's Markdown reads it as a raw
block and changes nothing in it; only the page's headings stay Markdown, for the table
of contents and search.
"""

from __future__ import annotations

import json
import re

import jinja2

from generator.model import Standard, page_path
from generator.shared.markup import block_html, inline_html, plain_text, title_html
from generator.shared.pictures import Picture
from generator.site.plain_text import html_text, markdown_text
from generator.site.urls import relative_url


def block(text: str | None, css: str = "pmo-text") -> str:
    """A Markdown field as an HTML block of its own (blank lines around it)."""
    if not text or not text.strip():
        return ""
    return f'\n\n<div class="{css}">{block_html(text)}</div>\n\n'


def inline(text: str | None) -> str:
    """A one-line field as inline HTML, for inside HTML the template writes."""
    return inline_html(text) if text else ""


def title(text: str) -> str:
    """A title as HTML with emphasis and code only (it may sit inside a link)."""
    return title_html(text)


def heading(text: str) -> str:
    """A title as the text of a Markdown heading: plain, every Markdown character inert."""
    return markdown_text(plain_text(title_html(text)))


def front_title(text: str) -> str:
    """A title for the page's front matter: plain text, HTML-escaped (the theme prints it
    as it is, in the navigation, the header, the browser tab and the search index)."""
    return html_text(plain_text(title_html(text)))


@jinja2.pass_context
def url(context: jinja2.runtime.Context, target: str) -> str:
    """The built address of `target` (a path below docs/) from the page being rendered."""
    return html_text(relative_url(context["page"], target, context.get("directory_urls", True)))


@jinja2.pass_context
def a(context: jinja2.runtime.Context, standard: Standard, anchor: str = "") -> str:
    """An HTML link to a standard's page, its title as the text."""
    return f'<a href="{url(context, page_path(standard))}{anchor}">{title(standard.title)}</a>'


@jinja2.pass_context
def a_id(context: jinja2.runtime.Context, standard_id: str, anchor: str = "") -> str:
    """A link to the standard with this id, or the id as text when there is none."""
    standard = context["handbook"].by_id.get(standard_id)
    return a(context, standard, anchor) if standard is not None else html_text(standard_id)


@jinja2.pass_context
def a_page(context: jinja2.runtime.Context, target: str, text: str) -> str:
    """A link to a page below docs/ with `text` (trusted template text, escaped anyway)."""
    return f'<a href="{url(context, target)}">{html_text(text)}</a>'


def word(value: str | None) -> str:
    """An obligation word as HTML: <strong>must</strong>, should, <em>may</em>."""
    if value == "must":
        return '<strong class="pmo-word pmo-word--must">must</strong>'
    if value == "should":
        return '<span class="pmo-word pmo-word--should">should</span>'
    return f'<em class="pmo-word pmo-word--may">{html_text(value)}</em>' if value else "–"


def figure_html(picture: Picture | None) -> str:
    """A picture drawn from the standards, inline (its SVG names its own title and
    description for screen readers), with its title as the caption; nothing without one."""
    if picture is None:
        return ""
    svg = " ".join(picture.svg_text().split("\n")).strip()
    return (f'<figure class="pmo-figure" id="figure-{html_text(picture.name)}">'
            f'<div class="pmo-figure__art">{svg}</div>'
            f"<figcaption>{html_text(picture.title)}</figcaption></figure>")


_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>")
_CONTAINER = re.compile(r"<(/?)(?:blockquote|ul|ol|li|table|pre)\b")


def sections(text: str | None) -> list[tuple[int, str]]:
    """A Markdown field split at its top-level headings: (level, Markdown-safe heading
    text) and (0, HTML) in order, so those headings reach the page's table of contents
    and search; a heading inside a quote or a list stays in its HTML."""
    if not text or not text.strip():
        return []
    html = block_html(text)
    out: list[tuple[int, str]] = []
    start = 0
    for match in _HEADING.finditer(html):
        depth = sum(-1 if m.group(1) else 1 for m in _CONTAINER.finditer(html, 0, match.start()))
        if depth:
            continue
        out.append((0, html[start:match.start()]))
        out.append((int(match.group(1)), markdown_text(plain_text(match.group(2)))))
        start = match.end()
    out.append((0, html[start:]))
    return [(level, part) for level, part in out if level or part.replace("&#10;", "").strip()]


def md(text: str | None) -> str:
    """A Markdown field as HTML, inside HTML the template writes."""
    return block_html(text) if text and text.strip() else ""


def anchor(text: str) -> str:
    """An id for a page anchor made from `text`: lower-case words joined by hyphens."""
    words = re.findall(r"[a-z0-9]+", plain_text(title_html(text)).lower())
    return "-".join(words) or "item"


def page_filters() -> dict[str, object]:
    return {"block": block, "md": md, "inline": inline, "title": title, "heading": heading,
            "sections": sections, "html": html_block, "anchor": anchor,
            "front_title": front_title, "html_text": html_text, "yaml_text": yaml_text}


def page_globals() -> dict[str, object]:
    return {"url": url, "a": a, "a_id": a_id, "a_page": a_page, "word": word}


def yaml_text(value: object) -> str:
    """A YAML double-quoted string that PyYAML reads back as written.

    Jinja's `tojson` writes an emoji as a surrogate pair (\\ud83d\\ude80), which
    PyYAML refuses; mkdocs would then drop the page's front matter silently.
    """
    text = json.dumps(str(value), ensure_ascii=False)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


_BLOCK_END = re.compile(r"(</(?:p|li|dt|dd|td|th|tr|caption|h[1-6])>)(?=<)")


def html_block(html: str) -> str:
    """HTML written over several template lines as one line with blank lines around it:
    the site engine's Markdown then keeps it as one raw block and changes nothing in it."""
    one = re.sub(r">\s*\n\s*<", "><", html.strip())
    # A space after each cell, item and paragraph: search reads the text without tags,
    # and "Cost</td><td>Actual" would otherwise be indexed as one word, "costactual".
    one = _BLOCK_END.sub(r"\1 ", one)
    return "\n\n" + " ".join(one.split("\n")) + "\n\n"
