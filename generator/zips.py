"""Reproducible zip files: the same content gives the same bytes on every build.

Entries get a fixed timestamp (the release date) and fixed permissions; Office files
inside (.docx, .xlsx) are rewritten the same way, with the creation and modification
dates in their core properties set to that date, so two builds of one release match.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

NESTED = (".docx", ".xlsx", ".pptx", ".zip")
_CORE_DATES = re.compile(r"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def _info(name: str, when: date) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(max(when.year, 1980), when.month, when.day, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = ((0o40755 << 16) | 0x10) if name.endswith("/") else (0o100644 << 16)
    return info


def _content(name: str, data: bytes, when: date) -> bytes:
    if name.lower().endswith(NESTED):
        return normalise_zip(data, when, sort=name.lower().endswith(".zip"))
    if name == "docProps/core.xml":
        stamp = f"{when.isoformat()}T00:00:00Z"
        text = _CORE_DATES.sub(lambda m: f"{m.group(1)}{stamp}{m.group(3)}",
                               data.decode("utf-8"))
        return text.encode("utf-8")
    return data


def normalise_zip(data: bytes, when: date, *, sort: bool = True) -> bytes:
    """`data` (a zip) rewritten reproducibly; entry order sorted unless `sort` is False."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = [(i.filename, source.read(i)) for i in source.infolist()]
    if sort:
        entries.sort(key=lambda e: e[0])
    return _write(entries, when)


def _write(entries: list[tuple[str, bytes]], when: date) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in entries:
            target.writestr(_info(name, when), _content(name, content, when),
                            compresslevel=9)
    return out.getvalue()


def zip_folder(folder: Path, target: Path, when: date, *, prefix: str = "") -> Path:
    """Zip every file under `folder` (sorted, `prefix` before each name) into `target`."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    entries = [(prefix + p.relative_to(folder).as_posix(), p.read_bytes()) for p in files]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(_write(entries, when))
    return target


def normalise_file(path: Path, when: date, target: Path | None = None) -> Path:
    """Rewrite the zip (or .docx/.xlsx) at `path` reproducibly, in place or into `target`."""
    out = target or path
    data = normalise_zip(path.read_bytes(), when, sort=path.suffix.lower() == ".zip")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return out
