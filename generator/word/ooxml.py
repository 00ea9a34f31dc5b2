"""WordprocessingML fragments as strings: runs, paragraphs, fields, bookmarks, tables.

The Word renderer builds each document body as one string and parses it once,
which is many times faster than growing it element by element. Fragments use
the `w:` prefix; the caller parses them inside an element declaring it.
Children are written in the order the OOXML schema requires (Word rejects others).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

TWIPS_PER_CM = 567


_QUOTE = {'"': "&quot;"}


def esc(text: str) -> str:
    """Escape text for an element or a double-quoted attribute."""
    return escape(text, _QUOTE)


def run(text: str, *, style: str | None = None, bold: bool = False, italic: bool = False,
        colour: str | None = None) -> str:
    """One run; newlines become line breaks and tabs become tab characters."""
    props = "".join((
        f'<w:rStyle w:val="{style}"/>' if style else "",
        "<w:b/>" if bold else "",
        "<w:i/>" if italic else "",
        f'<w:color w:val="{colour}"/>' if colour else "",
    ))
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{_run_content(text)}</w:r>"


def _run_content(text: str) -> str:
    parts: list[str] = []
    for index, line in enumerate(text.split("\n")):
        if index:
            parts.append("<w:br/>")
        for tab_index, chunk in enumerate(line.split("\t")):
            if tab_index:
                parts.append("<w:tab/>")
            if chunk:
                parts.append(f'<w:t xml:space="preserve">{esc(chunk)}</w:t>')
    return "".join(parts)


def paragraph(content: str, style: str, *, keep_next: bool = False,
              page_break_before: bool = False,
              tabs: Sequence[tuple[str, int] | tuple[str, int, str]] = (),
              indent: tuple[int, int] | None = None, align: str | None = None,
              section: str = "") -> str:
    """A paragraph in `style` (a style id); `indent` is (left, hanging) in twips; a tab stop
    is (kind, position) or (kind, position, leader), e.g. ("right", 9600, "dot")."""
    tab_xml = "".join(f'<w:tab w:val="{t[0]}"'
                      + (f' w:leader="{t[2]}"' if len(t) > 2 else "")  # type: ignore[misc]
                      + f' w:pos="{t[1]}"/>' for t in tabs)
    ppr = "".join((
        f'<w:pStyle w:val="{style}"/>',
        "<w:keepNext/>" if keep_next else "",
        "<w:pageBreakBefore/>" if page_break_before else "",
        f"<w:tabs>{tab_xml}</w:tabs>" if tabs else "",
        f'<w:ind w:left="{indent[0]}" w:hanging="{indent[1]}"/>' if indent else "",
        f'<w:jc w:val="{align}"/>' if align else "",
        section,
    ))
    return f"<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>"


def page_break() -> str:
    return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def field(instruction: str, shown: str) -> str:
    """A complex field (PAGE, NUMPAGES, TOC...) with `shown` runs as its current result."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {esc(instruction)} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'{shown}<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def bookmark(number: int, name: str, content: str) -> str:
    return (f'<w:bookmarkStart w:id="{number}" w:name="{name}"/>{content}'
            f'<w:bookmarkEnd w:id="{number}"/>')


def drawing(rid: str, number: int, name: str, description: str, size: tuple[int, int]) -> str:
    """An inline picture (a run): the image part `rid`, `size` in EMU, its alt text
    (`description`, Word's wp:docPr descr) and `name` (wp:docPr title)."""
    cx, cy = size
    alt = f'descr="{esc(description)}" title="{esc(name)}"'
    return (
        "<w:r><w:drawing>"
        f'<wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="{_WP}">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{number}" name="Picture {number}" {alt}/>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{_A}" noChangeAspect="1"/>'
        f'</wp:cNvGraphicFramePr><a:graphic xmlns:a="{_A}"><a:graphicData uri="{_PIC}">'
        f'<pic:pic xmlns:pic="{_PIC}"><pic:nvPicPr><pic:cNvPr id="{number}" '
        f'name="picture-{number}.png" {alt}/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
        '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        "</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>"
        "</w:drawing></w:r>")


_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"


def hyperlink(anchor: str, content: str) -> str:
    return f'<w:hyperlink w:anchor="{anchor}" w:history="1">{content}</w:hyperlink>'


@dataclass(frozen=True, slots=True)
class TableLook:
    """How tables look: border colour, header fill, label-column fill, cell margin (twips)."""

    border: str
    header_fill: str
    label_fill: str
    cell_margin: int


def table(rows: Iterable[Sequence[str]], widths: Sequence[int], look: TableLook, *,
          header_rows: int = 1, label_column: bool = False) -> str:
    """A table of cell contents (paragraph XML) with fixed column `widths` in twips.

    The first `header_rows` rows repeat on every page and are filled with the
    header colour; with `label_column` the first column is filled as labels.
    """
    border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{look.border}"/>'
                     for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    margin = look.cell_margin
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    parts = [
        "<w:tbl><w:tblPr>",
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>',
        f"<w:tblBorders>{border}</w:tblBorders>",
        '<w:tblLayout w:type="fixed"/>',
        f'<w:tblCellMar><w:top w:w="{margin // 2}" w:type="dxa"/>'
        f'<w:left w:w="{margin}" w:type="dxa"/><w:bottom w:w="{margin // 2}" w:type="dxa"/>'
        f'<w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>',
        f'<w:tblLook w:val="04A0" w:firstRow="{1 if header_rows else 0}" w:lastRow="0" '
        f'w:firstColumn="{1 if label_column else 0}" w:lastColumn="0" w:noHBand="1" '
        'w:noVBand="1"/>',
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>",
    ]
    for index, cells in enumerate(rows):
        header = index < header_rows
        parts.append("<w:tr><w:trPr><w:cantSplit/>")
        parts.append("<w:tblHeader/></w:trPr>" if header else "</w:trPr>")
        for column, (content, width) in enumerate(zip(cells, widths, strict=True)):
            fill = look.header_fill if header else (
                look.label_fill if label_column and column == 0 else "")
            shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
            parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}'
                         f"</w:tcPr>{content}</w:tc>")
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def column_widths(weights: Sequence[float | None], total: int,
                  minimums: Sequence[int] | None = None) -> list[int]:
    """Split `total` twips in proportion to `weights` (None counts as 1), giving each
    column at least its minimum (e.g. its longest word) when they all fit."""
    values = [w if w and w > 0 else 1.0 for w in weights]
    floors = list(minimums or [0] * len(values))
    if sum(floors) > total:
        floors = [int(f * total / sum(floors)) for f in floors]
    fixed: dict[int, int] = {}
    while True:
        free = [i for i in range(len(values)) if i not in fixed]
        room = total - sum(fixed.values())
        weight = sum(values[i] for i in free) or 1.0
        short = [i for i in free if values[i] * room / weight < floors[i]]
        if not short:
            break
        fixed.update((i, floors[i]) for i in short)
    widths = [fixed.get(i, int(values[i] * room / weight)) for i in range(len(values))]
    widths[-1] += total - sum(widths)
    return widths


def longest_word(texts: Iterable[str]) -> int:
    """Length of the longest word in `texts` (how narrow a column can get)."""
    return max((len(word) for text in texts for word in text.split()), default=0)
