"""Redlines: a policy or artefact in its new version with every change from the old one as
a Word tracked change, and a comment on each changed requirement.

Written from the model's changes (generator.model.changes), not by comparing two files:
both versions are composed by the normal writers, which label each block of the model
they write (`DocWriter.at`: the title page, "purpose", "requirement:RISK-2", a section);
blocks pair by that label. A changed requirement is written from its change record:
its obligation word replaced as a tracked change of the word itself, its text changed
word by word, and one comment giving its id, the kind of change and the reason. Any
other block that differs (the title page's version, a history row, a reworded purpose)
is tracked by generator.word.tracking. A requirement or section only in one version is
a whole inserted or deleted block.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from pathlib import Path

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from generator.model import KINDS, Artefact, Handbook, Policy, Standard
from generator.model.changes import ChangeSet, RequirementChange, StandardChanges
from generator.word.artefact import compose_artefact_template, write_artefact_body
from generator.word.comments import Comments
from generator.word.house import house_document
from generator.word.policy import (
    compose_policy_document,
    requirement_block,
    requirement_paragraph,
    write_policy_body,
)
from generator.word.revisions import Revisions, diff_runs
from generator.word.shared_parts import standard_properties
from generator.word.tracking import merge
from generator.word.writer import TOC_BLOCK, BaseDocument, DocWriter, Properties

_NS = nsdecls("w", "r")
OLD_BOOKMARKS = 500_000  # the old version's headings get bookmarks of their own

Block = tuple[str, list[etree._Element]]


def render_redlines(changes: ChangeSet, out_dir: Path) -> list[Path]:
    """`<id>-<old>-to-<new>.docx` in `out_dir` for every standard of `changes`."""
    base = house_document(changes.new.settings.language)
    return [write_redline(base, changes, s, out_dir / changes.file_name(s.standard_id))
            for s in changes.standards]


def write_redline(base: BaseDocument, changes: ChangeSet, standard: StandardChanges,
                  path: Path) -> Path:
    """One standard's redline: its new document with the changes tracked."""
    marks = Revisions(changes.author, changes.date)
    comments = Comments(marks)
    new = DocWriter(base)
    properties = _compose(new, changes.new, standard.new)
    old = DocWriter(base, bookmarks_from=OLD_BOOKMARKS)
    if standard.old is not None:
        _compose(old, changes.old, standard.old)
        _track_header_footer(old, new, marks)
    new.replace_body(Redline(changes, standard, marks, comments, old, new).parts())
    comments.attach(new.document)
    return new.save(path, dataclasses.replace(
        properties, subject=f"Changes from {changes.old_label} to {changes.new_label}: "
                            f"{properties.subject}",
        keywords=f"{properties.keywords}, redline"))


