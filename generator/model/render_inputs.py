"""What the pipeline hands a renderer besides the model.

Every renderer has one signature, `render_<output>(handbook, out_dir, inputs) -> paths`:
it writes into `out_dir` and reads nothing but the model and these inputs, so no
renderer runs another one or knows where the workspace keeps its files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class RenderInputs:
    # Files earlier renderers wrote, by their path below dist/: "word/raid-log.docx",
    # "project-kit-1.0.0.zip". The kit embeds the Word files; the site offers them all.
    files: Mapping[str, Path] = field(default_factory=dict)
    docs_dir: Path | None = None      # the hand-written handbook pages (docs/)
    site_config: Path | None = None   # the workspace's mkdocs.yml, if it has one
    versioned: bool = False           # the site sits in a <version>/ folder of a versioned site
    site_engine: str = "mkdocs"       # the program that builds the site: mkdocs or zensical
