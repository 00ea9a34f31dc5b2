"""DocWriter: composes one house-styled Word document and saves it reproducibly.

Content is collected as WordprocessingML strings (see word_xml) and parsed once
on save; the table of contents is filled in then from the headings written, so it
shows its entries on opening. Each entry's page number is a PAGEREF field to its
heading's bookmark, which LibreOffice works out as it lays the pages out; the document
asks Word to update its fields on opening (w:updateFields), which does the same there.
"""

from __future__ import annotations

import copy
import dataclasses
import io
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from generator.model import placeholder
from generator.shared.pictures import Picture
from generator.word.markdown import MarkdownStyles, inline_xml, markdown_xml
from generator.word.ooxml import (
    TWIPS_PER_CM,
    TableLook,
    bookmark,
    column_widths,
    drawing,
    field,
    hyperlink,
    longest_word,
    page_break,
    paragraph,
    run,
    table,
)
from generator.word.properties import Properties, set_core_properties
from generator.word.styles import HouseStyle, StyleIds, new_document

_NS = nsdecls("w", "r")
TOC_LEVELS = 2
TOC_BLOCK = "contents:entries"  # the block key of the table of contents' entries
EMU_PER_CM = 360_000


class BaseDocument:
    """The house-styled blank document, styled once and reopened for every document;
    `language` is its proofing language (handbook.yaml `language`, e.g. en-GB)."""

    def __init__(self, house: HouseStyle, language: str = "en-GB") -> None:
        self.house = house
        self.language = language
        document, self.styles = new_document(house, language)
        buffer = io.BytesIO()
        document.save(buffer)
        self._blob = buffer.getvalue()

    def open(self) -> DocxDocument:
        return Document(io.BytesIO(self._blob))


