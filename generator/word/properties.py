"""A document's properties (File > Info), written within what Word files hold.

Word's core properties hold at most 255 characters each (python-docx refuses more).
The validator keeps the ones a reader sees (a title, a summary) within it; every
property is still cut here, at a word boundary, so no standard can stop the build.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from docx.document import Document as DocxDocument

PROPERTY_LIMIT = 255
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True, kw_only=True)
class Properties:
    """Document properties (File > Info) of one document."""

    title: str
    subject: str
    keywords: str
    category: str
    author: str
    version: str
    status: str
    identifier: str
    language: str | None = None  # None: the document's proofing language (DocWriter.save)
    date: date


def fit(text: str, limit: int = PROPERTY_LIMIT) -> str:
    """`text` if it has at most `limit` characters, else cut at a word boundary with `…`."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if not text[limit - 1].isspace():
        word_end = cut.rfind(" ")
        if word_end > len(cut) // 2:  # whole words, unless that loses half the text
            cut = cut[:word_end]
    return cut.rstrip(" ,;:-–") + ELLIPSIS


def set_core_properties(document: DocxDocument, p: Properties) -> None:
    """Write `p` as the document's core properties, each cut to what Word holds."""
    core = document.core_properties
    stamp = datetime.combine(p.date, time(9, 0))
    core.title, core.subject, core.keywords = fit(p.title), fit(p.subject), fit(p.keywords)
    core.category, core.author = fit(p.category), fit(p.author)
    core.last_modified_by = fit(p.author)
    core.version, core.content_status = fit(p.version), fit(p.status)
    core.identifier, core.language = fit(p.identifier), fit(p.language or "en-GB")
    core.comments = fit(p.subject)
    core.created = core.modified = stamp
    core.revision = 1
