"""The whole handbook as one document, ordered as the site's navigation, with the tailoring
chapter after the policies and the pictures where they belong. The controlled version is
the published one; every printed or downloaded copy, this file included, says it is
uncontrolled, on its cover, in its header and in its text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from generator.model import KINDS, Handbook, Standard
from generator.shared.pictures import Picture
from generator.word.layout import write_layout
from generator.word.ooxml import run
from generator.word.properties import Properties
from generator.word.shared_parts import (
    author,
    long_date,
    stamp,
    tier_names,
    write_header_footer,
    write_title_page,
)
from generator.word.tailoring import write_tailoring
from generator.word.writer import BaseDocument, DocWriter

UNCONTROLLED = "Uncontrolled when printed or downloaded"
TAILORING_AFTER = "policy"  # the kind whose part the tailoring chapter follows


def handbook_standards(handbook: Handbook) -> list[tuple[str, list[Standard]]]:
    """Every approved standard, grouped and ordered as the site's navigation."""
    parts = []
    for kind in KINDS:
        found = [s for s in handbook.standards if s.kind == kind.name and s.status == "approved"]
        if kind.order_by:
            found.sort(key=lambda s: getattr(s, kind.order_by or "id"))
        if found:
            parts.append((kind.word_part, found))
    return parts


def handbook_date(handbook: Handbook) -> date:
    """The release date of this version, or the latest effective date of a standard."""
    for release in handbook.releases:
        if release.version == handbook.settings.version:
            return release.date
    return max((s.effective for s in handbook.standards), default=date(2000, 1, 1))


def write_handbook_document(base: BaseDocument, handbook: Handbook, path: Path,
                            pictures: Mapping[str, Picture] | None = None) -> Path:
    """`pmo-handbook-<version>.docx`: document control, contents, every approved standard,
    the tailoring chapter, with `pictures`."""
    settings = handbook.settings
    w = DocWriter(base, pictures=pictures)
    write_header_footer(w, handbook, run(settings.title),
                        run(f"Version {settings.version} · {UNCONTROLLED}"))
    day = handbook_date(handbook)
    parts = handbook_standards(handbook)
    write_title_page(w, handbook, title=settings.title,
                     subtitle=f"Version {settings.version}, {long_date(day)}",
                     line=run(controlled_copy_line(handbook)), details=[
                         ("Version", w.cell(settings.version)),
                         ("Issued", w.cell(long_date(day))),
                         ("Owner", w.cell(author(handbook))),
                         ("Standards", w.cell(str(sum(len(p) for _, p in parts)))),
                     ])
    write_document_control(w, handbook, parts)
    w.contents()
    tailored = False
    for heading, standards in parts:
        w.heading(heading, 1, new_page=True)
        if standards[0].kind == "framework":
            w.picture("framework")
        for standard in standards:
            write_standard(w, handbook, standard)
        if standards[0].kind == TAILORING_AFTER:
            write_tailoring(w, handbook)
            tailored = True
    if not tailored:
        write_tailoring(w, handbook)
    return w.save(path, Properties(
        title=settings.title, subject=f"{settings.title}, version {settings.version}",
        keywords="handbook, standards", category="Handbook", author=author(handbook),
        version=settings.version, status="Approved",
        identifier=f"pmo-handbook@{settings.version}", date=day))


def controlled_copy_line(handbook: Handbook) -> str:
    """What the cover says of this copy; the header and the text say the same."""
    where = handbook.settings.site_url
    return (f"{UNCONTROLLED}: the controlled version is at {where}" if where
            else f"{UNCONTROLLED}: the controlled version is the one the PMO publishes")


def write_document_control(w: DocWriter, handbook: Handbook,
                           parts: Sequence[tuple[str, list[Standard]]]) -> None:
    settings = handbook.settings
    pmo_type = settings.pmo_type_info()
    w.text("Document control", "TOC Heading")
    where = (f"the one published at {settings.site_url}" if settings.site_url
             else "the one the PMO publishes")
    w.text(f"The controlled version of this handbook is {where}. Every printed or downloaded "
           "copy, this one included, is uncontrolled: check its version against the "
           "controlled one before relying on it.")
    w.table([], [["Organisation", settings.organisation],
                 ["PMO type in force", f"{pmo_type.title}: {pmo_type.authority.lower()}"],
                 ["Tiers", tier_names(handbook, [t.id for t in settings.tiers])]],
            [1.0, 2.4], label_column=True)
    rows = [[s.title, s.id, s.version, s.effective.isoformat(), handbook.title_of(s.owner)]
            for _, standards in parts for s in standards]
    w.table(["Standard", "Id", "Version", "Effective", "Owner"], rows,
            [2.4, 1.8, 0.8, 1.0, 1.4])
    w.page_break()


def write_standard(w: DocWriter, handbook: Handbook, standard: Standard) -> None:
    """One standard: heading, its control line, summary, then its kind's Word layout."""
    w.heading(standard.title, 2)
    w.text(f"{stamp(standard)} · {standard.status.capitalize()} · effective "
           f"{long_date(standard.effective)} · owner {handbook.title_of(standard.owner)}",
           "Requirement Detail", indent=(0, 0))
    w.markdown_as(standard.summary, "Caption")
    write_layout(w, handbook, standard, KINDS[standard.kind].word_layout, level=3)
