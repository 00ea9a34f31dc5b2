"""The pictures drawn from the standards, as files the renderers are handed.

generator.figures writes each picture twice, `<name>.svg` (for the site) and `<name>.png`
(for Word), plus one index, `figures.json`, with each picture's title and description
(its alt text) and its print width. The pipeline hands the files on as
`figures/<file>`; `read_pictures` gives the renderers the pictures by name. A picture
that was not drawn is simply absent: a renderer leaves it out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

FOLDER = "figures"
INDEX = "figures.json"


@dataclass(frozen=True, slots=True)
class Picture:
    """One picture: its name (`lifecycle-tier-2`), what it shows and says, its files."""

    name: str
    title: str
    description: str
    print_width_cm: float
    svg: Path
    png: Path

    def svg_text(self) -> str:
        return self.svg.read_text(encoding="utf-8")

    def png_bytes(self) -> bytes:
        return self.png.read_bytes()


def write_index(out_dir: Path, pictures: Iterable[Picture]) -> Path:
    """`figures.json` in `out_dir`: every picture's record, its files by name."""
    records = [{**asdict(p), "svg": p.svg.name, "png": p.png.name} for p in pictures]
    target = out_dir / INDEX
    target.write_text(json.dumps({"pictures": records}, ensure_ascii=False, indent=1) + "\n",
                      encoding="utf-8")
    return target


def read_pictures(files: Mapping[str, Path]) -> dict[str, Picture]:
    """The pictures among the files handed to a renderer (`figures/...`), by name."""
    index = files.get(f"{FOLDER}/{INDEX}")
    if index is None:
        return {}
    records = json.loads(index.read_text(encoding="utf-8"))["pictures"]
    pictures = {}
    for record in records:
        svg, png = files.get(f"{FOLDER}/{record['svg']}"), files.get(f"{FOLDER}/{record['png']}")
        if svg is None or png is None:
            continue
        pictures[record["name"]] = Picture(
            name=record["name"], title=record["title"], description=record["description"],
            print_width_cm=float(record["print_width_cm"]), svg=svg, png=png)
    return pictures
