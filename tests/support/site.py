"""Stand-ins for the files the site offers, so site tests need not build Word and the kit."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document

from generator.model import Handbook
from generator.model.render_inputs import RenderInputs


def make_dist(handbook: Handbook, dist: Path) -> Path:
    """Stand-in Word files and kit zip where the site expects them."""
    (dist / "word" / "policies").mkdir(parents=True, exist_ok=True)

    def docx(path: Path) -> None:
        document = Document()
        document.add_paragraph(path.stem)
        document.save(str(path))

    for artefact in handbook.artefacts:
        docx(dist / "word" / f"{artefact.id}.docx")
    for policy in handbook.policies:
        docx(dist / "word" / "policies" / f"{policy.id}.docx")
    docx(dist / "word" / f"pmo-handbook-{handbook.settings.version}.docx")
    with zipfile.ZipFile(dist / f"project-kit-{handbook.settings.version}.zip", "w") as kit:
        kit.writestr("project-kit/cookiecutter.json", "{}")
    return dist


def dist_files(dist: Path) -> dict[str, Path]:
    """Every file below a dist/ folder by its path there, as the pipeline hands them on."""
    return {p.relative_to(dist).as_posix(): p for p in sorted(dist.rglob("*")) if p.is_file()}


def site_inputs(root: Path, dist: Path, *, versioned: bool = False) -> RenderInputs:
    """What the pipeline hands the site renderer for the workspace at `root`."""
    config = root / "mkdocs.yml"
    return RenderInputs(files=dist_files(dist), docs_dir=root / "docs",
                        site_config=config if config.is_file() else None, versioned=versioned)
