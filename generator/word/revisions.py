"""Tracked changes: insertions and deletions (`w:ins`, `w:del`) by one author on one date,
and the word-level difference of two texts as runs with tracked changes.

A text is compared as tokens (a word, a run of spaces, a punctuation mark, a tab or a
line break) carrying their run's properties, so bold or code text keeps its look on
both sides of a change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from itertools import groupby

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from generator.word.ooxml import esc

# Ids of tracked changes and comments start far above the documents' bookmark ids.
FIRST_ID = 1_000_000_000
# A word (with inner dots and apostrophes: "1.2.0", "project's"), spaces, or one mark.
_WORDS = re.compile(r"\w+(?:[.'’]\w+)*|\s+|[^\w\s]")
W_R = qn("w:r")
W_RPR = qn("w:rPr")
W_T = qn("w:t")
W_TAB = qn("w:tab")
W_BR = qn("w:br")

Token = tuple[str, str, str]  # (run properties XML, "t" | "tab" | "br", text or break type)


@dataclass(slots=True)
class Revisions:
    """Who made the changes and when, and the next free annotation id."""

    author: str
    day: date
    next_id: int = FIRST_ID

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    @property
    def timestamp(self) -> str:
        return f"{self.day.isoformat()}T00:00:00Z"

    def attributes(self) -> dict[str, str]:
        """The attributes of one new tracked change (lxml names)."""
        return {qn("w:id"): str(self.new_id()), qn("w:author"): self.author,
                qn("w:date"): self.timestamp}

    def _open(self, kind: str) -> str:
        return (f'<w:{kind} w:id="{self.new_id()}" w:author="{esc(self.author)}" '
                f'w:date="{self.timestamp}"')

    def inserted(self, runs: str) -> str:
        return f"{self._open('ins')}>{runs}</w:ins>" if runs else ""

    def deleted(self, runs: str) -> str:
        """`runs` already written as deleted text (`w:delText`)."""
        return f"{self._open('del')}>{runs}</w:del>" if runs else ""


def run_tokens(runs: Iterable[etree._Element]) -> list[Token] | None:
    """The tokens of plain runs; None if one holds more than text, tabs and breaks."""
    tokens: list[Token] = []
    for r in runs:
        if r.tag != W_R:
            return None
        rpr = ""
        for child in r:
            if child.tag == W_RPR:
                rpr = xml_of(child)
            elif child.tag == W_T:
                tokens.extend((rpr, "t", word) for word in _WORDS.findall(child.text or ""))
            elif child.tag == W_TAB:
                tokens.append((rpr, "tab", ""))
            elif child.tag == W_BR:
                tokens.append((rpr, "br", child.get(qn("w:type")) or ""))
            else:
                return None
    return tokens


def runs_xml(tokens: Sequence[Token], *, deleted: bool = False) -> str:
    """Runs for `tokens`, one per stretch of equal run properties."""
    text_tag = "w:delText" if deleted else "w:t"
    out: list[str] = []
    for rpr, group in groupby(tokens, key=lambda token: token[0]):
        content: list[str] = []
        text = ""
        for _, kind, value in group:
            if kind == "t":
                text += value
                continue
            if text:
                content.append(f'<{text_tag} xml:space="preserve">{esc(text)}</{text_tag}>')
                text = ""
            content.append(f'<w:br w:type="{value}"/>' if kind == "br" and value
                           else f"<w:{kind}/>")
        if text:
            content.append(f'<{text_tag} xml:space="preserve">{esc(text)}</{text_tag}>')
        out.append(f"<w:r>{rpr}{''.join(content)}</w:r>")
    return "".join(out)


def diff_tokens(old: Sequence[Token], new: Sequence[Token], marks: Revisions) -> str:
    """Runs reading as `new`, with what differs from `old` as tracked changes, word by word.

    Spaces between two changed words join the change, so "a b" -> "c d" reads as one
    deletion and one insertion rather than two of each.
    """
    out: list[str] = []
    removed: list[Token] = []
    added: list[Token] = []

    def flush() -> None:
        out.append(marks.deleted(runs_xml(removed, deleted=True)))
        out.append(marks.inserted(runs_xml(added)))
        removed.clear()
        added.clear()

    opcodes = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op != "equal":
            removed.extend(old[i1:i2])
            added.extend(new[j1:j2])
            continue
        same = new[j1:j2]
        if (removed or added) and index + 1 < len(opcodes) and _blank(same):
            removed.extend(old[i1:i2])
            added.extend(same)
            continue
        flush()
        out.append(runs_xml(same))
    flush()
    return "".join(out)


def diff_runs(old_runs: str, new_runs: str, marks: Revisions) -> str:
    """`diff_tokens` of two strings of runs (as DocWriter.inline writes them)."""
    old = run_tokens(_runs(old_runs))
    new = run_tokens(_runs(new_runs))
    if old is None or new is None:
        return marks.deleted(as_deleted(old_runs)) + marks.inserted(new_runs)
    return diff_tokens(old, new, marks)


def as_deleted(runs: str) -> str:
    """Runs rewritten as deleted text: `w:t` becomes `w:delText`."""
    return re.sub(r"<(/?)w:(t|instrText)([ >])",
                  lambda m: f"<{m[1]}w:{'delText' if m[2] == 't' else 'delInstrText'}{m[3]}",
                  runs)


def _blank(tokens: Sequence[Token]) -> bool:
    return all(kind == "t" and value.isspace() for _, kind, value in tokens)


_DECLARATIONS = re.compile(r' xmlns:(?:w|r)="[^"]*"')


def xml_of(element: etree._Element) -> str:
    """An element as a fragment without namespace declarations (the document declares them)."""
    return _DECLARATIONS.sub("", etree.tostring(element, encoding="unicode"))


def _runs(xml: str) -> list[etree._Element]:
    return list(parse_xml(f"<w:p {nsdecls('w')}>{xml}</w:p>"))
