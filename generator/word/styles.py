"""The house style of every Word document: read once from templates/word/house-style.toml.

`load_house_style` reads the style file; `new_document` returns a python-docx
document with the page set up and every style applied; `StyleIds` maps the
style names the renderer asks for to their ids and raises a BuildError naming a
style that the house style does not define.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from generator.errors import BuildError
from generator.shared.templating import TEMPLATES_DIR

STYLE_FILE = TEMPLATES_DIR / "word" / "house-style.toml"
_TYPES = {"paragraph": WD_STYLE_TYPE.PARAGRAPH, "character": WD_STYLE_TYPE.CHARACTER}
# Names Word knows its built-in styles by (the "ui" name differs for a few).
_BUILTIN_NAMES = {"TOC 1": ("toc 1", "TOC1"), "TOC 2": ("toc 2", "TOC2"),
                  "TOC 3": ("toc 3", "TOC3")}

# Children that must follow w:shd in w:pPr and w:rPr (Word rejects other orders).
_PPR_AFTER_SHD = ("w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                  "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                  "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                  "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                  "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                  "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_RPR_AFTER_SHD = ("w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
                  "w:eastAsianLayout", "w:specVanish", "w:oMath")


@dataclass(frozen=True, slots=True)
class HouseStyle:
    """The parsed house-style file."""

    page: Mapping[str, Any]
    table: Mapping[str, Any]
    colours: Mapping[str, str]
    styles: Mapping[str, Mapping[str, Any]]
    source: Path

    def colour(self, name: str) -> str:
        """A colour by its name in [colours], or a literal RRGGBB."""
        return self.colours.get(name, name)


def load_house_style(path: Path = STYLE_FILE) -> HouseStyle:
    """Read the house-style file; a missing or malformed file is a BuildError."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise BuildError(f"{path}: cannot read the Word house style: {err}; "
                         "restore templates/word/house-style.toml") from err
    styles = data.get("styles", {})
    for name, spec in styles.items():
        if spec.get("type") not in _TYPES:
            raise BuildError(f"{path}: style {name!r}: type must be 'paragraph' or 'character'")
    return HouseStyle(page=data.get("page", {}), table=data.get("table", {}),
                      colours=data.get("colours", {}), styles=styles, source=path)


class StyleIds:
    """Style name -> style id of one document, checked against the house style."""

    def __init__(self, house: HouseStyle, ids: Mapping[str, str]) -> None:
        self._house = house
        self._ids = dict(ids)

    def __call__(self, name: str) -> str:
        try:
            return self._ids[name]
        except KeyError:
            raise BuildError(
                f"{self._house.source}: the Word house style has no style {name!r}; "
                f"add a [styles.\"{name}\"] table to it") from None

    def require(self, names: Iterable[str]) -> None:
        """Fail early, naming the first style the house style lacks."""
        for name in names:
            self(name)


def new_document(house: HouseStyle, language: str = "en-GB") -> tuple[DocxDocument, StyleIds]:
    """A blank document with the page set up, every house style applied and `language`
    (e.g. en-GB) as the proofing language of the defaults and of every style."""
    document = Document()
    _drop_unused_styles(document)
    _set_default_language(document, language)
    section = document.sections[0]
    page = house.page
    section.page_width = Cm(page.get("width_cm", 21.0))
    section.page_height = Cm(page.get("height_cm", 29.7))
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(page.get("margin_cm", 2.2)))
    section.header_distance = Cm(page.get("header_cm", 1.0))
    section.footer_distance = Cm(page.get("footer_cm", 1.0))
    ids: dict[str, str] = {}
    for name, spec in house.styles.items():
        ids[name] = _apply_style(document, house, name, spec)
    for style in document.styles.element.findall(qn("w:style")):
        _set_language(style.get_or_add_rPr(), language)
    return document, StyleIds(house, ids)


