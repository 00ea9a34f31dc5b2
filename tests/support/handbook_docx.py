"""Reading the Word handbook back as a reader sees it."""

from __future__ import annotations

from pathlib import Path

import docx


def tailoring_duties(path: Path) -> dict[str, set[tuple[str, str]]]:
    """The "Tailoring by tier" chapter: for each tier's heading, the (requirement id,
    obligation word) of every duty it lists."""
    paragraphs = docx.Document(str(path)).paragraphs
    start = next(i for i, p in enumerate(paragraphs)
                 if p.style.name == "Heading 1" and p.text == "Tailoring by tier")
    end = next((i for i, p in enumerate(paragraphs[start + 1:], start + 1)
                if p.style.name == "Heading 1"), len(paragraphs))
    found: dict[str, set[tuple[str, str]]] = {}
    tier = ""
    for p in paragraphs[start:end]:
        if p.style.name == "Heading 2":
            tier = p.text
            found[tier] = set()
        words = [r.text for r in p.runs if r.style is not None and r.style.name == "Obligation"]
        if p.style.name == "Requirement Detail" and words:
            rest = p.text[len(words[0]):].replace("(permission)", "").split()
            if rest and rest[0][:1].isupper() and "-" in rest[0]:
                found[tier].add((rest[0], words[0].lower()))
    return found
