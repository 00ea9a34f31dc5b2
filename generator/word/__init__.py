"""Word renderer: artefact templates, policy documents and the whole handbook.

`render_word` writes `<id>.docx` for every artefact, `policies/<id>.docx` for
every policy and `pmo-handbook-<version>.docx`, all in the house style of
templates/word/house-style.toml (see generator.word.styles).
"""

from __future__ import annotations

from pathlib import Path

from generator.model import Handbook
from generator.model.render_inputs import RenderInputs
from generator.word.artefact import write_artefact_template
from generator.word.handbook import write_handbook_document
from generator.word.policy import write_policy_document
from generator.word.styles import load_house_style
from generator.word.writer import BaseDocument

# Styles the renderer applies; checked before anything is written.
REQUIRED_STYLES = (
    "Normal", "Title", "Subtitle", "Cover Organisation", "Cover Label", "Heading 1",
    "Heading 2", "Heading 3", "Heading 4", "Guidance", "TOC Heading", "TOC 1", "TOC 2",
    "Table Text", "Table Heading", "Table Text Compact",
    "Table Heading Compact", "Caption", "Header", "Footer", "Requirement",
    "Requirement Detail", "Code Block", "Obligation", "Placeholder", "Inline Code", "Link",
)


def render_word(handbook: Handbook, out_dir: Path, inputs: RenderInputs) -> list[Path]:
    """Write every Word document of the handbook into `out_dir`; return their paths."""
    base = BaseDocument(load_house_style())
    base.styles.require(REQUIRED_STYLES)
    written = [write_artefact_template(base, handbook, artefact, out_dir / f"{artefact.id}.docx")
               for artefact in handbook.artefacts]
    written += [write_policy_document(base, handbook, policy,
                                      out_dir / "policies" / f"{policy.id}.docx")
                for policy in handbook.policies]
    version = handbook.settings.version
    written.append(write_handbook_document(base, handbook,
                                           out_dir / f"pmo-handbook-{version}.docx"))
    return written
