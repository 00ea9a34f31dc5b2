"""Whether a piece of gate evidence is in the project folder and filled in.

- a Word document (documents/<id>.docx) is not filled in while it still holds a kit
  placeholder such as `[Project name]`, or the PMO's guidance paragraphs the template
  asks the project manager to delete as they write;
- a register (registers/<id>.xlsx) is empty while its first sheet has no row of data
  below the header (a formula, such as the RAID log's score, is not data).

Read straight from the zip's XML: no Office library, so a portfolio of a thousand projects
is read in seconds.
"""

from __future__ import annotations

import functools
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from generator.model import Artefact, Handbook, placeholder
from generator.model.answers import BUILTIN_KEYS
from generator.model.project import (
    EMPTY,
    FILLED,
    GUIDANCE,
    MISSING,
    PLACEHOLDERS,
    UNREADABLE,
    EvidenceFile,
)

DOCUMENTS_DIR, REGISTERS_DIR = "documents", "registers"  # as the kit lays a project out
GUIDANCE_STYLE = re.compile(rb'<w:pStyle w:val="Guidance"\s*/>')
TEXT_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
ROW = re.compile(rb'<row\b[^>]*?\br="(\d+)"[^>]*?(?:/>|>(.*?)</row>)', re.DOTALL)
VALUE = re.compile(rb"<v>|<is>|<t[ >]")
# A cell holding a formula (the kit's score formula on every row): its value is computed,
# not written, so it makes no row of data.
FORMULA_CELL = re.compile(rb"<c\b[^>]*>(?:(?!</c>).)*?<f[ >/](?:(?!</c>).)*</c>", re.DOTALL)


def answer_placeholders(handbook: Handbook) -> tuple[bytes, ...]:
    """The placeholders the kit fills with answers, as they appear in the XML."""
    keys = dict.fromkeys([*BUILTIN_KEYS, *(a.key for a in handbook.settings.answers),
                          *(f.answer for a in handbook.artefacts for s in a.sections
                            for f in s.fields if f.answer)])
    return tuple(escape(placeholder(k)).encode("utf-8") for k in keys)


def evidence_path(artefact: Artefact) -> str:
    """Where the kit puts the file that holds the artefact's content: a register's rows are
    in its spreadsheet, everything else in its Word document."""
    if artefact.format == "register" and artefact.register is not None:
        return f"{REGISTERS_DIR}/{artefact.id}.xlsx"
    return f"{DOCUMENTS_DIR}/{artefact.id}.docx"


def inspect(folder: Path, artefact: Artefact, marks: tuple[bytes, ...]) -> EvidenceFile:
    relative = evidence_path(artefact)
    path = folder / relative
    if not path.is_file():
        return EvidenceFile(artefact=artefact.id, path=relative, state=MISSING,
                            detail="not in the project folder")
    try:
        with zipfile.ZipFile(path) as archive:
            if relative.endswith(".xlsx"):
                return _register(archive, artefact.id, relative)
            return _document(archive, artefact.id, relative, marks)
    except (OSError, zipfile.BadZipFile, KeyError) as err:
        return EvidenceFile(artefact=artefact.id, path=relative, state=UNREADABLE,
                            detail=f"{relative} cannot be opened ({err}); save it again from "
                                   "Word or Excel")


def _document(archive: zipfile.ZipFile, artefact: str, relative: str,
              marks: tuple[bytes, ...]) -> EvidenceFile:
    xml = b"".join(archive.read(n) for n in archive.namelist() if TEXT_PARTS.match(n))
    left = sorted({m.decode("utf-8") for m in _finder(marks).findall(xml)})
    if left:
        return EvidenceFile(artefact=artefact, path=relative, state=PLACEHOLDERS,
                            detail=f"still holds {', '.join(left)}: fill in the answers")
    guidance = len(GUIDANCE_STYLE.findall(xml))
    if guidance:
        return EvidenceFile(artefact=artefact, path=relative, state=GUIDANCE,
                            detail=f"still holds {guidance} paragraph"
                                   f"{'s' if guidance != 1 else ''} of the PMO's guidance: "
                                   "write the content and delete the guidance, as the "
                                   "template asks")
    return EvidenceFile(artefact=artefact, path=relative, state=FILLED)


@functools.lru_cache(maxsize=8)
def _finder(marks: tuple[bytes, ...]) -> re.Pattern[bytes]:
    """One pattern that finds any of the placeholders in a single pass."""
    return re.compile(b"|".join(re.escape(m) for m in sorted(marks, key=len, reverse=True)))


def _register(archive: zipfile.ZipFile, artefact: str, relative: str) -> EvidenceFile:
    rows = sum(1 for number, body in ROW.findall(_first_sheet(archive))
               if int(number) > 1 and body and VALUE.search(FORMULA_CELL.sub(b"", body)))
    if not rows:
        return EvidenceFile(artefact=artefact, path=relative, state=EMPTY,
                            detail="the register has no rows below its header")
    return EvidenceFile(artefact=artefact, path=relative, state=FILLED,
                        detail=f"{rows} row{'s' if rows != 1 else ''}")


def _first_sheet(archive: zipfile.ZipFile) -> bytes:
    """The XML of the workbook's first sheet (the register; `Lists` and `About` follow)."""
    workbook = archive.read("xl/workbook.xml")
    first = re.search(rb'<sheet\b[^>]*\br:id="([^"]+)"', workbook)
    rels = archive.read("xl/_rels/workbook.xml.rels")
    if first:
        for rel in re.finditer(rb"<Relationship\b[^>]*>", rels):
            tag = rel.group(0)
            if re.search(rb'\bId="' + re.escape(first.group(1)) + rb'"', tag):
                target = re.search(rb'\bTarget="([^"]+)"', tag)
                if target:
                    name = target.group(1).decode("utf-8").lstrip("/")
                    return archive.read(name if name.startswith("xl/") else f"xl/{name}")
    return archive.read("xl/worksheets/sheet1.xml")
