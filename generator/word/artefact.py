"""Artefact templates: a title page, contents, and each section with its guidance,
fields and table, ready for a project manager to fill in."""

from __future__ import annotations

from pathlib import Path

from generator.model import Artefact, Handbook, Section, SectionTable
from generator.word.ooxml import paragraph, run
from generator.word.shared_parts import (
    role_title,
    stamp,
    standard_details,
    standard_properties,
    tier_names,
    write_header_footer,
    write_title_page,
)
from generator.word.writer import BaseDocument, DocWriter, Properties

BLANK_ROWS = 3
GUIDANCE_NOTE = ("Text in this style is guidance from the PMO. Read it, then delete it "
                 "as you write. Text in [square brackets] is filled in for your project by "
                 "the project kit, or by you.")


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
        run(f"{stamp(artefact)} · {artefact.status.capitalize()}"))
    details = [
        ("Project", w.cell_runs(w.placeholder("project_name"))),
        ("Project manager", w.cell_runs(w.placeholder("project_manager"))),
        ("Sponsor", w.cell_runs(w.placeholder("sponsor"))),
        *standard_details(w, handbook, artefact),
        ("Required for", w.cell(tier_names(handbook, artefact.tiers))),
    ]
    write_title_page(w, handbook, title=artefact.title, subtitle=artefact.summary,
                     line=run("Project: ") + w.placeholder("project_name"), details=details)
    w.contents()
    write_artefact_body(w, handbook, artefact, level=1)
    return standard_properties(handbook, artefact)


def write_artefact_body(w: DocWriter, handbook: Handbook, artefact: Artefact, *,
                        level: int) -> None:
    """Everything after the contents: what the document is for, then every section."""
    w.at("about")
    w.heading("About this document", level)
    w.markdown(artefact.purpose)
    if artefact.responsible:
        w.text(f"Kept by the {role_title(handbook, artefact.responsible).lower()}.")
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
