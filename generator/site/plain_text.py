"""Plain text from the standards, made inert where the site puts it.

Titles, names and other plain-text values reach three places: HTML the theme prints as
it is (front-matter titles, navigation labels, the site name: `html_text`), Markdown
that mkdocs converts (headings and link texts: `markdown_text`) and Markdown table
cells. Nothing in them may become a tag, an attribute or Markdown syntax.
"""

from __future__ import annotations

import html
import re

# ASCII punctuation that Markdown or one of the site's extensions gives a meaning
# (emphasis, links, code, attribute lists, abbreviations, tables, emoji, snippets ...).
_MARKDOWN_PUNCTUATION = re.compile(r"""[\\`*_{}\[\]()#+\-.!|~^=:<>&"'@$%/]""")


def html_text(value: object) -> str:
    """`value` as HTML text: `<`, `>`, `&` and quotes become entities."""
    return html.escape(str(value), quote=True)


def markdown_text(value: object) -> str:
    """`value` as literal text inside Markdown: on one line, with every punctuation
    character that Markdown or an extension could read written as an HTML entity."""
    return _MARKDOWN_PUNCTUATION.sub(lambda m: f"&#{ord(m.group())};", " ".join(str(value).split()))
