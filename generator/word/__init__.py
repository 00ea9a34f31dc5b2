"""Word renderer: artefact templates, policy documents and the whole handbook; redlines.

`render_word` writes `<id>.docx` for every artefact, `policies/<id>.docx` for
every policy and `pmo-handbook-<version>.docx`, all in the house style of
templates/word/house-style.toml (see generator.word.styles), proofed in the handbook's
language, with the pictures the pipeline drew (generator.shared.pictures) where they
belong. For a release,
`render_redlines` writes each changed policy and artefact with its changes tracked,
and `write_review_pack` the approvers' review pack (both from generator.model.changes).
"""

from __future__ import annotations

from pathlib import Path

from generator.model import Handbook
from generator.model.render_inputs import RenderInputs
from generator.shared.pictures import read_pictures
from generator.word.artefact import write_artefact_template
from generator.word.handbook import write_handbook_document
from generator.word.house import REQUIRED_STYLES, house_document
from generator.word.policy import write_policy_document
from generator.word.redline import render_redlines
from generator.word.review_pack import write_review_pack

__all__ = ["REQUIRED_STYLES", "render_redlines", "render_word", "write_review_pack"]

def render_word(handbook: Handbook, out_dir: Path, inputs: RenderInputs) -> list[Path]:
    """Write every Word document of the handbook into `out_dir`; return their paths."""
    base = house_document(handbook.settings.language)
    pictures = read_pictures(inputs.files)
    written = [write_artefact_template(base, handbook, artefact, out_dir / f"{artefact.id}.docx")
               for artefact in handbook.artefacts]
    written += [write_policy_document(base, handbook, policy,
                                      out_dir / "policies" / f"{policy.id}.docx", pictures)
                for policy in handbook.policies]
    version = handbook.settings.version
    written.append(write_handbook_document(base, handbook,
                                           out_dir / f"pmo-handbook-{version}.docx", pictures))
    return written
