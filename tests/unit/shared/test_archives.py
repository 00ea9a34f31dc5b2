"""Reproducible zips: same content, same bytes, whatever the clock says."""

from __future__ import annotations

import io
import time
import zipfile
from datetime import date
from pathlib import Path

import docx
import openpyxl

from generator.shared.archives import normalise_file, zip_folder

WHEN = date(2026, 2, 1)


def office_files(folder: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Hello")
    document.save(folder / "a.docx")
    book = openpyxl.Workbook()
    book.active["A1"] = "Risk"
    book.save(folder / "b.xlsx")


def test_two_builds_give_the_same_bytes(tmp_path: Path) -> None:
    zips = []
    for n in (1, 2):
        folder = tmp_path / f"build{n}"
        (folder / "sub").mkdir(parents=True)
        office_files(folder / "sub")
        (folder / "z.txt").write_text("z")
        for f in (folder / "sub").iterdir():
            normalise_file(f, WHEN)
        zips.append(zip_folder(folder, tmp_path / f"out{n}.zip", WHEN).read_bytes())
        time.sleep(1.1)  # a different second: zip and core-property times would differ
    assert zips[0] == zips[1]
    with zipfile.ZipFile(io.BytesIO(zips[0])) as archive:
        assert archive.namelist() == ["sub/a.docx", "sub/b.xlsx", "z.txt"]
        assert {i.date_time for i in archive.infolist()} == {(2026, 2, 1, 0, 0, 0)}
        inner = zipfile.ZipFile(io.BytesIO(archive.read("sub/b.xlsx")))
        assert "2026-02-01T00:00:00Z" in inner.read("docProps/core.xml").decode()


def test_office_files_still_open(tmp_path: Path) -> None:
    office_files(tmp_path)
    normalise_file(tmp_path / "a.docx", WHEN)
    normalise_file(tmp_path / "b.xlsx", WHEN)
    assert docx.Document(str(tmp_path / "a.docx")).paragraphs[0].text == "Hello"
    assert openpyxl.load_workbook(tmp_path / "b.xlsx").active["A1"].value == "Risk"
    assert docx.Document(str(tmp_path / "a.docx")).core_properties.created.date() == WHEN