def redline_body(base: BaseDocument, changes: ChangeSet, standard: StandardChanges,
                 into: DocWriter, marks: Revisions, comments: Comments, *, level: int,
                 bookmarks_from: int) -> list[str]:
    """The tracked body of one standard (no title page or contents), for a document
    `into` that shows several (the review pack), its headings at `level`."""
    new = DocWriter(base, bookmarks_from=bookmarks_from)
    old = DocWriter(base, bookmarks_from=bookmarks_from + OLD_BOOKMARKS // 1000)
    for writer in (new, old):
        writer.share_sections(into)
    BODIES[standard.kind](new, changes.new, standard.new, level=level)
    if standard.old is not None:
        BODIES[standard.kind](old, changes.old, standard.old, level=level)
    return Redline(changes, standard, marks, comments, old, new).parts()


def _compose(w: DocWriter, handbook: Handbook, standard: Standard) -> Properties:
    if isinstance(standard, Policy):
        return compose_policy_document(w, handbook, standard)
    assert isinstance(standard, Artefact)
    compose_artefact_template(w, handbook, standard)
    # A redline is the template's change for its approvers: the template's own properties,
    # not the project document's (version 0.1, Draft) the template starts a project with.
    return standard_properties(handbook, standard)


def _policy_body(w: DocWriter, handbook: Handbook, standard: Standard, *, level: int) -> None:
    assert isinstance(standard, Policy)
    write_policy_body(w, handbook, standard, level=level)


def _artefact_body(w: DocWriter, handbook: Handbook, standard: Standard, *, level: int) -> None:
    assert isinstance(standard, Artefact)
    write_artefact_body(w, handbook, standard, level=level)


BODIES: dict[str, Callable[..., None]] = {"policy": _policy_body, "artefact": _artefact_body}


def requirement_comment(change: RequirementChange, standard: StandardChanges) -> str:
    """The comment on a changed requirement: its id, the kinds of change, the reason."""
    specifics = []
    if change.old is not None and change.new is not None:
        old, new = change.old, change.new
        steps = [f"{t} {getattr(old.obligation, t)} → {getattr(new.obligation, t)}"
                 for t in change.pmo_types
                 if getattr(old.obligation, t) != getattr(new.obligation, t)]
        if steps:
            specifics.append(", ".join(steps))
        if old.tiers != new.tiers:
            specifics.append(f"tiers {_ids(old.tiers)} → {_ids(new.tiers)}")
    text = f"{change.requirement_id}: {change.summary}"
    if specifics:
        text += f" ({'; '.join(specifics)})"
    return text + _reason(standard)


def standard_comment(standard: StandardChanges) -> str:
    """The comment on the title: the versions and the reason."""
    label = KINDS[standard.kind].label
    if standard.old is None:
        return f"{label} {standard.standard_id} {standard.new.version}: new" + _reason(standard)
    return (f"{label} {standard.standard_id} {standard.old.version} → {standard.new.version}: "
            f"{standard.change}" + _reason(standard))


def _reason(standard: StandardChanges) -> str:
    return f". Reason: {' '.join(standard.reasons)}" if standard.reasons else "."


def _ids(tiers: Sequence[int]) -> str:
    return ", ".join(map(str, tiers))


class Redline:
    """The tracked body of one standard from the blocks of its two versions."""

    def __init__(self, changes: ChangeSet, standard: StandardChanges, marks: Revisions,
                 comments: Comments, old: DocWriter, new: DocWriter) -> None:
        self.changes = changes
        self.standard = standard
        self.marks = marks
        self.comments = comments
        self.old = old
        self.new = new

    def parts(self) -> list[str]:
        old = _parse_blocks(self.old.blocks())
        new = _parse_blocks(self.new.blocks())
        out: list[str] = []
        matcher = SequenceMatcher(None, [k for k, _ in old], [k for k, _ in new],
                                  autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                for (key, before), (_, after) in zip(old[i1:i2], new[j1:j2], strict=True):
                    out.extend(self._block(key, before, after))
                continue
            for key, before in old[i1:i2]:
                out.extend(self._block(key, before, []))
            for key, after in new[j1:j2]:
                out.extend(self._block(key, [], after))
        return out

    def _block(self, key: str, old: list[etree._Element],
               new: list[etree._Element]) -> list[str]:
        if key == TOC_BLOCK and old and new:
            return self._contents(old, new)
        if key.startswith(requirement_block("")):
            change = self.standard.requirement(key.removeprefix(requirement_block("")))
            if change is not None:
                return self._requirement(change, old, new)
        merged = [xml for _, xml in merge(old, new, self.marks)]
        if key == "title":
            title = f'<w:pStyle w:val="{self.new.style("Title")}"/>'
            for index, xml in enumerate(merged):
                if title in xml:
                    merged[index] = self.comments.anchor(xml, standard_comment(self.standard))
                    break
        return merged

    def _requirement(self, change: RequirementChange, old: list[etree._Element],
                     new: list[etree._Element]) -> list[str]:
        """A changed requirement: its paragraph from the change record, with one comment."""
        if change.old is not None and change.new is not None and old and new:
            before = self.changes.old.settings.pmo_type
            after = self.changes.new.settings.pmo_type
            word = diff_runs(self.old.obligation(change.old.obligation.under(before)),
                             self.new.obligation(change.new.obligation.under(after)),
                             self.marks)
            text = diff_runs(self.old.inline(change.old.text), self.new.inline(change.new.text),
                             self.marks)
            first = requirement_paragraph(self.new, change.requirement_id, word, text)
            rest = [xml for _, xml in merge(old[1:], new[1:], self.marks)]
        else:  # added or removed: the whole block
            first, *rest = [xml for _, xml in merge(old, new, self.marks)]
        return [self.comments.anchor(first, requirement_comment(change, self.standard)), *rest]

    def _contents(self, old: list[etree._Element], new: list[etree._Element]) -> list[str]:
        """The table of contents: entries added or removed as whole paragraphs."""
        return [xml for _, xml in merge(old, new, self.marks, pair=False)]


def _parse_blocks(parts: list[tuple[str, str]]) -> list[Block]:
    """Consecutive parts of one block key, parsed together."""
    blocks: list[tuple[str, list[str]]] = []
    for key, xml in parts:
        if blocks and blocks[-1][0] == key:
            blocks[-1][1].append(xml)
        else:
            blocks.append((key, [xml]))
    return [(key, list(parse_xml(f"<w:body {_NS}>{''.join(xml)}</w:body>")))
            for key, xml in blocks]


def _track_header_footer(old: DocWriter, new: DocWriter, marks: Revisions) -> None:
    """The header and footer of the new version, with changes from the old one tracked."""
    for name in ("header", "footer"):
        before = getattr(old.document.sections[0], name)._element
        after = getattr(new.document.sections[0], name)._element
        merged = merge(list(before), list(after), marks)
        if all(status == "same" for status, _ in merged):
            continue
        for child in list(after):
            after.remove(child)
        for child in parse_xml(f"<w:hdr {_NS}>{''.join(x for _, x in merged)}</w:hdr>"):
            after.append(child)

