"""Byte-identical archives: the kit zip and normalised Office files.

Entries are sorted, carry a fixed timestamp and fixed permissions, so building
the same handbook twice gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
CORE_DATES = re.compile(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _entry(name: str, directory: bool = False) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.create_system = 3  # Unix, so the permissions below are read back
    info.external_attr = ((0o40755 if directory else 0o100644) << 16) | (0x10 if directory else 0)
    info.compress_type = zipfile.ZIP_STORED if directory else zipfile.ZIP_DEFLATED
    return info


def write_zip(source_dir: Path, zip_path: Path, top: str) -> Path:
    """Zip `source_dir` as the single top-level folder `top`, deterministically."""
    paths = sorted(source_dir.rglob("*"), key=lambda p: p.relative_to(source_dir).as_posix())
    with zipfile.ZipFile(zip_path, "w") as archive:
        archive.writestr(_entry(f"{top}/", directory=True), b"")
        for path in paths:
            name = f"{top}/{path.relative_to(source_dir).as_posix()}"
            if path.is_dir():
                archive.writestr(_entry(f"{name}/", directory=True), b"")
            else:
                archive.writestr(_entry(name), path.read_bytes(), compresslevel=9)
    return zip_path


def normalise_ooxml(data: bytes, stamp: str) -> bytes:
    """An Office file's bytes with fixed entry times and core dates set to `stamp`."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                text = CORE_DATES.sub(lambda m: f"{m.group(1)}{stamp}{m.group(3)}",
                                      content.decode("utf-8"))
                content = text.encode("utf-8")
            target.writestr(_entry(info.filename), content, compresslevel=9)
    return output.getvalue()
