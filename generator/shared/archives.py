"""Reproducible zip files: the same content gives the same bytes on every build.

One rule for every entry (`zip_entry`): a fixed date, Unix permissions, deflate.
Office files inside a zip (.docx, .xlsx) can be rewritten by the same rule, with the
creation and modification dates of their core properties set to a given day, so two
builds of one release match byte for byte.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path

NESTED = (".docx", ".xlsx", ".pptx", ".zip")
EPOCH = date(1980, 1, 1)  # the earliest date a zip entry can carry
_CORE_DATES = re.compile(r"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")

Entry = tuple[str, bytes | None]  # (name, content); None for a directory ("name/")


def zip_entry(name: str, when: date) -> zipfile.ZipInfo:
    """The entry `name` dated `when`: 0644 files deflated, 0755 directories stored."""
    info = zipfile.ZipInfo(name, date_time=(max(when.year, 1980), when.month, when.day, 0, 0, 0))
    directory = name.endswith("/")
    info.compress_type = zipfile.ZIP_STORED if directory else zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, so the permissions below are read back
    info.external_attr = ((0o40755 << 16) | 0x10) if directory else (0o100644 << 16)
    return info


def write_zip(entries: Iterable[Entry], when: date) -> bytes:
    """A zip of `entries` in the order given, every entry dated `when`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in entries:
            target.writestr(zip_entry(name, when), content or b"", compresslevel=9)
    return out.getvalue()


def normalise_zip(data: bytes, when: date, *, sort: bool = True,
                  core_date: date | None = None, nested: bool = True) -> bytes:
    """`data` (a zip, .docx or .xlsx) rewritten reproducibly.

    Entries are dated `when` and sorted by name unless `sort` is False (Office files
    keep their order); Office core dates become `core_date` (default `when`); with
    `nested`, Office files and zips inside are rewritten the same way.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = [(i.filename, source.read(i)) for i in source.infolist()]
    if sort:
        entries.sort(key=lambda e: e[0])
    stamp = f"{(core_date or when).isoformat()}T00:00:00Z"
    return write_zip(((name, _normalised(name, content, when, stamp, nested))
                      for name, content in entries), when)


def _normalised(name: str, content: bytes, when: date, stamp: str, nested: bool) -> bytes:
    if nested and name.lower().endswith(NESTED):
        return normalise_zip(content, when, sort=name.lower().endswith(".zip"))
    if name == "docProps/core.xml":
        text = _CORE_DATES.sub(lambda m: f"{m.group(1)}{stamp}{m.group(3)}",
                               content.decode("utf-8"))
        return text.encode("utf-8")
    return content


def zip_folder(folder: Path, target: Path, when: date, *, top: str = "",
               normalise: bool = True) -> Path:
    """Zip everything below `folder` into `target`, sorted by path.

    With `top`, the entries sit in one folder of that name, listed as directory
    entries too; with `normalise`, Office files inside are rewritten reproducibly.
    """
    prefix = f"{top}/" if top else ""
    paths = sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix())
    entries: list[Entry] = [(prefix, None)] if top else []
    for path in paths:
        name = prefix + path.relative_to(folder).as_posix()
        if path.is_dir():
            if top:
                entries.append((f"{name}/", None))
            continue
        content = path.read_bytes()
        if normalise:
            content = _normalised(name, content, when, f"{when.isoformat()}T00:00:00Z", True)
        entries.append((name, content))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(write_zip(entries, when))
    return target


def normalise_file(path: Path, when: date, target: Path | None = None) -> Path:
    """Rewrite the zip (or .docx/.xlsx) at `path` reproducibly, in place or into `target`."""
    out = target or path
    data = normalise_zip(path.read_bytes(), when, sort=path.suffix.lower() == ".zip")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return out
