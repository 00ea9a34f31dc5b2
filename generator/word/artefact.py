"""Artefact templates: documents a project manager fills in and sends. Each carries the
project's own document control (version, status Draft until approved, author = the
project manager, distribution, approval with signature lines) and says which template
and version it is based on, never the template's own status and dates; then contents,
and each section with its guidance, fields and table."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator.model import Artefact, Handbook, Section, SectionTable, placeholder
from generator.word.ooxml import paragraph, run
from generator.word.shared_parts import (
    standard_properties,
    tier_names,
    write_header_footer,
    write_title_page,
)
from generator.word.writer import BaseDocument, DocWriter, Properties

BLANK_ROWS = 3
FIRST_VERSION = "0.1"
DRAFT = "Draft"
SIGNATURE = "_" * 20
DATE_LINE = "_" * 12  # fits the approval table's date column on one line
GUIDANCE_NOTE = ("Text in this style is guidance from the PMO. Read it, then delete it "
                 "as you write. Text in [square brackets] is filled in for your project by "
                 "the project kit, or by you.")
CONTROL_NOTE = ("Keep the status Draft until everyone in the approval table has signed; then "
                "set it to Approved, and add a row to the version history for every version "
                "you send.")


def based_on(artefact: Artefact) -> str:
    """"Based on Project charter 1.3.0": the template and version a project document
    comes from, in place of the template's own status and dates."""
    return f"Based on {artefact.title} {artefact.version}"


def write_artefact_template(base: BaseDocument, handbook: Handbook, artefact: Artefact,
                            path: Path) -> Path:
    """`<id>.docx`: the artefact as a template a project manager fills in."""
    w = DocWriter(base)
    return w.save(path, compose_artefact_template(w, handbook, artefact))


def compose_artefact_template(w: DocWriter, handbook: Handbook,
                              artefact: Artefact) -> Properties:
    """Write the whole artefact template into `w`; return its properties."""
    write_header_footer(
        w, handbook,
        w.placeholder("project_name") + run(f" · {artefact.title}"),
        run(based_on(artefact)))
    details = [
        ("Project", w.cell_runs(w.placeholder("project_name"))),
        ("Version", w.cell(FIRST_VERSION)),
        ("Status", w.cell(DRAFT)),
        ("Author", w.cell_runs(w.placeholder("project_manager"))),
        ("Sponsor", w.cell_runs(w.placeholder("sponsor"))),
        ("Date", w.cell_runs(w.placeholder("start_date"))),
        ("Based on", w.cell(f"{artefact.title} template, version {artefact.version} "
                            f"({handbook.settings.title} {handbook.settings.version})")),
        ("Required for", w.cell(tier_names(handbook, artefact.tiers))),
    ]
    write_title_page(w, handbook, title=artefact.title, subtitle=artefact.summary,
                     line=run("Project: ") + w.placeholder("project_name"), details=details)
    write_document_control(w, handbook, artefact)
    w.contents()
    write_artefact_body(w, handbook, artefact, level=1)
    return dataclasses.replace(standard_properties(handbook, artefact),
                               author=placeholder("project_manager"), version=FIRST_VERSION,
                               status=DRAFT)


def write_document_control(w: DocWriter, handbook: Handbook, artefact: Artefact) -> None:
    """The project's own control of this document: versions, distribution, approval."""
    w.at("control")
    w.text("Document control", "TOC Heading")
    w.markdown(CONTROL_NOTE, guidance=True)
    sponsor, manager = handbook.title_of("sponsor") or "Sponsor", \
        handbook.title_of("project-manager") or "Project manager"
    w.text("Version history", "Heading 4")
    first = [w.cell(FIRST_VERSION), w.cell_runs(w.placeholder("start_date")),
             w.cell_runs(w.placeholder("project_manager")),
             w.cell(f"First draft, from the {artefact.title} template {artefact.version}")]
    blank = [w.cell("")] * 4
    w.cells_table([_heads(w, "Version", "Date", "Author", "Change"), first, blank, blank],
                  [0.7, 1.0, 1.4, 3.0], header_rows=1)
    w.text("Distribution", "Heading 4")
    w.cells_table([_heads(w, "Name", "Role", "Receives it for"),
                   [w.cell_runs(w.placeholder("sponsor")), w.cell(sponsor), w.cell("Approval")],
                   [w.cell_runs(w.placeholder("project_manager")), w.cell(manager),
                    w.cell("Author")], [w.cell("")] * 3, [w.cell("")] * 3],
                  [1.6, 1.6, 2.0], header_rows=1)
    w.text("Approval", "Heading 4")
    w.cells_table([_heads(w, "Role", "Name", "Signature", "Date"),
                   [w.cell(sponsor), w.cell_runs(w.placeholder("sponsor")), w.cell(SIGNATURE),
                    w.cell(DATE_LINE)],
                   [w.cell(""), w.cell(""), w.cell(SIGNATURE), w.cell(DATE_LINE)]],
                  [1.2, 1.6, 1.7, 1.2], header_rows=1)
    w.page_break()


def _heads(w: DocWriter, *names: str) -> list[str]:
    return [w.cell(name, "Table Heading") for name in names]


def write_artefact_body(w: DocWriter, handbook: Handbook, artefact: Artefact, *,
                        level: int) -> None:
    """Everything after the contents: what the document is for, then every section."""
    w.at("about")
    w.heading("About this document", level)
    w.markdown(artefact.purpose)
    if artefact.responsible:
        w.text(f"Kept by the {handbook.title_of(artefact.responsible).lower()}.")
    w.markdown(GUIDANCE_NOTE, guidance=True)
    write_sections(w, artefact, level=level)


def write_sections(w: DocWriter, artefact: Artefact, *, level: int) -> None:
    """Every section: heading, guidance, fields table and table; wide tables go landscape."""
    for section in artefact.sections:
        w.at(f"section:{section.title}")
        wide = section.table is not None and len(section.table.columns) > w.landscape_above
        w.set_landscape(wide)
        w.heading(section.title, level)
        write_section(w, section)
    w.at("sections:end")
    w.set_landscape(False)


def write_section(w: DocWriter, section: Section) -> None:
    w.markdown(section.guidance, guidance=True)
    if section.fields:
        rows = []
        for field in section.fields:
            answer = [paragraph(w.placeholder(field.answer), w.style("Table Text"))
                      if field.answer else w.cell("")]
            if field.hint:
                answer.append(paragraph(run(field.hint), w.style("Guidance")))
            rows.append([w.cell(field.label, "Table Text"), "".join(answer)])
        w.cells_table(rows, [1.0, 2.4], label_column=True)
    if section.table is not None:
        write_table(w, section.table)


def write_table(w: DocWriter, table: SectionTable) -> None:
    """Column guide (as guidance), then the table: header, example rows, blank rows."""
    guide = [f"- **{c.name}**" + (f": {c.description}" if c.description else "")
             + (f" ({', '.join(c.choices)})" if c.choices else "")
             for c in table.columns if c.description or c.choices]
    if guide:
        w.markdown("\n".join(guide), guidance=True)
    if table.rows:
        w.markdown("The first rows are examples: replace them with your own.", guidance=True)
    header = [c.name for c in table.columns]
    blanks = [[""] * len(header) for _ in range(BLANK_ROWS)]
    w.table(header, [*table.rows, *blanks], [c.width for c in table.columns])