def _set_default_language(document: DocxDocument, language: str) -> None:
    """`language` in the document defaults (w:docDefaults/w:rPrDefault/w:rPr/w:lang)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f'{qn("w:rPrDefault")}/{qn("w:rPr")}')
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attribute in list(lang.attrib):
        del lang.attrib[attribute]
    lang.set(qn("w:val"), language)


def _set_language(rpr: Any, language: str) -> None:
    """Proofing language `language` for the text of `rpr`."""
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")


def _drop_unused_styles(document: DocxDocument) -> None:
    """Remove the base template's ~100 table styles and latent styles (smaller, faster files)."""
    styles = document.styles.element
    keep = {"TableNormal", "TableGrid"}
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in keep:
            styles.remove(style)
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)


def _apply_style(document: DocxDocument, house: HouseStyle, name: str,
                 spec: Mapping[str, Any]) -> str:
    kind = _TYPES[spec["type"]]
    word_name, style_id = _BUILTIN_NAMES.get(name, (name, ""))
    try:
        style = document.styles[word_name]
    except KeyError:
        style = document.styles.add_style(word_name, kind)
        if style_id:
            style.element.set(qn("w:styleId"), style_id)
    style.hidden = False
    style.quick_style = True
    if "based_on" in spec:
        style.base_style = document.styles[_BUILTIN_NAMES.get(spec["based_on"],
                                                               (spec["based_on"], ""))[0]]
    _apply_font(style, house, spec)
    if kind == WD_STYLE_TYPE.PARAGRAPH:
        _apply_paragraph(style, house, spec)
    return str(style.style_id)


def _apply_font(style: Any, house: HouseStyle, spec: Mapping[str, Any]) -> None:
    rpr = style.element.get_or_add_rPr()
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)  # theme fonts of the base template would win over inheritance
    font = style.font
    if "font" in spec:
        fonts = rpr.get_or_add_rFonts()
        for side in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(side), spec["font"])
    if "size" in spec:
        font.size = Pt(spec["size"])
    if "bold" in spec:
        font.bold = bool(spec["bold"])
    if "italic" in spec:
        font.italic = bool(spec["italic"])
    if "caps" in spec:
        font.all_caps = bool(spec["caps"])
    if "underline" in spec:
        font.underline = bool(spec["underline"])
    if "colour" in spec:
        font.color.rgb = RGBColor.from_string(house.colour(spec["colour"]))
    if "fill" in spec:
        _set_shading(rpr, house.colour(spec["fill"]))


def _apply_paragraph(style: Any, house: HouseStyle, spec: Mapping[str, Any]) -> None:
    fmt = style.paragraph_format
    if "space_before" in spec:
        fmt.space_before = Pt(spec["space_before"])
    if "space_after" in spec:
        fmt.space_after = Pt(spec["space_after"])
    if "line_spacing" in spec:
        fmt.line_spacing = spec["line_spacing"]
    if "keep_with_next" in spec:
        fmt.keep_with_next = bool(spec["keep_with_next"])
    if "indent_cm" in spec:
        fmt.left_indent = Cm(spec["indent_cm"])
    ppr = style.element.get_or_add_pPr()
    if "outline_level" in spec:
        for old in ppr.findall(qn("w:outlineLvl")):
            ppr.remove(old)
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(spec["outline_level"]))
        ppr.insert_element_before(level, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                                  "w:pPrChange")
    borders = {side: spec[f"border_{side}"] for side in ("top", "left", "bottom")
               if f"border_{side}" in spec}
    if borders:
        _set_borders(ppr, {side: house.colour(c) for side, c in borders.items()})
    if "fill" in spec:
        _set_shading(ppr, house.colour(spec["fill"]))


def _set_borders(ppr: Any, sides: Mapping[str, str]) -> None:
    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)
    border = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom"):
        if side in sides:
            line = OxmlElement(f"w:{side}")
            width = "18" if side == "left" else "6"
            for key, value in (("w:val", "single"), ("w:sz", width), ("w:space", "4"),
                               ("w:color", sides[side])):
                line.set(qn(key), value)
            border.append(line)
    ppr.insert_element_before(border, "w:shd", *_PPR_AFTER_SHD)


def _set_shading(parent: Any, fill: str) -> None:
    for old in parent.findall(qn("w:shd")):
        parent.remove(old)
    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
        shading.set(qn(key), value)
    successors = _PPR_AFTER_SHD if parent.tag == qn("w:pPr") else _RPR_AFTER_SHD
    parent.insert_element_before(shading, *successors)
