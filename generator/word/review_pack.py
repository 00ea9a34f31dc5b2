"""The review pack of a release: one document for the approvers.

A summary table of every change (standard, requirement, kind of change, tiers and PMO
types affected, breaking or not), then each changed standard's redline content in
handbook order (tracked changes and comments as in its redline), then the approval
block: one signature line per approving role.
"""

from __future__ import annotations

from pathlib import Path

from generator.model import KINDS
from generator.model.changes import ChangeSet, StandardChanges
from generator.shared.semver import is_semver
from generator.word.comments import Comments
from generator.word.house import house_document
from generator.word.ooxml import run
from generator.word.redline import redline_body
from generator.word.revisions import Revisions
from generator.word.shared_parts import (
    author,
    long_date,
    tier_names,
    write_header_footer,
    write_title_page,
)
from generator.word.writer import BaseDocument, DocWriter, Properties

SIGNATURE_LINE = "_" * 24
PACK_BOOKMARKS = 10_000  # each standard's headings get bookmarks from here on, 2,000 apiece


def write_review_pack(changes: ChangeSet, path: Path, base: BaseDocument | None = None) -> Path:
    """The review pack of `changes` at `path`."""
    base = base or house_document(changes.new.settings.language)
    handbook = changes.new
    marks = Revisions(changes.author, changes.date)
    comments = Comments(marks)
    w = DocWriter(base)
    span = f"{changes.old_label} to {changes.new_label}"
    title = _title(changes)
    write_header_footer(w, handbook, run(f"{handbook.settings.title} · release review"),
                        run(f"{span} · For approval"))
    requirement_changes = sum(len(s.requirements) for s in changes.standards)
    write_title_page(
        w, handbook, title=title,
        subtitle=f"What changes from {changes.old_label} to {changes.new_label}, for the "
                 "approvers: each change tracked, with the reason for it.",
        line="", details=[
            ("Changes", w.cell(span)),
            ("Date", w.cell(long_date(changes.date))),
            ("Prepared by", w.cell(changes.author)),
            ("Standards changed", w.cell(str(len(changes.standards)))),
            ("Requirement changes", w.cell(str(requirement_changes))),
            ("Breaking changes", w.cell(str(sum(1 for s in changes.standards if s.breaking)))),
        ])
    w.contents()
    write_summary(w, changes)
    for index, standard in enumerate(changes.standards):
        w.heading(_heading(standard), 1, new_page=True)
        if standard.reasons:
            w.para(run("Reason: ", bold=True) + run(" ".join(standard.reasons)))
        for part in redline_body(base, changes, standard, w, marks, comments, level=2,
                                 bookmarks_from=PACK_BOOKMARKS + 2_000 * index):
            w.add(part)
    write_approvals(w, changes)
    comments.attach(w.document)
    return w.save(path, Properties(
        title=title,
        subject=f"Changes from {span} for approval", keywords="release, review, redline",
        category="Release review", author=author(handbook), version=changes.new_label,
        status="For approval", identifier=f"release-review@{changes.new_label}",
        date=changes.date))


def _heading(standard: StandardChanges) -> str:
    versions = (f"{standard.old.version} → {standard.new.version}" if standard.old is not None
                else f"new, {standard.new.version}")
    return f"{standard.title} ({KINDS[standard.kind].label.lower()}, {versions})"


def write_summary(w: DocWriter, changes: ChangeSet) -> None:
    """One row per changed requirement (one per standard changed elsewhere)."""
    handbook = changes.new
    w.heading("Summary of changes", 1)
    if not changes.standards:
        w.text(f"Nothing changed from {changes.old_label} to {changes.new_label}.")
        return
    rows = []
    for standard in changes.standards:
        name = f"{standard.title} ({standard.standard_id})"
        for change in standard.requirements:
            rows.append([name, change.requirement_id, change.summary,
                         tier_names(handbook, change.tiers), _types(changes, change.pmo_types),
                         "Yes" if change.breaking else "No"])
        if not standard.requirements:
            rows.append([name, "–", _standard_change(standard),
                         tier_names(handbook, getattr(standard.new, "tiers", ())),
                         _types(changes, ()), "Yes" if standard.breaking else "No"])
    w.table(["Standard", "Requirement", "Change", "Tiers", "PMO types", "Breaking"], rows,
            [2.0, 1.1, 1.6, 1.6, 1.4, 0.8])


def _types(changes: ChangeSet, types: tuple[str, ...]) -> str:
    if not types:
        return "–"
    settings = changes.new.settings
    return ", ".join(settings.pmo_type_info(t).title for t in types)


def _standard_change(standard: StandardChanges) -> str:
    if standard.old is None:
        return "added"
    parts = [f"section added: {t}" for t in standard.sections_added]
    parts += [f"section removed: {t}" for t in standard.sections_removed]
    return "; ".join(parts) or standard.change


def _title(changes: ChangeSet) -> str:
    """"Release 1.1.0 review"; a pack of work not yet released (`current`, a git revision)
    says what it compares instead."""
    if is_semver(changes.new_label):
        return f"Release {changes.new_label} review"
    return f"Review of the changes since {changes.old_label}"


def write_approvals(w: DocWriter, changes: ChangeSet) -> None:
    """A signature line for every role that approves one of the changed standards."""
    handbook = changes.new
    w.heading("Approval", 1, new_page=True)
    what = f"Release {changes.new_label}" if is_semver(changes.new_label) else "The change"
    w.text(f"{what} is approved when every role below has signed for "
           "the standards it approves. Sign only after reading their changes above.")
    approvers: dict[str, list[str]] = {}
    for standard in changes.standards:
        approvers.setdefault(standard.new.approved_by, []).append(standard.title)
    rows = [[handbook.title_of(role), ", ".join(titles), "", SIGNATURE_LINE, SIGNATURE_LINE]
            for role, titles in approvers.items()]
    w.table(["Role", "Approves", "Name", "Signature", "Date"], rows or [["", "", "", "", ""]],
            [1.3, 2.2, 1.3, 1.5, 1.2])
