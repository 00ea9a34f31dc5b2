"""Parts every Word document shares: title page, header and footer, properties, names."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from generator.model import KINDS, Handbook, Standard
from generator.word.ooxml import run
from generator.word.properties import Properties
from generator.word.writer import DocWriter


def author(handbook: Handbook) -> str:
    """Who documents are by: the organisation's PMO, e.g. "Northwind PMO"."""
    return handbook.settings.pmo_name


def tier_names(handbook: Handbook, tiers: Sequence[int]) -> str:
    names = {t.id: t.name for t in handbook.settings.tiers}
    return ", ".join(names.get(t, f"Tier {t}") for t in sorted(tiers))


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def stamp(standard: Standard) -> str:
    """`id@version`, how documents cite the standard they come from."""
    return f"{standard.id}@{standard.version}"


def write_header_footer(w: DocWriter, handbook: Handbook, left: str, right: str) -> None:
    """Header: `left` and `right` runs; footer: the PMO, then Page X of Y."""
    w.set_header_footer((left, right), run(f"{author(handbook)} · "
                                           f"{handbook.settings.organisation}"))


def write_title_page(w: DocWriter, handbook: Handbook, *, title: str, subtitle: str,
                     line: str, details: Sequence[tuple[str, str]]) -> None:
    """Organisation, title, subtitle, a line of runs (e.g. the project) and a details table."""
    w.at("title")
    w.text(handbook.settings.organisation, "Cover Organisation")
    w.text(title, "Title")
    w.markdown_as(subtitle, "Subtitle")
    if line:
        w.para(line, "Cover Label")
    rows = [[w.cell(label, "Table Text"), value] for label, value in details]
    w.cells_table(rows, [1.0, 2.4], label_column=True)
    w.end_title_page()


def standard_properties(handbook: Handbook, standard: Standard, *, title: str | None = None,
                        category: str | None = None) -> Properties:
    """Document properties equal to what the standard says."""
    keywords = [standard.kind, standard.id]
    if standard.pillar:
        keywords.append(standard.pillar)
    return Properties(
        title=title or standard.title, subject=standard.summary,
        keywords=", ".join(keywords), category=category or KINDS[standard.kind].word_category,
        author=author(handbook), version=standard.version, status=standard.status.capitalize(),
        identifier=stamp(standard), date=standard.effective)


def standard_details(w: DocWriter, handbook: Handbook,
                     standard: Standard) -> list[tuple[str, str]]:
    """The details rows every title page shows about its standard."""
    def cell(text: str) -> str:
        return w.cell(text)
    return [
        ("Standard", cell(f"{standard.id}, version {standard.version}")),
        ("Status", cell(standard.status.capitalize())),
        ("Effective", cell(long_date(standard.effective))),
        ("Next review", cell(long_date(standard.review_by))),
        ("Owner", cell(handbook.title_of(standard.owner))),
    ]
