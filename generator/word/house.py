"""The house-styled blank document every Word output starts from."""

from __future__ import annotations

from generator.word.styles import load_house_style
from generator.word.writer import BaseDocument

# Styles the renderer applies; checked before anything is written.
REQUIRED_STYLES = (
    "Normal", "Title", "Subtitle", "Cover Organisation", "Cover Label", "Heading 1",
    "Heading 2", "Heading 3", "Heading 4", "Guidance", "TOC Heading", "TOC 1", "TOC 2",
    "Table Text", "Table Heading", "Table Text Compact",
    "Table Heading Compact", "Caption", "Header", "Footer", "Requirement",
    "Requirement Detail", "Code Block", "Obligation", "Placeholder", "Inline Code", "Link",
)


def house_document(language: str = "en-GB") -> BaseDocument:
    """The blank document in the house style, proofed in `language`; stops naming a style
    the style file lacks."""
    base = BaseDocument(load_house_style(), language)
    base.styles.require(REQUIRED_STYLES)
    return base