class DocWriter:
    """Builds one document: call the content methods in order, then `save`."""

    def __init__(self, base: BaseDocument, *, bookmarks_from: int = 0,
                 pictures: Mapping[str, Picture] | None = None) -> None:
        self.document = base.open()
        self.language = base.language
        self.pictures = dict(pictures or {})
        self._drawings = 0
        self.house = base.house
        self.style: StyleIds = base.styles
        self.parts: list[str] = []
        # The block of the model each part belongs to ("purpose", "requirement:RISK-1"), so
        # a redline can pair the blocks of two versions of a document (see `at`).
        self.keys: list[str] = []
        self._block = "start"
        self._blocks_seen: dict[str, int] = {}
        self.headings: list[tuple[int, str, str]] = []
        self._bookmarks_from = bookmarks_from
        self._toc_at: int | None = None
        self._landscape = False
        page = self.house.page
        self.margin = round(page.get("margin_cm", 2.2) * TWIPS_PER_CM)
        self.page_size = (round(page.get("width_cm", 21.0) * TWIPS_PER_CM),
                          round(page.get("height_cm", 29.7) * TWIPS_PER_CM))
        self.landscape_above = int(page.get("landscape_above_columns", 6))
        self.landscape_margin = round(page.get("landscape_margin_cm", 1.5) * TWIPS_PER_CM)
        look = self.house.table
        colour = self.house.colour
        self.look = TableLook(border=colour(look.get("border", "BFBFBF")),
                              header_fill=colour(look.get("header_fill", "1F3864")),
                              label_fill=colour(look.get("label_fill", "F2F2F2")),
                              cell_margin=round(look.get("cell_margin_cm", 0.12) * TWIPS_PER_CM))
        self._sectpr: dict[str, str] = {}
        self.body_markdown = self._markdown_styles("Normal", body=True)
        self.guidance_markdown = self._markdown_styles("Guidance", body=False)

    def _markdown_styles(self, style: str, *, body: bool) -> MarkdownStyles:
        s = self.style
        return MarkdownStyles(
            paragraph=s(style), code_block=s("Code Block") if body else s(style),
            inline_code=s("Inline Code"), link=s("Link"),
            headings=(s("Heading 3"), s("Heading 4")) if body else (),
            table=lambda rows: self.table_xml(rows[0], rows[1:]),
            indent=round(self.house.styles.get(style, {}).get("indent_cm", 0) * TWIPS_PER_CM))

    # -- widths ----------------------------------------------------------
    @property
    def text_width(self) -> int:
        width, height = self.page_size
        if self._landscape:
            return height - 2 * self.landscape_margin
        return width - 2 * self.margin

    # -- runs ------------------------------------------------------------
    def placeholder(self, key: str) -> str:
        """A kit placeholder such as `[Project name]`, as one run of its own."""
        return run(placeholder(key), style=self.style("Placeholder"))

    def obligation(self, word: str) -> str:
        return run(word.upper(), style=self.style("Obligation"))

    # -- blocks ----------------------------------------------------------
    def at(self, key: str) -> None:
        """What follows belongs to the block `key` of the model (a field, a requirement, a
        section), until the next `at`; a key used twice is numbered."""
        number = self._blocks_seen.get(key, 0) + 1
        self._blocks_seen[key] = number
        self._block = key if number == 1 else f"{key}#{number}"

    def _put(self, xml: str) -> None:
        self.parts.append(xml)
        self.keys.append(self._block)

    def add(self, xml: str) -> None:
        self._put(xml)

    def para(self, content: str, style: str = "Normal", **options: object) -> None:
        """A paragraph of ready-made runs."""
        self._put(paragraph(content, self.style(style), **options))  # type: ignore[arg-type]

    def text(self, text: str, style: str = "Normal", **options: object) -> None:
        self.para(run(text), style, **options)

    def heading(self, text: str, level: int, *, new_page: bool = False) -> None:
        """A heading; levels up to TOC_LEVELS are listed in the contents."""
        number = self._bookmarks_from + len(self.headings) + 1
        name = f"_Toc{number:08d}"
        content = bookmark(number, name, run(text)) if level <= TOC_LEVELS else run(text)
        if level <= TOC_LEVELS:
            self.headings.append((level, text, name))
        self._put(paragraph(content, self.style(f"Heading {level}"),
                            keep_next=True, page_break_before=new_page))

    def markdown(self, text: str, *, guidance: bool = False) -> None:
        styles = self.guidance_markdown if guidance else self.body_markdown
        for xml in markdown_xml(text, styles):
            self._put(xml)

    def markdown_as(self, text: str, style: str) -> None:
        """Markdown whose paragraphs take `style` (a subtitle, a note)."""
        styles = dataclasses.replace(self.body_markdown, paragraph=self.style(style))
        for xml in markdown_xml(text, styles):
            self._put(xml)

    def inline(self, text: str) -> str:
        """Runs of a short Markdown text (a requirement, an answer)."""
        return inline_xml(text, self.body_markdown)

    def cell_runs(self, runs: str, style: str = "Table Text") -> str:
        return paragraph(runs, self.style(style))

    def cell(self, text: str, style: str = "Table Text") -> str:
        return paragraph(run(text), self.style(style))

    def table_xml(self, header: Sequence[str], rows: Sequence[Sequence[str]],
                  weights: Sequence[float | None] | None = None, *,
                  label_column: bool = False) -> str:
        """A table of plain text with a header row (if `header` is not empty)."""
        columns = len(header) if header else len(rows[0])
        compact = columns > self.landscape_above
        text, heading = ("Table Text Compact", "Table Heading Compact") if compact else (
            "Table Text", "Table Heading")
        size = float(self.house.styles.get(text, {}).get("size", 9))
        look = dataclasses.replace(self.look, cell_margin=self.look.cell_margin // 2) \
            if compact else self.look
        # narrowest width keeping each column's longest word whole: about 0.6 em a character
        floors = [round(min(max(longest_word([header[i]] if header else []) * size * 12,
                          longest_word(str(r[i]) for r in rows if i < len(r)) * size * 12),
                        3 * TWIPS_PER_CM)) + 2 * look.cell_margin
                  for i in range(columns)]
        widths = column_widths(list(weights or [None] * columns), self.text_width, floors)
        body = [[self.cell(str(v), text) for v in r] + [self.cell("", text)] * (columns - len(r))
                for r in rows]
        head = [[self.cell(h, heading) for h in header]] if header else []
        return table(head + body, widths, look, header_rows=len(head),
                     label_column=label_column)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]],
              weights: Sequence[float | None] | None = None, *,
              label_column: bool = False) -> None:
        self._put(self.table_xml(header, rows, weights, label_column=label_column))
        self._put(paragraph("", self.style("Caption")))

    def cells_table(self, rows: Sequence[Sequence[str]], weights: Sequence[float | None], *,
                    header_rows: int = 0, label_column: bool = False) -> None:
        """A table of ready-made cell contents (paragraph XML)."""
        widths = column_widths(list(weights), self.text_width)
        self._put(table(rows, widths, self.look, header_rows=header_rows,
                        label_column=label_column))
        self._put(paragraph("", self.style("Caption")))

    def page_break(self) -> None:
        self._put(page_break())

    def picture(self, name: str) -> None:
        """The picture `name` (generator.figures) at its print width, centred, with its
        title as the caption and its description as alt text; nothing if it was not drawn."""
        picture = self.pictures.get(name)
        if picture is None:
            return
        blob = picture.png_bytes()
        rid, image = self.document.part.get_or_add_image(io.BytesIO(blob))
        width = min(round(picture.print_width_cm * EMU_PER_CM), self.text_width * 635)
        height = round(width * image.px_height / image.px_width)
        self._drawings += 1
        self.at(f"picture:{name}")
        self._put(paragraph(drawing(rid, self._drawings, picture.title, picture.description,
                                    (width, height)),
                            self.style("Normal"), keep_next=True, align="center"))
        self.text(picture.title, "Caption", align="center")

    def contents(self) -> None:
        """Reserve the place of the table of contents (filled in on save)."""
        self.at("contents")
        self.text("Contents", "TOC Heading")
        self.at(TOC_BLOCK)
        self._toc_at = len(self.parts)
        self._put("")

    # -- sections --------------------------------------------------------
    def set_landscape(self, landscape: bool) -> None:
        """Start a new page in landscape (or back in portrait) for wide tables."""
        if landscape != self._landscape:
            kind = "landscape" if self._landscape else "portrait"
            self._put(f"<w:p><w:pPr>{self._sectpr[kind]}</w:pPr></w:p>")
            self._landscape = landscape

    def end_title_page(self) -> None:
        """End the title page: a section of its own, without header and footer."""
        self._put(f"<w:p><w:pPr>{self._sectpr['title']}</w:pPr></w:p>")

    def set_header_footer(self, header: tuple[str, str], footer: str) -> None:
        """Header (left and right runs) and footer (left runs, then Page X of Y)."""
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        page = (run("Page ") + field("PAGE", run("1")) + run(" of ")
                + field("NUMPAGES", run("1")))
        self._fill(section.header._element, header, "Header", "bottom")
        self._fill(section.footer._element, (footer, page), "Footer", "top")
        section.first_page_header.is_linked_to_previous = False  # blank on the title page
        section.first_page_footer.is_linked_to_previous = False
        sectpr = self.document.element.body.sectPr
        self._sectpr["title"] = etree.tostring(sectpr, encoding="unicode")
        section.different_first_page_header_footer = False
        self._sectpr["portrait"] = etree.tostring(sectpr, encoding="unicode")
        landscape = copy.deepcopy(sectpr)
        size = landscape.find(qn("w:pgSz"))
        width, height = self.page_size
        size.set(qn("w:w"), str(height))
        size.set(qn("w:h"), str(width))
        size.set(qn("w:orient"), "landscape")
        margins = landscape.find(qn("w:pgMar"))
        for side in ("w:left", "w:right"):
            margins.set(qn(side), str(self.landscape_margin))
        self._sectpr["landscape"] = etree.tostring(landscape, encoding="unicode")

    def _fill(self, element: etree._Element, cells: tuple[str, str], style: str,
              rule: str) -> None:
        sid = self.style(style)
        line = (f'<w:{rule} w:val="single" w:sz="6" w:space="0" '
                f'w:color="{self.look.border}"/>')
        xml = (f'<w:hdr {_NS}><w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/>'
               f'<w:tblBorders>{line}</w:tblBorders><w:tblLayout w:type="autofit"/>'
               '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
               '</w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="5000"/>'
               '<w:gridCol w:w="5000"/></w:tblGrid><w:tr>'
               f'<w:tc><w:tcPr><w:tcW w:w="3000" w:type="pct"/></w:tcPr>'
               f'{paragraph(cells[0], sid)}</w:tc>'
               f'<w:tc><w:tcPr><w:tcW w:w="2000" w:type="pct"/></w:tcPr>'
               f'{paragraph(cells[1], sid, align="right")}</w:tc></w:tr></w:tbl>'
               f'{paragraph("", sid)}</w:hdr>')
        for child in list(element):
            element.remove(child)
        for child in parse_xml(xml):
            element.append(child)

    def share_sections(self, other: DocWriter) -> None:
        """Use `other`'s section properties (its header and footer) for page orientation
        changes: for content written here and placed in `other`'s document."""
        self._sectpr = dict(other._sectpr)

    # -- save ------------------------------------------------------------
    def blocks(self) -> list[tuple[str, str]]:
        """The body as (block key, XML) parts, the contents filled in."""
        self._fill_contents()
        return list(zip(self.keys, self.parts, strict=True))

    def replace_body(self, parts: Sequence[str]) -> None:
        """Make `parts` (WordprocessingML, contents included) the body to save."""
        self.parts = list(parts)
        self.keys = ["start"] * len(self.parts)
        self._toc_at = None

    def _fill_contents(self) -> None:
        if self._toc_at is not None:
            self.parts[self._toc_at] = self._toc_xml()

    def save(self, path: Path, properties: Properties) -> Path:
        """Parse the body, fill the contents, set properties; write a reproducible file."""
        self._fill_contents()
        body = self.document.element.body
        if self._landscape:
            body.replace(body.sectPr, parse_xml(self._sectpr["landscape"]))
        # One parse of the whole document: moving parsed nodes into the template's tree
        # one by one takes time quadratic in the size of a large table.
        xml = etree.tostring(self.document.element, encoding="unicode")
        at = xml.rindex("<w:sectPr")
        self.document.part._element = parse_xml(xml[:at] + "".join(self.parts) + xml[at:])
        if properties.language is None:
            properties = dataclasses.replace(properties, language=self.language)
        set_core_properties(self.document, properties)
        if self._toc_at is not None:
            _update_fields_on_open(self.document)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as target:
            _save_reproducibly(self.document, target, properties.date)
        return path

    def _toc_xml(self) -> str:
        """The contents: one paragraph per heading, a link to its bookmark and its page
        number as a PAGEREF field. No TOC field around them: LibreOffice shows a TOC field's
        saved text as it is, while it works a PAGEREF out as it lays the pages out."""
        right = (("right", self.page_size[0] - 2 * self.margin, "dot"),)
        out = []
        for level, text, name in self.headings:
            number = field(f"PAGEREF {name} \\h", run(""))
            out.append(paragraph(hyperlink(name, run(text)) + run("\t") + number,
                                 self.style(f"TOC {level}"), tabs=right))
        return "".join(out)


def _update_fields_on_open(document: DocxDocument) -> None:
    """Ask Word to update the document's fields (the contents' page numbers) on opening."""
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>')
        settings.insert_element_before(update, *_SETTINGS_AFTER_UPDATE_FIELDS)


# Children that follow w:updateFields in w:settings (the schema's order).
_SETTINGS_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
    "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
    "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator")


class _FixedTimeZip:
    """python-docx's physical package writer, with fixed timestamps and permissions."""

    def __init__(self, target: BinaryIO, day: date) -> None:
        self._zip = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED)
        self._stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)

    def write(self, pack_uri: Any, blob: bytes) -> None:
        entry = zipfile.ZipInfo(pack_uri.membername, date_time=self._stamp)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        self._zip.writestr(entry, blob)

    def close(self) -> None:
        self._zip.close()


def _save_reproducibly(document: DocxDocument, target: BinaryIO, day: date) -> None:
    """Save as python-docx does (OpcPackage.save), so equal input gives equal bytes."""
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    writer = _FixedTimeZip(target, day)
    PackageWriter._write_content_types_stream(writer, package.parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, package.parts)  # type: ignore[arg-type]
    writer.close()
