"""The whole handbook as one controlled document, ordered as the site's navigation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from generator.model import (
    Artefact,
    Charter,
    Faq,
    Glossary,
    Handbook,
    Pillar,
    Policy,
    Role,
    Standard,
)
from generator.word_artefact import write_sections
from generator.word_common import (
    author,
    long_date,
    role_title,
    stamp,
    tier_names,
    write_header_footer,
    write_title_page,
)
from generator.word_policy import write_approval, write_history, write_policy, write_raci
from generator.word_writer import BaseDocument, DocWriter, Properties
from generator.word_xml import run

# (heading, kind) in the order of the site's navigation
PARTS = (("PMO charter", "charter"), ("Framework", "framework"), ("Policies", "policy"),
         ("Artefacts", "artefact"), ("Roles", "role"), ("Glossary", "glossary"),
         ("Frequently asked questions", "faq"))


def handbook_standards(handbook: Handbook) -> list[tuple[str, list[Standard]]]:
    """Every approved standard, grouped and ordered as the site's navigation."""
    parts = []
    for heading, kind in PARTS:
        found = [s for s in handbook.standards if s.kind == kind and s.status == "approved"]
        if kind == "framework":
            found.sort(key=lambda s: s.pillar_order if isinstance(s, Pillar) else 0)
        if found:
            parts.append((heading, found))
    return parts


def handbook_date(handbook: Handbook) -> date:
    """The release date of this version, or the latest effective date of a standard."""
    for release in handbook.releases:
        if release.version == handbook.settings.version:
            return release.date
    return max((s.effective for s in handbook.standards), default=date(2000, 1, 1))


def write_handbook_document(base: BaseDocument, handbook: Handbook, path: Path) -> Path:
    """`pmo-handbook-<version>.docx`: document control, contents, every approved standard."""
    settings = handbook.settings
    w = DocWriter(base)
    write_header_footer(w, handbook, run(settings.title),
                        run(f"Version {settings.version} · Controlled copy"))
    day = handbook_date(handbook)
    parts = handbook_standards(handbook)
    write_title_page(w, handbook, title=settings.title,
                     subtitle=f"Version {settings.version}, {long_date(day)}",
                     line=run("Controlled copy"), details=[
                         ("Version", w.cell(settings.version)),
                         ("Issued", w.cell(long_date(day))),
                         ("Owner", w.cell(author(handbook))),
                         ("Standards", w.cell(str(sum(len(p) for _, p in parts)))),
                     ])
    write_document_control(w, handbook, parts)
    w.contents()
    for heading, standards in parts:
        w.heading(heading, 1, new_page=True)
        for standard in standards:
            write_standard(w, handbook, standard)
    return w.save(path, Properties(
        title=settings.title, subject=f"{settings.title}, version {settings.version}",
        keywords="handbook, standards", category="Handbook", author=author(handbook),
        version=settings.version, status="Approved",
        identifier=f"pmo-handbook@{settings.version}", date=day))


def write_document_control(w: DocWriter, handbook: Handbook,
                           parts: Sequence[tuple[str, list[Standard]]]) -> None:
    settings = handbook.settings
    pmo_type = settings.pmo_type_info()
    w.text("Document control", "TOC Heading")
    where = (f" The current version is published at {settings.site_url}."
             if settings.site_url else "")
    w.text("This is a controlled copy of the handbook. Printed or downloaded copies are "
           f"uncontrolled: check the version before relying on one.{where}")
    w.table([], [["Organisation", settings.organisation],
                 ["PMO type in force", f"{pmo_type.title}: {pmo_type.authority.lower()}"],
                 ["Tiers", tier_names(handbook, [t.id for t in settings.tiers])]],
            [1.0, 2.4], label_column=True)
    rows = [[s.title, s.id, s.version, s.effective.isoformat(), role_title(handbook, s.owner)]
            for _, standards in parts for s in standards]
    w.table(["Standard", "Id", "Version", "Effective", "Owner"], rows,
            [2.4, 1.8, 0.8, 1.0, 1.4])
    w.page_break()


def write_standard(w: DocWriter, handbook: Handbook, standard: Standard) -> None:
    """One standard: heading, its control line, summary, its kind's content."""
    w.heading(standard.title, 2)
    w.text(f"{stamp(standard)} · {standard.status.capitalize()} · effective "
           f"{long_date(standard.effective)} · owner {role_title(handbook, standard.owner)}",
           "Requirement Detail", indent=(0, 0))
    w.markdown_as(standard.summary, "Caption")
    writer = _WRITERS.get(type(standard))
    if writer:
        writer(w, handbook, standard)
    if not isinstance(standard, Policy) and standard.body.strip():
        w.markdown(standard.body)
    if not isinstance(standard, Policy):
        write_raci(w, handbook, standard, level=3)


def _charter(w: DocWriter, handbook: Handbook, charter: Charter) -> None:
    pmo_type = handbook.settings.pmo_type_info(charter.pmo_type)
    w.heading("Mandate", 3)
    w.markdown(charter.mandate)
    w.para(run("PMO type: ", bold=True) + run(f"{pmo_type.title} ({pmo_type.authority})"))
    w.heading("Scope", 3)
    w.markdown(charter.scope)
    w.heading("Services", 3)
    w.table(["Service", "Description"], [[s.name, s.description] for s in charter.services],
            [1.0, 3.0])
    w.heading("Success measures", 3)
    w.table(["Measure", "Target"], [[m.measure, m.target] for m in charter.success_measures],
            [3.0, 1.0])
    if charter.roadmap:
        w.heading("Roadmap", 3)
        w.table(["Horizon", "Outcome"], [[m.horizon, m.outcome] for m in charter.roadmap],
                [1.0, 3.0])


def _pillar(w: DocWriter, _handbook: Handbook, pillar: Pillar) -> None:
    w.para(run("Focus: ", bold=True) + run(pillar.focus))
    w.markdown("\n".join(f"- {p}" for p in pillar.practices))


def _policy(w: DocWriter, handbook: Handbook, policy: Policy) -> None:
    write_policy(w, handbook, policy, level=3)
    write_approval(w, handbook, policy, level=3)
    write_history(w, policy, level=3)


def _artefact(w: DocWriter, handbook: Handbook, artefact: Artefact) -> None:
    w.markdown(artefact.purpose)
    w.para(run("Required for: ", bold=True) + run(tier_names(handbook, artefact.tiers)))
    write_sections(w, artefact, level=3)


def _role(w: DocWriter, handbook: Handbook, role: Role) -> None:
    if role.reports_to:
        w.para(run("Reports to: ", bold=True) + run(role_title(handbook, role.reports_to)))
    w.heading("Responsibilities", 3)
    w.markdown("\n".join(f"- {r}" for r in role.responsibilities))
    if role.authority:
        w.heading("Authority", 3)
        w.markdown(role.authority)


def _glossary(w: DocWriter, _handbook: Handbook, glossary: Glossary) -> None:
    w.table(["Term", "Abbreviation", "Definition"],
            [[t.term, t.abbreviation or "", t.definition] for t in glossary.terms],
            [1.2, 0.8, 3.5])


def _faq(w: DocWriter, _handbook: Handbook, faq: Faq) -> None:
    for question in faq.questions:
        w.heading(question.question, 3)
        w.markdown(question.answer)


_WRITERS: dict[type, Callable[[DocWriter, Handbook, object], None]] = {
    Charter: _charter, Pillar: _pillar, Policy: _policy, Artefact: _artefact,  # type: ignore[dict-item]
    Role: _role, Glossary: _glossary, Faq: _faq,  # type: ignore[dict-item]
}
